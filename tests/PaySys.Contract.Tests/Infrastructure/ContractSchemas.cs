using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// The contract the suite holds every response to: contracts/schemas ({method}.result.json,
/// envelope.response.json, error.json) and, per method, the error codes contracts/openrpc.json declares.
/// The files are copied next to the test assembly; without the copy they are read from the repository
/// (the folder that holds PaySysSandbox.sln, found by walking up from the test assembly).
/// </summary>
public sealed class ContractSchemas
{
    public const string RpcDiscover = "rpc.discover";

    /// <summary>
    /// rpc.discover has no result schema of its own in contracts/schemas (it is the sandbox's OpenRPC service
    /// discovery): its result must at least be an OpenRPC 1.x document with methods.
    /// </summary>
    private const string DiscoverResultSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "rpc.discover result (OpenRPC document)",
          "type": "object",
          "required": ["openrpc", "info", "methods"],
          "properties": {
            "openrpc": {"type": "string", "pattern": "^1\\.[0-9]+\\.[0-9]+$"},
            "info": {"type": "object", "required": ["title", "version"]},
            "methods": {
              "type": "array",
              "minItems": 1,
              "items": {"type": "object", "required": ["name", "params", "result"], "properties": {"name": {"type": "string"}}}
            }
          }
        }
        """;

    private readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema?>>> results = new(StringComparer.Ordinal);
    private readonly Lazy<Task<JsonSchema>> envelope;
    private readonly Lazy<Task<JsonSchema>> error;
    private readonly Lazy<Task<JsonSchema>> discover = new(() => JsonSchema.FromJsonAsync(DiscoverResultSchema));
    private readonly Lazy<Dictionary<string, IReadOnlySet<int>>> declaredErrors;

    public ContractSchemas(string contractsDirectory)
    {
        ContractsDirectory = contractsDirectory;
        envelope = new(() => JsonSchema.FromFileAsync(SchemaPath("envelope.response.json")));
        error = new(() => JsonSchema.FromFileAsync(SchemaPath("error.json")));
        declaredErrors = new(ReadDeclaredErrors);
    }

    /// <summary>The contracts of this checkout.</summary>
    public static ContractSchemas Default { get; } = new(FindContractsDirectory());

    public string ContractsDirectory { get; }

    public string SchemasDirectory => Path.Combine(ContractsDirectory, "schemas");

    /// <summary>The methods of contracts/openrpc.json, sorted.</summary>
    public IReadOnlyList<string> Methods => [.. declaredErrors.Value.Keys.Order(StringComparer.Ordinal)];

    public Task<JsonSchema> EnvelopeAsync() => envelope.Value;

    public Task<JsonSchema> ErrorAsync() => error.Value;

    /// <summary>The result schema of <paramref name="method"/>, or null when the contract has none.</summary>
    public Task<JsonSchema?> ResultAsync(string method) =>
        method == RpcDiscover
            ? DiscoverAsync()
            : results.GetOrAdd(method, m => new Lazy<Task<JsonSchema?>>(() => LoadResultAsync(m))).Value;

    /// <summary>The file a method's result is checked against, for messages.</summary>
    public static string ResultSchemaName(string method) =>
        method == RpcDiscover ? "the suite's OpenRPC shape check" : $"schemas/{method}.result.json";

    /// <summary>The error codes openrpc.json declares for <paramref name="method"/>; null for a method it does not describe.</summary>
    public IReadOnlySet<int>? DeclaredErrors(string method) =>
        declaredErrors.Value.TryGetValue(method, out var codes) ? codes : null;

    private async Task<JsonSchema?> DiscoverAsync() => await discover.Value;

    private async Task<JsonSchema?> LoadResultAsync(string method)
    {
        // A method name from the wire never becomes a path unless it is one of the contract's methods.
        var path = SchemaPath($"{method}.result.json");
        return declaredErrors.Value.ContainsKey(method) && File.Exists(path) ? await JsonSchema.FromFileAsync(path) : null;
    }

    private string SchemaPath(string file) => Path.Combine(SchemasDirectory, file);

    private Dictionary<string, IReadOnlySet<int>> ReadDeclaredErrors()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractsDirectory, "openrpc.json")))!;
        return document["methods"]!.AsArray().ToDictionary(
            method => method!["name"]!.GetValue<string>(),
            method => (IReadOnlySet<int>)method!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).ToHashSet(),
            StringComparer.Ordinal);
    }

    private static string FindContractsDirectory()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "contracts");
        if (File.Exists(Path.Combine(copied, "openrpc.json")))
        {
            return copied;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PaySysSandbox.sln")))
            {
                return Path.Combine(directory.FullName, "contracts");
            }
        }

        throw new InvalidOperationException($"contracts/ is neither next to {AppContext.BaseDirectory} nor in a folder above it with PaySysSandbox.sln");
    }
}
