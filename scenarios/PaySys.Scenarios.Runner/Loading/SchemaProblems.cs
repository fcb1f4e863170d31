using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaySys.Scenarios.Engine;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// contracts/scenario.schema.json's errors in words, each at its YAML node: the validator's path
/// (<c>#/steps[2].otp.phone</c>) is walked back through the YAML tree to the node's start mark. The words come from
/// the schema itself (its types, enums, bounds, required and allowed keys, and the descriptions of its <c>not</c>
/// rules), so no rule is stated here.
/// </summary>
public static partial class SchemaProblems
{
    public static IEnumerable<LoadProblem> Of(IEnumerable<SchemaViolation> errors, YamlNode root, string file) =>
        errors.SelectMany(error => Explain(error, root)).Select(p => new LoadProblem(YamlJson.Locate(file, p.At), p.Message));

    private static IEnumerable<(YamlNode At, string Message)> Explain(SchemaViolation error, YamlNode root)
    {
        var path = error.Path.ToList();
        var (key, node) = Find(root, path);
        if (error.Branches.Count > 0)
        {
            if (error.Kind is SchemaViolationKind.NotOneOf or SchemaViolationKind.NotAnyOf && error.Schema is { } schema)
            {
                // The branch meant is the only one whose type and required keys fit; its own errors say more.
                var branches = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
                var json = YamlJson.ToJson(node);
                var fitting = branches.Where(b => Accepts(b.ActualSchema.Type, json)).ToList();
                if (fitting.Count > 1)
                {
                    fitting = [.. fitting.Where(b => HasAll(json, b.ActualSchema))];
                }

                var inner = fitting.Count == 1 ? ErrorsOf(error, fitting[0]) : [];
                return inner.Count > 0
                    ? inner.SelectMany(e => Explain(e, root))
                    : [(node, Alternatives(Name(path), branches.Select(b => b.ActualSchema).ToList(), json))];
            }

        }

        // A required key of something that is not a mapping at all: its type error says it.
        return error.Kind == SchemaViolationKind.PropertyRequired && node is not YamlMappingNode ? [] : [Leaf(error, path, key ?? node, node)];
    }

    private static (YamlNode At, string Message) Leaf(SchemaViolation error, List<object> path, YamlNode key, YamlNode node)
    {
        var owner = path.Count > 0 && path[^1] is string ? path[..^1] : path;
        var schema = error.Schema.ActualSchema;
        var value = YamlJson.ToJson(node);
        return error.Kind switch
        {
            SchemaViolationKind.PropertyRequired => (node, $"{Name(owner)} needs {error.Property}"),
            SchemaViolationKind.NoAdditionalPropertiesAllowed => (key, UnknownKey(error.Property ?? "", Name(owner), schema)),
            SchemaViolationKind.NotInEnumeration => (node, $"{Name(path)} must be {Choice([.. schema.Enumeration?.Select(EnumText) ?? []], "or")}, not {Describe(node)}"),
            SchemaViolationKind.NumberTooSmall or SchemaViolationKind.NumberTooBig => (node, $"{Name(path)} must be {Range(schema)}, not {value}"),
            SchemaViolationKind.StringTooShort => (node, $"{Name(path)} must not be empty"),
            SchemaViolationKind.PatternMismatch => (node, $"{Name(path)} must match {schema?.Pattern}{Described(schema)}"),
            SchemaViolationKind.TooFewItems => (node, $"{Name(path)} is empty: it needs at least {(schema?.MinItems is 1 ? "one item" : $"{schema?.MinItems} items")}"),
            SchemaViolationKind.ExcludedSchemaValidates => (node, $"{Name(path)}: {schema?.Not?.Description ?? "a combination of keys the schema excludes"}"),
            SchemaViolationKind.TypeMismatch =>
                (node, $"{Name(path)} must be {Types(schema.Type)}, not {Describe(node)}{QuoteHint(node, schema)}"),
            _ => (node, $"{Name(path)}: {error.Kind} (contracts/scenario.schema.json)"),
        };
    }

