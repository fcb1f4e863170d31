using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaySys.Client;

namespace PaySys.Scenarios.Engine;

/// <summary>A code of contracts/errors.json.</summary>
public sealed record CatalogueError(int Code, string Name, string Message);

/// <summary>
/// The contracts the runner checks answers against, embedded from contracts/ at build time (one source of
/// truth, nothing to find at run time): every method's result schema, the error object's schema, the error
/// catalogue, and the scenario file schema.
/// </summary>
public sealed class Contracts
{
    private const string SchemaPrefix = "contracts/schemas/";
    private const string ResultSuffix = ".result.json";

    private static readonly Assembly Assembly = typeof(Contracts).Assembly;
    private static readonly Lazy<Contracts> Instance = new(() => new Contracts());

    private readonly ConcurrentDictionary<string, Lazy<ContractSchema>> schemas = new(StringComparer.Ordinal);

    private Contracts()
    {
        Methods = [.. PaySysMethods.All.Order(StringComparer.Ordinal)];

        using var errors = JsonDocument.Parse(Read("contracts/errors.json"));
        Errors = [.. errors.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => new CatalogueError(e.GetProperty("code").GetInt32(), e.GetProperty("name").GetString()!, e.GetProperty("message").GetString()!))];
    }

    public static Contracts Embedded => Instance.Value;

    /// <summary>The gateway's methods (contracts/openrpc.json, through the client's generated PaySysMethods), sorted; each has a result schema.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>contracts/errors.json in its order.</summary>
    public IReadOnlyList<CatalogueError> Errors { get; }

    /// <summary>contracts/scenario.schema.json's verdict on a scenario file (as JSON).</summary>
    public IReadOnlyList<SchemaViolation> ValidateScenario(JsonNode? scenario) => Schema("contracts/scenario.schema.json").Validate(scenario);

    /// <summary>What is wrong with a method's result by its contract schema; empty when valid or when the method has no schema.</summary>
    public IReadOnlyList<string> CheckResult(string method, JsonNode? result) =>
        Methods.Contains(method) ? Check(Schema($"{SchemaPrefix}{method}{ResultSuffix}"), result) : [];

    /// <summary>What is wrong with an error object by contracts/schemas/error.json.</summary>
    public IReadOnlyList<string> CheckError(RpcError error)
    {
        var value = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        if (error.Data is not null)
        {
            value["data"] = error.Data.DeepClone();
        }

        return Check(Schema(SchemaPrefix + "error.json"), value);
    }

    /// <summary>What is wrong with a value by a schema, one line per violation (a oneOf's branches indented below it).</summary>
    public static IReadOnlyList<string> Check(ContractSchema schema, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return [.. Flatten(schema.Validate(value))];
    }

    private static IEnumerable<string> Flatten(IEnumerable<SchemaViolation> violations)
    {
        foreach (var violation in violations)
        {
            yield return $"{violation.PathText}: {violation.Kind}";
            foreach (var nested in violation.Branches.SelectMany(b => Flatten(b.Violations)).Distinct())
            {
                yield return "  " + nested;
            }
        }
    }

    private ContractSchema Schema(string resource) =>
        schemas.GetOrAdd(resource, name => new Lazy<ContractSchema>(() => ContractSchema.Parse(Read(name)))).Value;

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the runner was built without {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
