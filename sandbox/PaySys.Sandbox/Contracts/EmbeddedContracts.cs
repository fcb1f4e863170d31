using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PaySys.Sandbox.Contracts;

/// <summary>Reads the catalogues under contracts/ that the build embeds into the server.</summary>
public static class EmbeddedContracts
{
    public const string ErrorsResource = "contracts/errors.json";
    public const string CardsResource = "contracts/cards.json";
    public const string AccountsResource = "contracts/accounts.json";
    public const string OpenRpcResource = "contracts/openrpc.json";

    public static T Read<T>(string resourceName, JsonTypeInfo<T> typeInfo)
    {
        using var stream = Open(resourceName);
        return JsonSerializer.Deserialize(stream, typeInfo)
            ?? throw new InvalidOperationException($"Embedded contract '{resourceName}' is empty.");
    }

    /// <summary>An embedded contract as a JSON document, for contracts the server passes on rather than reads.</summary>
    public static JsonDocument ReadDocument(string resourceName)
    {
        using var stream = Open(resourceName);
        return JsonDocument.Parse(stream);
    }

    private static Stream Open(string resourceName) =>
        typeof(EmbeddedContracts).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded contract '{resourceName}' is missing from the build.");
}
