using PaySys.Scenarios.Engine;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// What contracts/scenario.schema.json cannot say, checked on a file the schema has accepted: every
/// <c>${variable}</c> is defined before its step (vars in order, built-ins, earlier saves), <c>$</c>-matchers
/// are known and fit their operand, save paths parse, and page patterns are regexes with one group.
/// </summary>
public sealed class ScenarioChecks(string file)
{
    private static readonly YamlScalarNode Save = new("save");
    private static readonly string[] Kinds = ["call", "otp", "clock", "fault", "http", "poll", "control", "snapshot"];

    private readonly List<LoadProblem> problems = [];
    private readonly HashSet<string> known = new(Variables.BuiltIns, StringComparer.Ordinal);

    public IReadOnlyList<LoadProblem> Of(YamlMappingNode root)
    {
        if (Child(root, "vars") is YamlMappingNode vars)
        {
            foreach (var (name, value) in vars.Children)
            {
                References(value);
                known.Add(YamlJson.KeyOf(name)!);
            }
        }

        foreach (var step in ((YamlSequenceNode)Child(root, "steps")!).Children.Cast<YamlMappingNode>())
        {
            Step(step);
        }

        return problems;
    }

    private void Step(YamlMappingNode step)
    {
        // save members are paths, patterns and variable names, never interpolated.
        foreach (var value in step.Children.Where(p => YamlJson.KeyOf(p.Key) is not ("name" or "save")).Select(p => p.Value))
        {
            foreach (var member in value is YamlMappingNode members ? members.Children.Where(p => !p.Key.Equals(Save)).Select(p => p.Value) : [value])
            {
                References(member);
            }
        }

        var kind = step.Children.Keys.Select(YamlJson.KeyOf).First(k => Kinds.Contains(k));
        var body = Child(step, kind!);
        switch (kind)
        {
            case "call":
                Expectation(Child(step, "expect"));
                SavePaths(Child(step, "save"));
                break;
            case "poll":
                Expectation(Child(body, "until"));
                SavePaths(Child(body, "save"));
                break;
            case "control":
                Matchers(Child(Child(body, "expect"), "body"));
                SavePaths(Child(body, "save"));
                break;
            case "http":
                PagePatterns(Child(body, "save"));
                break;
            case "otp":
                known.Add(((YamlScalarNode)Child(body, "save")!).Value!);
                break;
        }
    }

    private void Expectation(YamlNode? expect)
    {
        Matchers(Child(expect, "result"));
        var error = Child(expect, "error");
        Matchers(Child(error, "message"));
        Matchers(Child(error, "data"));
    }

    private void SavePaths(YamlNode? save) => Saves(save, ResponsePath.Problem, "save");

    private void PagePatterns(YamlNode? save) => Saves(save, PagePattern.Problem, "http.save");

    private void Saves(YamlNode? save, Func<string, string?> problem, string what)
    {
        if (save is not YamlMappingNode map)
        {
            return;
        }

        foreach (var (variable, value) in map.Children)
        {
            var name = YamlJson.KeyOf(variable)!;
            if (problem(((YamlScalarNode)value).Value ?? "") is { } wrong)
            {
                problems.Add(new LoadProblem(YamlJson.Locate(file, save), $"{what}.{name}: {wrong}"));
            }

            known.Add(name);
        }
    }

    /// <summary>Every <c>${…}</c> in the node's strings and keys must be known.</summary>
    private void References(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } text }:
                foreach (var name in Interpolator.References(text))
                {
                    if (Unknown(name) is { } message)
                    {
                        problems.Add(new LoadProblem(YamlJson.Locate(file, node), message));
                    }
                }

                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    References(key);
                    References(value);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    References(item);
                }

                break;
        }
    }

    private string? Unknown(string name)
    {
        if (name.StartsWith(FakeValues.Prefix, StringComparison.Ordinal))
        {
            return FakeValues.IsKnown(name[FakeValues.Prefix.Length..])
                ? null
                : $"unknown fake value ${{{name}}}; use one of {string.Join(", ", FakeValues.Kinds.Select(k => "fake." + k))}";
        }

        return known.Contains(name) ? null
            : name.Length == 0 ? "empty reference ${}: write ${name} (or $${ for a literal ${)"
            : $"unknown variable ${{{name}}}: not in vars, not a built-in ({string.Join(", ", Variables.BuiltIns)}), and not saved by an earlier step";
    }

    /// <summary>Every <c>$</c>-key in an expected value must be a known matcher with a fitting operand, and not mixed with members.</summary>
    private void Matchers(YamlNode? node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var operators = mapping.Children.Keys.Count(k => YamlJson.KeyOf(k) is { } name && name.StartsWith('$'));
                if (operators > 0 && operators != mapping.Children.Count)
                {
                    problems.Add(new LoadProblem(YamlJson.Locate(file, node), "this mapping mixes $-matchers with members: use only matchers ($type, $regex, …) or only members"));
                    return;
                }

                foreach (var (key, value) in mapping.Children)
                {
                    if (operators == 0)
                    {
                        Matchers(value);
                        continue;
                    }

                    // An operand that is still a ${variable} is checked when the step runs.
                    var interpolated = value is YamlScalarNode { Value: { } text } && Interpolator.References(text).Any();
                    if (Matcher.CheckOperand(YamlJson.KeyOf(key)!, interpolated ? null : YamlJson.ToJson(value), value is YamlScalarNode && !interpolated) is { } problem)
                    {
                        problems.Add(new LoadProblem(YamlJson.Locate(file, key), problem));
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Matchers(item);
                }

                break;
        }
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
