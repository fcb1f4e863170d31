using System.Globalization;
using System.Text.Json.Nodes;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// Typed reads of YAML nodes that record a <see cref="LoadProblem"/> (with the node's line and column) instead
/// of throwing, so one pass reports everything wrong in a file.
/// </summary>
public sealed class YamlReader(string file)
{
    private readonly List<LoadProblem> problems = [];

    public string File => file;

    public IReadOnlyList<LoadProblem> Problems => problems;

    public SourceLocation At(YamlNode node) => YamlJson.Locate(file, node);

    public void Problem(YamlNode node, string message) => problems.Add(new LoadProblem(At(node), message));

    public void Problem(SourceLocation location, string message) => problems.Add(new LoadProblem(location, message));

    /// <summary>The entries of a mapping, after checking every key against <paramref name="allowed"/>.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Entries(YamlMappingNode mapping, string what, IReadOnlyCollection<string> allowed)
    {
        var entries = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = YamlJson.KeyOf(key);
            if (name is null)
            {
                Problem(key, $"a key in {what} must be a plain name");
                continue;
            }

            if (!allowed.Contains(name))
            {
                var hint = Closest(name, allowed) is { } guess ? $" (did you mean '{guess}'?)" : "";
                Problem(key, $"unknown key '{name}' in {what}{hint}; allowed: {string.Join(", ", allowed)}");
                continue;
            }

            entries[name] = (key, value);
        }

        return entries;
    }

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Problem(node, $"{what} must be a mapping (key: value lines), not {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Problem(node, $"{what} must be a list (lines starting with '- '), not {Describe(node)}");
        return null;
    }

    /// <summary>A string; a plain scalar that reads as a number or boolean is refused, as the schema does.</summary>
    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar && !YamlJson.IsNull(node) &&
            YamlJson.ToJson(node) is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return scalar.Value;
        }

        var quoteHint = node is YamlScalarNode { Value: { } text } && !YamlJson.IsNull(node) ? $" (quote it: \"{text}\")" : "";
        Problem(node, $"{what} must be a string, not {Describe(node)}{quoteHint}");
        return null;
    }

    public long? Number(YamlNode node, string what, long min = long.MinValue, long max = long.MaxValue)
    {
        if (YamlJson.ToJson(node) is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number &&
            long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number < min || number > max)
            {
                Problem(node, string.Create(CultureInfo.InvariantCulture,
                    $"{what} must be {(max == long.MaxValue ? $"at least {min}" : $"between {min} and {max}")}, not {number}"));
                return null;
            }

            return number;
        }

        Problem(node, $"{what} must be an integer, not {Describe(node)}");
        return null;
    }

    public bool? Flag(YamlNode node, string what)
    {
        if (YamlJson.ToJson(node) is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        Problem(node, $"{what} must be true or false, not {Describe(node)}");
        return null;
    }

    /// <summary>A mapping of names to strings, e.g. <c>save</c> or <c>headers</c>.</summary>
    public Dictionary<string, string> StringMap(YamlNode node, string what)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Mapping(node, what) is not { } mapping)
        {
            return map;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (YamlJson.KeyOf(key) is not { } name)
            {
                Problem(key, $"a key in {what} must be a plain name");
                continue;
            }

            if (Text(value, $"{what}.{name}") is { } text)
            {
                map[name] = text;
            }
        }

        return map;
    }

    /// <summary>A string or a list of strings, e.g. <c>contains</c>.</summary>
    public List<string> Strings(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children.Select((item, i) => Text(item, $"{what}[{i}]")).OfType<string>()];
        }

        return Text(node, what) is { } single ? [single] : [];
    }

    /// <summary>Records a problem for every <c>${…}</c> in the node's strings that is not a known variable.</summary>
    public void CheckReferences(YamlNode node, ISet<string> known)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } text }:
                foreach (var name in Interpolator.References(text))
                {
                    if (name.StartsWith(FakeValues.Prefix, StringComparison.Ordinal))
                    {
                        if (!FakeValues.IsKnown(name[FakeValues.Prefix.Length..]))
                        {
                            Problem(node, $"unknown fake value ${{{name}}}; use one of {string.Join(", ", FakeValues.Kinds.Select(k => "fake." + k))}");
                        }
                    }
                    else if (!known.Contains(name))
                    {
                        Problem(node, name.Length == 0
                            ? "empty reference ${}: write ${name} (or $${ for a literal ${)"
                            : $"unknown variable ${{{name}}}: not in vars, not a built-in ({string.Join(", ", Variables.BuiltIns)}), and not saved by an earlier step");
                    }
                }

                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    CheckReferences(key, known);
                    CheckReferences(value, known);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    CheckReferences(item, known);
                }

                break;
        }
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when YamlJson.IsNull(node) => "empty",
        YamlScalarNode scalar => YamlJson.ToJson(scalar) switch
        {
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => $"the number {scalar.Value}",
            JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => $"the boolean {scalar.Value}",
            _ => $"the string \"{Shorten(scalar.Value ?? "")}\"",
        },
        _ => "an alias",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The allowed key closest to a misspelt one (edit distance at most 2).</summary>
    private static string? Closest(string name, IEnumerable<string> allowed)
    {
        var best = allowed.Select(a => (Key: a, Distance: Distance(name, a))).MinBy(x => x.Distance);
        return best.Key is not null && best.Distance <= 2 ? best.Key : null;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
