using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Rpc;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// contracts/schemas/*.params.json and the gateway's param rules cannot drift (issue 13). For every method and every
/// field of its params schema, values are derived from the field's own keywords (type, pattern, enum, minimum,
/// maximum, exclusiveMinimum, maxLength, oneOf), each judged by the published schema and read by the method's param
/// reader (the dispatcher's Bind, what the gateway runs on a call's params before it touches a tenant): what the
/// schema accepts is read without an error, what it refuses is refused with the catalogue's param error naming the
/// field. A field the schema requires cannot be left out, one it does not require can, null is read as absent
/// (SPEC §3), and no param the schema lacks is read.
/// </summary>
public sealed partial class ParamsSchemaAgreementTests
{
    private static readonly string SchemasDirectory = Path.Combine(AppContext.BaseDirectory, "contracts", "schemas");

    private static readonly RpcDispatcher Dispatcher = new();

    /// <summary>One sample of each JSON type but null, to give a field a type its schema may not allow.</summary>
    private static readonly string[] TypeSamples = ["\"x\"", "\"7\"", "7", "1.5", "true", "false", "{}", "[]"];

    /// <summary>The fields whose badly formed text has an error of its own in contracts/errors.json; every other problem is -32300.</summary>
    private static readonly Dictionary<string, ErrorDefinition> FormatErrors = new(StringComparer.Ordinal)
    {
        ["phone_number"] = Reasons.InvalidPhone,
        ["card_number"] = Reasons.InvalidCardNumber,
        ["card_expire"] = Reasons.InvalidCardExpiry,
    };