    private static string EnumText(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    /// <summary>No branch of a oneOf fits: name the keys that choose one, or the types it takes.</summary>
    private static string Alternatives(string what, List<ContractSchema> branches, JsonNode? json)
    {
        if (branches.All(b => b.RequiredProperties.Count > 0))
        {
            var choices = branches.Select(b => b.RequiredProperties.Count == 1 ? b.RequiredProperties[0] : $"({string.Join(" and ", b.RequiredProperties)})").ToList();
            var present = branches.Where(b => HasAll(json, b)).SelectMany(b => b.RequiredProperties).ToList();
            return present.Count == 0
                ? $"{what} needs one of {string.Join(", ", choices)}"
                : $"{what} has {string.Join(" and ", present)}: it takes exactly one of {string.Join(", ", choices)}";
        }

        return $"{what} must be {Types(branches.Aggregate(SchemaTypes.None, (t, b) => t | b.Type))}, not {Describe(json)}";
    }

    private static string UnknownKey(string key, string owner, ContractSchema? schema)
    {
        var allowed = schema?.Properties.Keys.ToList() ?? [];
        var guess = allowed.Where(a => Distance(key, a) <= Math.Max(1, key.Length / 3)).MinBy(a => Distance(key, a));
        return $"unknown key '{key}' in {owner}{(guess is null ? "" : $" (did you mean '{guess}'?)")}" +
               (allowed.Count > 0 ? $"; allowed: {string.Join(", ", allowed)}" : Described(schema));
    }

    /// <summary>Edits (insert, delete, change one letter) between two keys; only to suggest a misspelt key.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0]++;
            for (var j = 1; j <= b.Length; j++)
            {
                (diagonal, row[j]) = (row[j], Math.Min(Math.Min(row[j], row[j - 1]) + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)));
            }
        }

        return row[b.Length];
    }

    private static List<SchemaViolation> ErrorsOf(SchemaViolation choice, ContractSchema branch) =>
        [.. choice.Branches.Where(b => ReferenceEquals(b.Branch, branch) || ReferenceEquals(b.Branch.ActualSchema, branch.ActualSchema)).SelectMany(b => b.Violations)];

    private static bool Accepts(SchemaTypes type, JsonNode? json) => type == SchemaTypes.None || json switch
    {
        JsonObject => type.HasFlag(SchemaTypes.Object),
        JsonArray => type.HasFlag(SchemaTypes.Array),
        null => type.HasFlag(SchemaTypes.Null),
        _ => json.GetValueKind() switch
        {
            JsonValueKind.String => type.HasFlag(SchemaTypes.String),
            JsonValueKind.Number => type.HasFlag(SchemaTypes.Number) || type.HasFlag(SchemaTypes.Integer),
            _ => type.HasFlag(SchemaTypes.Boolean),
        },
    };

    private static bool HasAll(JsonNode? json, ContractSchema schema) =>
        json is JsonObject obj && schema.RequiredProperties.All(obj.ContainsKey);

    private static string Types(SchemaTypes type)
    {
        (SchemaTypes Flag, string Words)[] names =
        [
            (SchemaTypes.Integer, "an integer"), (SchemaTypes.Number, "a number"), (SchemaTypes.String, "a string"),
            (SchemaTypes.Boolean, "true or false"), (SchemaTypes.Object, "a mapping (key: value lines)"),
            (SchemaTypes.Array, "a list (lines starting with '- ')"), (SchemaTypes.Null, "empty"),
        ];
        return Choice([.. names.Where(n => type.HasFlag(n.Flag)).Select(n => n.Words)], "or");
    }

    private static string Range(ContractSchema? schema) => (schema?.Minimum, schema?.Maximum) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}"),
        ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"at least {min}"),
        (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"at most {max}"),
        (null, null) when schema?.ExclusiveMinimum is { } above => string.Create(CultureInfo.InvariantCulture, $"more than {above}"),
        _ => "in range",
    };

    /// <summary>"a", "a or b", "one of a, b, c".</summary>
    private static string Choice(List<string> words, string conjunction) => words.Count switch
    {
        0 => "something else",
        1 => words[0],
        2 => $"{words[0]} {conjunction} {words[1]}",
        _ => $"one of {string.Join(", ", words)}",
    };

    private static string Described(ContractSchema? schema) => schema?.Description is { } text ? $" ({text})" : "";

    private static string QuoteHint(YamlNode node, ContractSchema? schema) =>
        schema is not null && schema.Type.HasFlag(SchemaTypes.String) && node is YamlScalarNode { Value: { } text } && !YamlJson.IsNull(node)
            ? $" (quote it: \"{text}\")"
            : "";

    private static string Describe(YamlNode node) => node is YamlScalarNode scalar && YamlJson.ToJson(scalar) is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? $"the string \"{Shorten(scalar.Value ?? "")}\""
        : Describe(YamlJson.ToJson(node));

    private static string Describe(JsonNode? json) => json switch
    {
        null => "empty",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => json.GetValueKind() switch
        {
            JsonValueKind.Number => $"the number {json.ToJsonString()}",
            JsonValueKind.String => $"the string \"{Shorten(json.GetValue<string>())}\"",
            _ => $"the boolean {json.ToJsonString()}",
        },
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>How a message names a place: "the scenario", "step 3", "step 3: otp.phone", "vars.x".</summary>
    private static string Name(List<object> path)
    {
        if (path.Count == 0)
        {
            return "the scenario";
        }

        var (prefix, rest) = path is ["steps", int index, ..] ? ($"step {index + 1}", path[2..]) : ("", path);
        var tail = string.Concat(rest.Select((s, i) => s is int n ? $"[{n}]" : i == 0 ? $"{s}" : $".{s}"));
        return prefix.Length == 0 ? tail : tail.Length == 0 ? prefix : $"{prefix}: {tail}";
    }

    /// <summary>The node at a path (or the nearest one above it), and the key it stands under.</summary>
    private static (YamlNode? Key, YamlNode Node) Find(YamlNode root, List<object> path)
    {
        (YamlNode? Key, YamlNode Node) current = (null, root);
        foreach (var segment in path)
        {
            (YamlNode?, YamlNode)? next = (segment, current.Node) switch
            {
                (int index, YamlSequenceNode list) when index < list.Children.Count => (null, list.Children[index]),
                (string name, YamlMappingNode map) => map.Children.Where(p => YamlJson.KeyOf(p.Key) == name).Select(p => ((YamlNode?)p.Key, p.Value)).FirstOrDefault() is { Item2: not null } found ? found : null,
                _ => null,
            };
            if (next is not { } step)
            {
                break;
            }

            current = step;
        }

        return current;
    }
}
