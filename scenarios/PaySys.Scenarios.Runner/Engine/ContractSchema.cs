using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Engine;

/// <summary>The JSON types a schema's <c>type</c> names.</summary>
[Flags]
#pragma warning disable CA1720 // The members are JSON Schema's own type names.
public enum SchemaTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Object = 32,
    Array = 64,
}
#pragma warning restore CA1720

/// <summary>What a value breaks in a schema.</summary>
public enum SchemaViolationKind
{
    TypeMismatch,
    PropertyRequired,
    NoAdditionalPropertiesAllowed,
    NotInEnumeration,
    NumberTooSmall,
    NumberTooBig,
    StringTooShort,
    StringTooLong,
    PatternMismatch,
    FormatMismatch,
    TooFewItems,
    ExcludedSchemaValidates,
    NotOneOf,
    NotAnyOf,
}

/// <summary>
/// One thing a value breaks: where (names and indexes from the root), which rule of which schema, and for a
/// <c>oneOf</c>/<c>anyOf</c> each branch with what the value breaks in it.
/// </summary>
public sealed record SchemaViolation(
    SchemaViolationKind Kind,
    IReadOnlyList<object> Path,
    string? Property,
    ContractSchema Schema,
    IReadOnlyList<(ContractSchema Branch, IReadOnlyList<SchemaViolation> Violations)> Branches)
{
    /// <summary><c>#/steps[2].otp</c>, as the runner's messages print a place in a JSON value.</summary>
    public string PathText => "#" + string.Concat(Path.Select((s, i) => s is int n ? $"[{n.ToString(CultureInfo.InvariantCulture)}]" : i == 0 ? $"/{s}" : $".{s}"));
}

/// <summary>
/// The part of JSON Schema (draft-07) the contracts use, read into a tree and checked by hand, so the runner needs
/// no reflection and runs inside the Native-AOT server binary: type, properties, required, additionalProperties,
/// patternProperties, enum, minimum, maximum, exclusiveMinimum, minLength, maxLength, pattern, format uri,
/// items, minItems, allOf, oneOf, anyOf, not and <c>#/definitions/…</c> references. Anything else in a schema is ignored.
/// </summary>
public sealed class ContractSchema
{
    private readonly JsonObject json;
    private readonly ContractSchema root;
    private readonly Dictionary<string, ContractSchema> definitions;
    private ContractSchema? resolved;

