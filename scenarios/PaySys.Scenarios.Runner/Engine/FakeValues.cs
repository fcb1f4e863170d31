using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;

namespace PaySys.Scenarios.Engine;

/// <summary>
/// <c>${fake.*}</c> values from Bogus with a seed fixed per file: every run of a file draws the same values in
/// the same order. Each reference draws a new value; keep one in <c>vars</c> to use it twice.
/// </summary>
public sealed class FakeValues
{
    public const string Prefix = "fake.";

    private static readonly Dictionary<string, Func<Faker, JsonNode>> Generators = new(StringComparer.Ordinal)
    {
        ["order_id"] = f => JsonValue.Create("ORD-" + f.Random.Replace("########")),
        ["uuid"] = f => JsonValue.Create(f.Random.Guid().ToString()),
        ["note"] = f => JsonValue.Create(f.Lorem.Sentence(4)),
        ["name"] = f => JsonValue.Create(f.Name.FullName()),
        ["amount"] = f => JsonValue.Create(f.Random.Long(10, 5_000) * 100),
        ["phone"] = f => JsonValue.Create("99890" + f.Random.Replace("#######")),
        ["word"] = f => JsonValue.Create(f.Lorem.Word()),
        ["digits"] = f => JsonValue.Create(f.Random.Replace("############")),
    };

    private readonly Faker faker;
    private readonly Lock gate = new();

    public FakeValues(int seed)
    {
        faker = new Faker("en") { Random = new Randomizer(seed) };
    }

    /// <summary>The kinds after <c>fake.</c>: order_id, uuid, note, name, amount, phone, word, digits.</summary>
    public static IReadOnlyCollection<string> Kinds => Generators.Keys;

    public static bool IsKnown(string kind) => Generators.ContainsKey(kind);

    /// <summary>A stable seed for a file (not string.GetHashCode, which changes per process).</summary>
    public static int SeedFor(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    public JsonNode Next(string kind)
    {
        if (!Generators.TryGetValue(kind, out var generate))
        {
            throw new StepFailedException(string.Create(CultureInfo.InvariantCulture,
                $"there is no ${{fake.{kind}}}; use one of {string.Join(", ", Kinds.Select(k => "fake." + k))}"));
        }

        lock (gate)
        {
            return generate(faker);
        }
    }
}
