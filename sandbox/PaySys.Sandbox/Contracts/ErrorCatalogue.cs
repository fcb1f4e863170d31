using System.Collections.Frozen;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Contracts;

/// <summary>One entry of contracts/errors.json.</summary>
public sealed record ErrorDefinition(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("message")] string Message);

public sealed record ErrorCatalogueDocument(
    [property: JsonPropertyName("errors")] IReadOnlyList<ErrorDefinition> Errors);

/// <summary>The error codes of the gateway, loaded once from the embedded contracts/errors.json.</summary>
public sealed class ErrorCatalogue
{
    private readonly FrozenDictionary<string, ErrorDefinition> byName;

    public ErrorCatalogue(IReadOnlyList<ErrorDefinition> errors)
    {
        All = errors;
        byName = errors.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public static ErrorCatalogue Embedded { get; } =
        new(EmbeddedContracts.Read(EmbeddedContracts.ErrorsResource, SandboxJsonContext.Default.ErrorCatalogueDocument).Errors);

    public IReadOnlyList<ErrorDefinition> All { get; }

    public bool Contains(int code) => All.Any(e => e.Code == code);

    public ErrorDefinition ByCode(int code) =>
        All.FirstOrDefault(e => e.Code == code)
            ?? throw new InvalidOperationException($"contracts/errors.json has no error with code {code}.");

    public ErrorDefinition this[string name] =>
        byName.TryGetValue(name, out var error)
            ? error
            : throw new InvalidOperationException($"contracts/errors.json has no error named '{name}'.");
}