    private ContractSchema(JsonObject json, ContractSchema? root)
    {
        this.json = json;
        this.root = root ?? this;
        definitions = root is null ? [] : root.definitions;
        Type = json["type"] switch
        {
            JsonArray names => names.Aggregate(SchemaTypes.None, (t, n) => t | TypeOf(n!.GetValue<string>())),
            JsonValue name => TypeOf(name.GetValue<string>()),
            _ => SchemaTypes.None,
        };
        Description = json["description"]?.GetValue<string>();
        Properties = json["properties"] is JsonObject properties
            ? properties.ToDictionary(p => p.Key, p => Child(p.Value), StringComparer.Ordinal)
            : [];
        PatternProperties = json["patternProperties"] is JsonObject patterns
            ? [.. patterns.Select(p => (new Regex(p.Key, RegexOptions.CultureInvariant), Child(p.Value)))]
            : [];
        RequiredProperties = json["required"] is JsonArray required ? [.. required.Select(r => r!.GetValue<string>())] : [];
        AllowsAdditionalProperties = json["additionalProperties"] is not JsonValue flag || flag.GetValue<bool>();
        AdditionalProperties = json["additionalProperties"] is JsonObject additional ? Child(additional) : null;
        Enumeration = json["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : null;
        Minimum = Number(json["minimum"]);
        Maximum = Number(json["maximum"]);
        ExclusiveMinimum = Number(json["exclusiveMinimum"]);
        MinLength = (int?)Number(json["minLength"]);
        MaxLength = (int?)Number(json["maxLength"]);
        Pattern = json["pattern"]?.GetValue<string>();
        Format = json["format"]?.GetValue<string>();
        MinItems = (int?)Number(json["minItems"]);
        Items = json["items"] is JsonObject items ? Child(items) : null;
        OneOf = json["oneOf"] is JsonArray oneOf ? [.. oneOf.Select(Child)] : [];
        AllOf = json["allOf"] is JsonArray allOf ? [.. allOf.Select(Child)] : [];
        AnyOf = json["anyOf"] is JsonArray anyOf ? [.. anyOf.Select(Child)] : [];
        Not = json["not"] is JsonObject not ? Child(not) : null;
        Reference = json["$ref"]?.GetValue<string>();

        if (root is null && json["definitions"] is JsonObject defined)
        {
            foreach (var (name, schema) in defined)
            {
                definitions[name] = Child(schema);
            }
        }
    }

    public SchemaTypes Type { get; }

    public string? Description { get; }

    public IReadOnlyDictionary<string, ContractSchema> Properties { get; }

    public IReadOnlyList<(Regex Pattern, ContractSchema Schema)> PatternProperties { get; }

    public IReadOnlyList<string> RequiredProperties { get; }

    public bool AllowsAdditionalProperties { get; }

    public ContractSchema? AdditionalProperties { get; }

    public IReadOnlyList<JsonNode?>? Enumeration { get; }

    public double? Minimum { get; }

    public double? Maximum { get; }

    public double? ExclusiveMinimum { get; }

    public int? MinLength { get; }

    public int? MaxLength { get; }

    public string? Pattern { get; }

    public string? Format { get; }

    public int? MinItems { get; }

    public ContractSchema? Items { get; }

    public IReadOnlyList<ContractSchema> OneOf { get; }

    public IReadOnlyList<ContractSchema> AllOf { get; }

    public IReadOnlyList<ContractSchema> AnyOf { get; }

    public ContractSchema? Not { get; }

    public string? Reference { get; }

    /// <summary>The schema a <c>$ref</c> points at (itself when it has none).</summary>
    public ContractSchema ActualSchema => resolved ??= Reference is { } reference ? Resolve(reference).ActualSchema : this;

    public static ContractSchema Parse(string text) =>
        new(JsonNode.Parse(text) as JsonObject ?? throw new JsonException("a schema is a JSON object"), null);

    /// <summary>Everything <paramref name="value"/> breaks, empty when it is valid.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonNode? value)
    {
        var violations = new List<SchemaViolation>();
        ActualSchema.Check(value, [], violations);
        return violations;
    }

    private void Check(JsonNode? value, List<object> path, List<SchemaViolation> violations)
    {
        foreach (var part in AllOf)
        {
            part.ActualSchema.Check(value, path, violations);
        }

        if (AnyOf.Count > 0)
        {
            var branches = Branches(AnyOf, value, path);
            if (branches.All(b => b.Violations.Count > 0))
            {
                violations.Add(new SchemaViolation(SchemaViolationKind.NotAnyOf, path, null, this, branches));
            }
        }

        if (OneOf.Count > 0)
        {
            var branches = Branches(OneOf, value, path);
            if (branches.Count(b => b.Violations.Count == 0) != 1)
            {
                violations.Add(new SchemaViolation(SchemaViolationKind.NotOneOf, path, null, this, branches));
            }
        }

        if (Not is not null && Not.ActualSchema.Validate(value).Count == 0)
        {
            violations.Add(Leaf(SchemaViolationKind.ExcludedSchemaValidates, path));
        }

        var kind = KindOf(value);
        if (Type != SchemaTypes.None && !Accepts(Type, value))
        {
            violations.Add(Leaf(SchemaViolationKind.TypeMismatch, path));
            return;
        }

        if (Enumeration is not null && !Enumeration.Any(e => JsonNode.DeepEquals(e, value)))
        {
            violations.Add(Leaf(SchemaViolationKind.NotInEnumeration, path));
        }

        switch (value)
        {
            case JsonObject members:
                CheckObject(members, path, violations);
                break;
            case JsonArray items:
                if (MinItems is { } min && items.Count < min)
                {
                    violations.Add(Leaf(SchemaViolationKind.TooFewItems, path));
                }

                for (var i = 0; i < items.Count && Items is not null; i++)
                {
                    Items.ActualSchema.Check(items[i], [.. path, i], violations);
                }

                break;
            case JsonValue when kind == JsonValueKind.String:
                CheckString(value.GetValue<string>(), path, violations);
                break;
            case JsonValue when kind == JsonValueKind.Number:
                var number = NumberOf(value);
                if ((Minimum is { } minimum && number < minimum) || (ExclusiveMinimum is { } exclusive && number <= exclusive))
                {
                    violations.Add(Leaf(SchemaViolationKind.NumberTooSmall, path));
                }

                if (Maximum is { } maximum && number > maximum)
                {
                    violations.Add(Leaf(SchemaViolationKind.NumberTooBig, path));
                }

                break;
        }
    }

    private void CheckObject(JsonObject members, List<object> path, List<SchemaViolation> violations)
    {
        foreach (var name in RequiredProperties.Where(name => !members.ContainsKey(name)))
        {
            violations.Add(new SchemaViolation(SchemaViolationKind.PropertyRequired, [.. path, name], name, this, []));
        }

        foreach (var (name, member) in members)
        {
            List<object> at = [.. path, name];
            var matched = false;
            if (Properties.TryGetValue(name, out var property))
            {
                property.ActualSchema.Check(member, at, violations);
                matched = true;
            }

            foreach (var (pattern, schema) in PatternProperties.Where(p => p.Pattern.IsMatch(name)))
            {
                schema.ActualSchema.Check(member, at, violations);
                matched = true;
            }

            if (matched)
            {
                continue;
            }

            if (!AllowsAdditionalProperties)
            {
                violations.Add(new SchemaViolation(SchemaViolationKind.NoAdditionalPropertiesAllowed, at, name, this, []));
            }
            else
            {
                AdditionalProperties?.ActualSchema.Check(member, at, violations);
            }
        }
    }

    private void CheckString(string text, List<object> path, List<SchemaViolation> violations)
    {
        if (MinLength is { } min && text.Length < min)
        {
            violations.Add(Leaf(SchemaViolationKind.StringTooShort, path));
        }

        if (MaxLength is { } max && text.Length > max)
        {
            violations.Add(Leaf(SchemaViolationKind.StringTooLong, path));
        }

        if (Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            violations.Add(Leaf(SchemaViolationKind.PatternMismatch, path));
        }

        if (Format == "uri" && !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            violations.Add(Leaf(SchemaViolationKind.FormatMismatch, path));
        }
    }

    private static List<(ContractSchema Branch, IReadOnlyList<SchemaViolation> Violations)> Branches(IReadOnlyList<ContractSchema> branches, JsonNode? value, List<object> path) =>
        [.. branches.Select(branch =>
        {
            var found = new List<SchemaViolation>();
            branch.ActualSchema.Check(value, path, found);
            return (branch, (IReadOnlyList<SchemaViolation>)found);
        })];

    private SchemaViolation Leaf(SchemaViolationKind kind, List<object> path) => new(kind, path, null, this, []);

    /// <summary>Whether a value is of one of the types (an integer is a number too; a number with no fraction an integer).</summary>
    public static bool Accepts(SchemaTypes type, JsonNode? value) => type == SchemaTypes.None || KindOf(value) switch
    {
        JsonValueKind.Object => type.HasFlag(SchemaTypes.Object),
        JsonValueKind.Array => type.HasFlag(SchemaTypes.Array),
        JsonValueKind.Null => type.HasFlag(SchemaTypes.Null),
        JsonValueKind.String => type.HasFlag(SchemaTypes.String),
        JsonValueKind.Number => type.HasFlag(SchemaTypes.Number) || (type.HasFlag(SchemaTypes.Integer) && double.IsInteger(NumberOf(value!))),
        _ => type.HasFlag(SchemaTypes.Boolean),
    };

    private static JsonValueKind KindOf(JsonNode? value) => value is null ? JsonValueKind.Null : value.GetValueKind();

    private static SchemaTypes TypeOf(string name) => name switch
    {
        "null" => SchemaTypes.Null,
        "boolean" => SchemaTypes.Boolean,
        "integer" => SchemaTypes.Integer,
        "number" => SchemaTypes.Number,
        "string" => SchemaTypes.String,
        "object" => SchemaTypes.Object,
        "array" => SchemaTypes.Array,
        _ => throw new JsonException($"unknown schema type {name}"),
    };

    private static double? Number(JsonNode? node) => node is null ? null : NumberOf(node);

    /// <summary>By the JSON text: a value made from a long and one parsed from a file compare alike.</summary>
    private static double NumberOf(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private ContractSchema Child(JsonNode? node) => new(node as JsonObject ?? [], root);

    private ContractSchema Resolve(string reference)
    {
        const string Prefix = "#/definitions/";
        return reference.StartsWith(Prefix, StringComparison.Ordinal) && root.definitions.TryGetValue(reference[Prefix.Length..], out var target)
            ? target
            : throw new JsonException($"the schema's $ref {reference} is not one of its #/definitions");
    }

    public override string ToString() => json.ToJsonString();
}
