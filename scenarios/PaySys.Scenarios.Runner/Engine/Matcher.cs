using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Engine;

/// <summary>One place where an answer differs from what a step expected.</summary>
public sealed record Mismatch(string Path, string Expected, string Actual)
{
    public override string ToString() => $"{Path}: expected {Expected}, got {Actual}";
}

/// <summary>
/// Subset matching of an expected JSON value against an answer: objects need the listed members only, arrays the
/// same length, scalars the same JSON type and value (numbers by value). A mapping whose keys all start with $
/// is a matcher: $any, $type, $regex, $contains, $gt, $gte, $lt, $lte, $ne, $absent (several may combine).
/// </summary>
public static class Matcher
{
    public static readonly IReadOnlyList<string> Operators = ["$any", "$type", "$regex", "$contains", "$gt", "$gte", "$lt", "$lte", "$ne", "$absent"];

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly IReadOnlyList<string> TypeNames = ["string", "integer", "number", "boolean", "null", "object", "array"];

    /// <summary>Null when <paramref name="op"/> with this operand is a valid matcher; else what is wrong. An operand that is still a <c>${var}</c> is not checked.</summary>
    public static string? CheckOperand(string op, JsonNode? operand, bool known)
    {
        if (!Operators.Contains(op))
        {
            return $"unknown matcher {op}; use one of {string.Join(", ", Operators)}";
        }

        if (!known)
        {
            return null;
        }

        return op switch
        {
            "$any" or "$absent" when operand is not JsonValue v || v.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) => $"{op} takes true or false",
            "$any" when operand!.GetValue<bool>() is false => "$any: false can never hold; use $absent: true",
            "$type" when operand is not JsonValue t || t.GetValueKind() != JsonValueKind.String || !TypeNames.Contains(t.GetValue<string>()) =>
                $"$type takes one of {string.Join(", ", TypeNames)}",
            "$regex" when operand is not JsonValue r || r.GetValueKind() != JsonValueKind.String => "$regex takes a pattern string",
            "$regex" when PatternProblem(operand!.GetValue<string>()) is { } problem => problem,
            "$gt" or "$gte" or "$lt" or "$lte" when Number(operand) is null => $"{op} takes a number",
            "$contains" when operand is null => "$contains takes a string (for text) or a value (for an array element)",
            _ => null,
        };
    }

    /// <summary>Every mismatch between <paramref name="expected"/> and the answer (empty when it holds).</summary>
    public static IReadOnlyList<Mismatch> Match(JsonNode? expected, JsonNode? actual, string path, bool present = true)
    {
        var mismatches = new List<Mismatch>();
        Match(expected, present, actual, path, mismatches);
        return mismatches;
    }

    /// <summary>JSON equality with numbers compared by value (1 equals 1.0).</summary>
    public static bool JsonEquals(JsonNode? a, JsonNode? b)
    {
        var (kindA, kindB) = (KindOf(a), KindOf(b));
        if (kindA != kindB)
        {
            return false;
        }

        return kindA switch
        {
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => true,
            JsonValueKind.Number => Number(a) is { } x && Number(b) is { } y ? x == y : a!.ToJsonString() == b!.ToJsonString(),
            JsonValueKind.String => a!.GetValue<string>() == b!.GetValue<string>(),
            JsonValueKind.Array => a!.AsArray().Count == b!.AsArray().Count && a.AsArray().Zip(b.AsArray()).All(p => JsonEquals(p.First, p.Second)),
            _ => a!.AsObject().Count == b!.AsObject().Count &&
                 a.AsObject().All(p => b.AsObject().TryGetPropertyValue(p.Key, out var other) && JsonEquals(p.Value, other)),
        };
    }

    public static bool IsMatcher(JsonNode? node) =>
        node is JsonObject obj && obj.Count > 0 && obj.All(p => p.Key.StartsWith('$'));

    public static string TypeName(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => Number(node) is { } n && n == decimal.Truncate(n) && !node!.ToJsonString().Contains('.', StringComparison.Ordinal) ? "integer" : "number",
    };

    /// <summary>Compact JSON for reports, with + and non-ASCII text as written rather than \u-escaped.</summary>
    public static string Show(JsonNode? node)
    {
        var text = Json(node);
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    /// <summary>Compact JSON, not shortened, with + and non-ASCII text as written.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    private static void Match(JsonNode? expected, bool present, JsonNode? actual, string path, List<Mismatch> mismatches)
    {
        if (IsMatcher(expected))
        {
            foreach (var (op, operand) in expected!.AsObject())
            {
                if (Apply(op, operand, present, actual) is { } expectation)
                {
                    mismatches.Add(new Mismatch(path, expectation, present ? Show(actual) : "nothing (the member is absent)"));
                }
            }

            return;
        }

        if (!present)
        {
            mismatches.Add(new Mismatch(path, Show(expected), "nothing (the member is absent)"));
            return;
        }

        switch (expected)
        {
            case JsonObject members when actual is JsonObject answer:
                foreach (var (name, value) in members)
                {
                    var has = answer.TryGetPropertyValue(name, out var actualValue);
                    Match(value, has, actualValue, $"{path}.{name}", mismatches);
                }

                break;
            case JsonArray items when actual is JsonArray answer:
                if (items.Count != answer.Count)
                {
                    mismatches.Add(new Mismatch(path, $"an array of {items.Count}", $"{answer.Count} items: {Show(answer)}"));
                    break;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Match(items[i], true, answer[i], $"{path}[{i}]", mismatches);
                }

                break;
            case JsonObject or JsonArray:
                mismatches.Add(new Mismatch(path, $"{(expected is JsonObject ? "an object" : "an array")} {Show(expected)}", $"{TypeName(actual)} {Show(actual)}"));
                break;
            default:
                if (!JsonEquals(expected, actual))
                {
                    var typeNote = KindOf(expected) != KindOf(actual) && !(expected is null || actual is null) ? $" ({TypeName(actual)}, not {TypeName(expected)})" : "";
                    mismatches.Add(new Mismatch(path, Show(expected), Show(actual) + typeNote));
                }

                break;
        }
    }

    /// <summary>Null when the matcher holds, else what it expected.</summary>
    private static string? Apply(string op, JsonNode? operand, bool present, JsonNode? actual)
    {
        if (op == "$absent")
        {
            var wantAbsent = operand is JsonValue v && v.GetValueKind() == JsonValueKind.True;
            return present == wantAbsent ? (wantAbsent ? "the member to be absent" : "the member to be present") : null;
        }

        if (!present)
        {
            return $"{op} {Show(operand)}";
        }

        return op switch
        {
            "$any" => null,
            "$type" => TypeMatches(operand?.GetValue<string>() ?? "", actual) ? null : $"a value of type {operand}",
            "$regex" => actual is JsonValue s && s.GetValueKind() == JsonValueKind.String &&
                        Regex.IsMatch(s.GetValue<string>(), operand!.GetValue<string>(), RegexOptions.None, PagePattern.Timeout)
                ? null
                : $"a string matching /{operand}/",
            "$contains" => Contains(actual, operand) ? null : $"something containing {Show(operand)}",
            "$ne" => JsonEquals(operand, actual) ? $"anything but {Show(operand)}" : null,
            "$gt" or "$gte" or "$lt" or "$lte" => Compare(op, actual, operand),
            _ => $"a known matcher, not {op}",
        };
    }

    private static string? Compare(string op, JsonNode? actual, JsonNode? operand)
    {
        var (value, limit) = (Number(actual), Number(operand));
        var holds = value is not null && limit is not null && op switch
        {
            "$gt" => value > limit,
            "$gte" => value >= limit,
            "$lt" => value < limit,
            _ => value <= limit,
        };
        var sign = op switch { "$gt" => ">", "$gte" => ">=", "$lt" => "<", _ => "<=" };
        return holds ? null : $"a number {sign} {Show(operand)}";
    }

    private static bool Contains(JsonNode? actual, JsonNode? operand) => actual switch
    {
        JsonValue s when s.GetValueKind() == JsonValueKind.String =>
            s.GetValue<string>().Contains(Interpolator.AsText(operand), StringComparison.Ordinal),
        JsonArray items => items.Any(item => Match(operand, item, "").Count == 0),
        _ => false,
    };

    private static bool TypeMatches(string type, JsonNode? actual) => type switch
    {
        "number" => KindOf(actual) == JsonValueKind.Number,
        _ => TypeName(actual) == type,
    };

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>A JSON number's value whatever CLR type the node holds (JsonValue.GetValue does not convert long to decimal).</summary>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
        decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static string? PatternProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, PagePattern.Timeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"$regex '{pattern}' is not a regex: {e.Message}";
        }
    }
}
