using System.Text.Json.Nodes;

namespace PaySys.Scenarios.Engine;

/// <summary>A file's variables: its <c>vars</c>, what steps saved, the built-ins, and <c>${fake.*}</c>.</summary>
public sealed class Variables(FakeValues fakes)
{
    public const string Now = "now";
    public const string ServiceId = "service_id";
    public const string BaseUrl = "base_url";

    private readonly Dictionary<string, JsonNode?> values = new(StringComparer.Ordinal);

    /// <summary>Set by the runner: the tenant's virtual time (refreshed before each step that reads it), service id and sandbox URL.</summary>
    public static IReadOnlyList<string> BuiltIns { get; } = [Now, ServiceId, BaseUrl];

    public IReadOnlyDictionary<string, JsonNode?> All => values;

    public void Set(string name, JsonNode? value) => values[name] = value?.DeepClone();

    public JsonNode? Resolve(string name)
    {
        if (name.StartsWith(FakeValues.Prefix, StringComparison.Ordinal))
        {
            return fakes.Next(name[FakeValues.Prefix.Length..]);
        }

        return values.TryGetValue(name, out var value)
            ? value
            : throw new StepFailedException($"unknown variable ${{{name}}}; known: {string.Join(", ", values.Keys.Order(StringComparer.Ordinal))}");
    }

    public JsonNode? Interpolate(JsonNode? node) => Interpolator.Apply(node, Resolve);

    public string Text(string text) => Interpolator.Text(text, Resolve);
}