    /// <summary>An array: a value no reader of ParamReader takes, so a param that is read at all is answered with an error.</summary>
    private static readonly JsonArray Unreadable = [];

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var method in MethodCatalogue.Names)
        {
            data.Add(method);
        }

        return data;
    }

    [Fact]
    public void Every_method_has_a_params_schema_and_every_schema_a_method()
    {
        var files = Directory.GetFiles(SchemasDirectory, "*.params.json").Select(f => Path.GetFileName(f)[..^".params.json".Length]);

        files.Should().BeEquivalentTo(MethodCatalogue.Names);
        MethodCatalogue.Names.Where(m => !Dispatcher.TryGet(m, out _)).Should().BeEmpty("the gateway serves every method of contracts/openrpc.json");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Every_value_derived_from_a_fields_schema_is_judged_alike_by_the_schema_and_the_server(string method)
    {
        var (schema, fields) = await Load(method);
        var start = Baseline(fields);
        schema.Validate(start.ToJsonString()).Should().BeEmpty("the starting params of {0} are built from values its schema accepts", method);
        Read(method, start).Should().BeNull("the server reads the starting params of {0}: {1}", method, start.ToJsonString());

        var disagreements = new List<string>();
        foreach (var field in fields)
        {
            var (valid, invalid) = (0, 0);
            foreach (var value in field.Candidates)
            {
                var candidate = With(start, field.Path, value);
                var accepted = schema.Validate(candidate.ToJsonString()).Count == 0;
                var answer = Read(method, candidate);
                var problem = accepted ? Accepted(answer) : Refused(answer, field, value);
                if (problem is not null)
                {
                    disagreements.Add($"{field.Path} = {value?.ToJsonString()}: the schema {(accepted ? "accepts" : "refuses")} it, {problem}");
                }

                (valid, invalid) = accepted ? (valid + 1, invalid) : (valid, invalid + 1);
            }

            // An object field's accepted value is the one the start holds: its members are fields of their own.
            if (!field.IsObject)
            {
                valid.Should().BeGreaterThan(0, "{0} {1} gets a value its schema accepts", method, field.Path);
            }

            invalid.Should().BeGreaterThan(0, "{0} {1} gets a value its schema refuses", method, field.Path);
        }

        string.Join(Environment.NewLine, disagreements).Should().BeEmpty("the server and {0}.params.json must agree", method);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_field_is_left_out_or_sent_as_null_as_its_schema_says(string method)
    {
        var (schema, fields) = await Load(method);
        var start = Baseline(fields);
        Read(method, start).Should().BeNull("the server reads the starting params of {0}: {1}", method, start.ToJsonString());

        var disagreements = new List<string>();
        foreach (var field in fields)
        {
            var without = Without(start, field.Path);
            var required = schema.Validate(without.ToJsonString()).Count > 0;
            var answer = Read(method, without);
            var problem = required ? Refused(answer, field, value: null) : Accepted(answer);
            if (problem is not null)
            {
                disagreements.Add($"without {field.Path}: the schema {(required ? "requires" : "does not require")} it, {problem}");
            }

            var asNull = Read(method, With(start, field.Path, null));
            if (Describe(asNull) != Describe(answer))
            {
                disagreements.Add($"{field.Path} = null: the server answers {Describe(asNull)}, but {Describe(answer)} without it");
            }
        }

        string.Join(Environment.NewLine, disagreements).Should().BeEmpty("the server and {0}.params.json must agree on what is required", method);
    }

    /// <summary>
    /// Every name any params schema lists or any method's param reading names (the string literals read in
    /// sandbox/PaySys.Sandbox/Rpc/Methods), sent where this method's schema does not list it, with a value no reader
    /// takes: the server never reads it, so the call is read as if it were not there.
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_param_the_schema_does_not_list_is_never_read(string method)
    {
        var (_, fields) = await Load(method);
        var start = Baseline(fields);
        Read(method, start).Should().BeNull("the server reads the starting params of {0}: {1}", method, start.ToJsonString());
        var names = await KnownParamNames();
        var levels = fields.Where(f => f.IsObject).Select(f => f.Path + ".").Prepend("");

        var read = new List<string>();
        foreach (var level in levels)
        {
            var listed = fields.Select(f => f.Path).Where(p => p.StartsWith(level, StringComparison.Ordinal)).Select(p => p[level.Length..]).ToHashSet(StringComparer.Ordinal);
            foreach (var name in names.Where(n => !listed.Contains(n)))
            {
                var answer = Read(method, With(start, level + name, Unreadable.DeepClone()));
                if (answer is not null)
                {
                    read.Add($"{level}{name}: {Describe(answer)}");
                }
            }
        }

        names.Should().Contain(["card_number", "phone_number", "vendor_form", "account", "agr_transaction_id"], "the names come from every schema and method");
        string.Join(Environment.NewLine, read).Should().BeEmpty("{0} reads only the params its schema lists", method);
    }

    /// <summary>The derivation itself: a pattern yields strings it matches and strings it does not.</summary>
    [Theory]
    [InlineData("^998[0-9]{9}$")]
    [InlineData("^[0-9]{16}$")]
    [InlineData("^[0-9]{2}(0[1-9]|1[0-2])$")]
    [InlineData("^[0-9]*[1-9][0-9]*$")]
    public void Strings_are_derived_from_a_pattern_on_both_sides_of_it(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        var texts = Candidates(new JsonObject { ["type"] = "string", ["pattern"] = pattern }, isObject: false).Where(c => c is JsonValue v && v.GetValueKind() == JsonValueKind.String).Select(c => c!.GetValue<string>()).ToList();

        texts.Where(t => regex.IsMatch(t)).Should().HaveCountGreaterThan(2);
        texts.Where(t => !regex.IsMatch(t)).Should().HaveCountGreaterThan(5);
    }

    // ---------------------------------------------------------------- the server's side

    /// <summary>What the method's param reading answers: null when it reads the params, else the exception.</summary>
    private static Exception? Read(string method, JsonObject parameters)
    {
        Dispatcher.TryGet(method, out var rpc).Should().BeTrue();
        using var document = JsonDocument.Parse(parameters.ToJsonString());
        try
        {
            rpc!.Bind(new ParamReader(document.RootElement));
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static string? Accepted(Exception? answer) => answer is null ? null : $"the server refuses it: {Describe(answer)}";

    /// <summary>Why <paramref name="answer"/> is not the param error the schema's refusal of <paramref name="value"/> calls for, or null.</summary>
    private static string? Refused(Exception? answer, Field field, JsonNode? value)
    {
        var leaf = field.Path[(field.Path.LastIndexOf('.') + 1)..];
        var expected = value is JsonValue text && text.GetValueKind() == JsonValueKind.String && FormatErrors.TryGetValue(leaf, out var format)
            ? format
            : Reasons.MissingParameters;
        return answer is RpcException refused && refused.Error.Code == expected.Code && refused.Data?["param"]?.GetValue<string>() == field.Path
            ? null
            : $"the server answers {Describe(answer)}, not {expected.Code} naming {field.Path}";
    }

    private static string Describe(Exception? answer) => answer switch
    {
        null => "success",
        RpcException rpc => $"{rpc.Error.Code} {rpc.Data?.ToJsonString() ?? "(no data)"} \"{rpc.Message}\"",
        _ => $"{answer.GetType().Name}: {answer.Message}",
    };

    /// <summary>The names the server's methods read: the literals given to ParamReader's readers in Rpc/Methods.</summary>
    private static async Task<IReadOnlySet<string>> KnownParamNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(SchemasDirectory, "*.params.json"))
        {
            Collect(JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject(), names);
        }

        var methods = Path.Combine(RepositoryRoot(), "sandbox", "PaySys.Sandbox", "Rpc", "Methods");
        foreach (var file in Directory.GetFiles(methods, "*.cs"))
        {
            foreach (Match read in ReaderCall().Matches(await File.ReadAllTextAsync(file)))
            {
                names.Add(read.Groups["name"].Value);
            }
        }

        return names;

        static void Collect(JsonObject schema, HashSet<string> names)
        {
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                names.Add(name);
                Collect(property!.AsObject(), names);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PaySysSandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no PaySysSandbox.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("""\.(?:Required|Optional)\w*\("(?<name>[^"]+)"|\.Has\("(?<name>[^"]+)"\)""")]
    private static partial Regex ReaderCall();

    // ---------------------------------------------------------------- the schema's side

    /// <summary>One field of a params schema ("vendor_form.account" for a nested one) and the values derived from its keywords.</summary>
    private sealed record Field(string Path, bool IsObject, JsonSchema Own, IReadOnlyList<JsonNode?> Candidates);

    private static async Task<(JsonSchema Schema, IReadOnlyList<Field> Fields)> Load(string method)
    {
        var path = Path.Combine(SchemasDirectory, $"{method}.params.json");
        var fields = new List<Field>();
        await AddFields(JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject(), "", fields);
        return (await JsonSchema.FromFileAsync(path), fields);
    }

    private static async Task AddFields(JsonObject schema, string prefix, List<Field> fields)
    {
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = node!.AsObject();
            var isObject = property["type"]?.GetValue<string>() == "object";
            fields.Add(new Field(prefix + name, isObject, await JsonSchema.FromJsonAsync(property.ToJsonString()), Candidates(property, isObject)));
            if (isObject)
            {
                await AddFields(property, prefix + name + ".", fields);
            }
        }
    }

    /// <summary>
    /// The values a field's keywords suggest, on both sides of each: every JSON type; each enum member and near
    /// misses; strings a pattern matches and their mutations; bounds and their neighbours; maxLength and one more.
    /// An object field (vendor_form) gets only the other types: its members are fields of their own.
    /// </summary>
    private static List<JsonNode?> Candidates(JsonObject property, bool isObject)
    {
        var candidates = new List<JsonNode?>();
        foreach (var sample in TypeSamples.Where(s => !isObject || !s.StartsWith('{')))
        {
            candidates.Add(JsonNode.Parse(sample));
        }

        if (!isObject)
        {
            AddKeywordCandidates(property, candidates);
        }

        return candidates.DistinctBy(c => c?.ToJsonString()).ToList();
    }

    private static void AddKeywordCandidates(JsonObject schema, List<JsonNode?> candidates)
    {
        foreach (var alternative in (schema["oneOf"]?.AsArray() ?? []).Concat(schema["anyOf"]?.AsArray() ?? []))
        {
            AddKeywordCandidates(alternative!.AsObject(), candidates);
        }

        foreach (var member in schema["enum"]?.AsArray() ?? [])
        {
            candidates.Add(member!.DeepClone());
            if (member.GetValueKind() == JsonValueKind.String)
            {
                var text = member.GetValue<string>();
                candidates.AddRange([text.ToUpperInvariant(), text + "x", text[..^1], " " + text, ""]);
            }
            else
            {
                var number = member.GetValue<long>();
                candidates.AddRange([number - 1, number + 1, 0]);
            }
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern)
        {
            var matching = PatternWalk.Examples(pattern);
            candidates.AddRange(matching.Select(m => (JsonNode)m));
            candidates.AddRange(matching.Take(3).SelectMany(Mutations).Select(m => (JsonNode)m));
        }

        if (schema["maxLength"]?.GetValue<int>() is { } maxLength)
        {
            candidates.AddRange([new string('x', maxLength), new string('x', maxLength + 1), ""]);
        }

        var type = schema["type"]?.GetValue<string>();
        if (type is "integer" or "number")
        {
            foreach (var bound in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
            {
                if (schema[bound]?.GetValue<long>() is { } value)
                {
                    candidates.AddRange([value - 1, value, value + 1]);
                }
            }

            if (type == "number" && schema["exclusiveMinimum"]?.GetValue<long>() is { } above)
            {
                candidates.AddRange([above + 0.5m, above + 1000.22m]);
            }
        }
    }

    /// <summary>Near misses of a string a pattern matches: shorter, longer, a letter or another digit at each place.</summary>
    private static IEnumerable<string> Mutations(string text)
    {
        yield return "";
        yield return text + "0";
        yield return text + "a";
        yield return " " + text;
        if (text.Length > 0)
        {
            yield return text[..^1];
            yield return text[1..];
        }

        for (var i = 0; i < text.Length; i++)
        {
            var other = char.IsAsciiDigit(text[i]) ? (char)('0' + ((text[i] - '0' + 1) % 10)) : '0';
            yield return string.Concat(text.AsSpan(0, i), "a", text.AsSpan(i + 1));
            yield return string.Concat(text.AsSpan(0, i), other.ToString(), text.AsSpan(i + 1));
        }
    }

    /// <summary>Params with every field at the first value its schema accepts (members of an object field inside it).</summary>
    private static JsonObject Baseline(IReadOnlyList<Field> fields)
    {
        var start = new JsonObject();
        foreach (var field in fields)
        {
            var value = field.IsObject
                ? new JsonObject()
                : field.Candidates.FirstOrDefault(c => AcceptedAlone(field, c)) ?? throw new InvalidOperationException($"no value of {field.Path} is valid");
            var (parent, name) = Parent(start, field.Path);
            parent[name] = value?.DeepClone();
        }

        return start;
    }

    /// <summary>Whether the field's own schema accepts the value, whatever the other fields hold.</summary>
    private static bool AcceptedAlone(Field field, JsonNode? value) => field.Own.Validate(value?.ToJsonString() ?? "null").Count == 0;

    // ---------------------------------------------------------------- JSON edits by path ("vendor_form.account")

    private static JsonObject With(JsonObject value, string path, JsonNode? replacement)
    {
        var copy = (JsonObject)value.DeepClone();
        var (parent, name) = Parent(copy, path);
        parent[name] = replacement?.DeepClone();
        return copy;
    }

    private static JsonObject Without(JsonObject value, string path)
    {
        var copy = (JsonObject)value.DeepClone();
        var (parent, name) = Parent(copy, path);
        parent.Remove(name);
        return copy;
    }

    private static (JsonObject Parent, string Name) Parent(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (level, name) => level[name]!.AsObject());
        return (parent, parts[^1]);
    }

    /// <summary>
    /// Strings a pattern of the kind the schemas use matches (anchors, literals, [a-b] classes, \d, groups with |,
    /// and the quantifiers * + ? {n} {n,m}), drawn by a seeded walk and kept only when the pattern matches them. A
    /// pattern with more than that is refused, so a schema that outgrows the walk fails here, not silently.
    /// </summary>
    private sealed class PatternWalk(string pattern)
    {
        private const int Walks = 24;

        private int at;

        public static List<string> Examples(string pattern)
        {
            var draw = new PatternWalk(pattern).Whole();
            var random = new Random(13);
            var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return Enumerable.Range(0, Walks).Select(_ => draw(random)).Where(t => regex.IsMatch(t)).Distinct(StringComparer.Ordinal).ToList();
        }

        private Func<Random, string> Whole()
        {
            var whole = Alternation();
            return at == pattern.Length ? whole : throw Unsupported();
        }

        private Func<Random, string> Alternation()
        {
            var options = new List<Func<Random, string>> { Sequence() };
            while (at < pattern.Length && pattern[at] == '|')
            {
                at++;
                options.Add(Sequence());
            }

            return random => options[random.Next(options.Count)](random);
        }

        private Func<Random, string> Sequence()
        {
            var items = new List<Func<Random, string>>();
            while (at < pattern.Length && pattern[at] is not ('|' or ')'))
            {
                items.Add(Quantified(Atom()));
            }

            return random => string.Concat(items.Select(item => item(random)));
        }

        private Func<Random, string> Atom()
        {
            var c = pattern[at++];
            switch (c)
            {
                case '^' or '$':
                    return _ => "";
                case '(':
                    var group = Alternation();
                    return at < pattern.Length && pattern[at++] == ')' ? group : throw Unsupported();
                case '[':
                    return Class();
                case '\\' when at < pattern.Length && pattern[at] == 'd':
                    at++;
                    return random => ((char)('0' + random.Next(10))).ToString();
                case '\\' or '.' or '+' or '*' or '?' or '{' or ')' or ']':
                    throw Unsupported();
                default:
                    return _ => c.ToString();
            }
        }

        private Func<Random, string> Class()
        {
            var ranges = new List<(char Low, char High)>();
            while (at < pattern.Length && pattern[at] != ']')
            {
                var low = pattern[at++];
                var high = low;
                if (at + 1 < pattern.Length && pattern[at] == '-' && pattern[at + 1] != ']')
                {
                    high = pattern[at + 1];
                    at += 2;
                }

                ranges.Add(low is '^' or '\\' ? throw Unsupported() : (low, high));
            }

            at++;
            return random =>
            {
                var (low, high) = ranges[random.Next(ranges.Count)];
                return ((char)random.Next(low, high + 1)).ToString();
            };
        }

        private Func<Random, string> Quantified(Func<Random, string> atom)
        {
            var symbol = at < pattern.Length ? pattern[at] : '\0';
            if (symbol is '*' or '+' or '?')
            {
                at++;
            }

            var (min, max) = symbol switch
            {
                '*' => (0, 3),
                '+' => (1, 4),
                '?' => (0, 1),
                '{' => Counted(),
                _ => (1, 1),
            };
            return (min, max) == (1, 1) ? atom : random => string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => atom(random)));
        }

        private (int Min, int Max) Counted()
        {
            var end = pattern.IndexOf('}', at);
            var counts = end > at ? pattern[(at + 1)..end].Split(',') : throw Unsupported();
            at = end + 1;
            var min = int.Parse(counts[0], CultureInfo.InvariantCulture);
            return counts.Length == 1 ? (min, min) : (min, counts[1].Length == 0 ? min + 3 : int.Parse(counts[1], CultureInfo.InvariantCulture));
        }

        private NotSupportedException Unsupported() =>
            new($"the pattern {pattern} has more than these tests derive strings from (at {at}); extend {nameof(PatternWalk)}");
    }
}
