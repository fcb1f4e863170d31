using System.Globalization;
using System.Text.RegularExpressions;
using NJsonSchema.Validation;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// Reads a scenario file: YAML with line numbers (YamlDotNet's representation model), checked key by key and
/// then against contracts/scenario.schema.json. Anything wrong becomes a <see cref="ScenarioLoadException"/>
/// whose problems read <c>file:line:col: what is wrong</c>; nothing else escapes.
/// </summary>
public static partial class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "tags", "vars", "steps"];

    /// <param name="path">The file to read.</param>
    /// <param name="display">How to name the file in messages and reports.</param>
    /// <param name="key">The file's path under its folder, without extension (names its tenant and seeds its fakes).</param>
    public static Scenario Load(string path, string display, string key)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioLoadException([new LoadProblem(new SourceLocation(display, 1, 1), $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, display, key);
    }

    public static Scenario Parse(string text, string display, string key)
    {
        try
        {
            return ParseChecked(text, display, key);
        }
        catch (ScenarioLoadException)
        {
            throw;
        }
#pragma warning disable CA1031 // A reader bug must still come out as file:line:col, never as a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new ScenarioLoadException([new LoadProblem(new SourceLocation(display, 1, 1), $"the runner could not read this file ({e.GetType().Name}: {e.Message})")]);
        }
    }

    private static Scenario ParseChecked(string text, string display, string key)
    {
        var yaml = new YamlReader(display);
        var root = ReadDocument(text, yaml);
        var scenario = root is null ? null : Build(root, yaml, display, key);
        if (yaml.Problems.Count == 0 && root is not null)
        {
            CheckSchema(root, yaml);
        }

        return yaml.Problems.Count > 0 || scenario is null
            ? throw new ScenarioLoadException([.. yaml.Problems.OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column)])
            : scenario;
    }

    private static YamlNode? ReadDocument(string text, YamlReader yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            yaml.Problem(YamlJson.Locate(yaml.File, e.Start), YamlMessage(e));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some broken flow collections without a position: report where
            // the last thing it understood ends.
            var at = parser.Current is { } last ? YamlJson.Locate(yaml.File, last.End) : new SourceLocation(yaml.File, 1, 1);
            yaml.Problem(at, "YAML: cannot read on from here: is a { or [ not closed?");
            return null;
        }

        switch (stream.Documents.Count)
        {
            case 0:
                yaml.Problem(new SourceLocation(yaml.File, 1, 1), "the file is empty: a scenario needs name and steps");
                return null;
            case > 1:
                yaml.Problem(YamlJson.Locate(yaml.File, stream.Documents[1].RootNode), "one scenario per file: remove the second document (---)");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }

    private static Scenario? Build(YamlNode root, YamlReader yaml, string display, string key)
    {
        if (yaml.Mapping(root, "a scenario file") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "the scenario", TopKeys);
        string? name = null;
        if (entries.TryGetValue("name", out var n))
        {
            name = yaml.Text(n.Value, "name");
            if (name is { Length: 0 } || (name is not null && string.IsNullOrWhiteSpace(name)))
            {
                yaml.Problem(n.Value, "name must not be empty");
            }
        }
        else
        {
            yaml.Problem(root, "the scenario needs a name (the JUnit testcase name)");
        }

        var description = entries.TryGetValue("description", out var d) ? yaml.Text(d.Value, "description") : null;
        var tags = entries.TryGetValue("tags", out var t) && yaml.Sequence(t.Value, "tags") is { } tagList
            ? tagList.Children.Select((tag, i) => yaml.Text(tag, $"tags[{i}]")).OfType<string>().ToList()
            : [];

        var known = new HashSet<string>(Variables.BuiltIns, StringComparer.Ordinal);
        var vars = new List<ScenarioVariable>();
        if (entries.TryGetValue("vars", out var v) && yaml.Mapping(v.Value, "vars") is { } varMapping)
        {
            foreach (var (varKey, value) in varMapping.Children)
            {
                if (YamlJson.KeyOf(varKey) is not { } varName || !VariableName().IsMatch(varName))
                {
                    yaml.Problem(varKey, "a variable name is letters, digits and _, starting with a letter or _");
                    continue;
                }

                yaml.CheckReferences(value, known);
                vars.Add(new ScenarioVariable(varName, YamlJson.ToJson(value), yaml.At(varKey)));
                known.Add(varName);
            }
        }

        var steps = new List<Step>();
        if (!entries.TryGetValue("steps", out var s))
        {
            yaml.Problem(root, "the scenario needs steps (a list)");
        }
        else if (yaml.Sequence(s.Value, "steps") is { } stepList)
        {
            if (stepList.Children.Count == 0)
            {
                yaml.Problem(s.Value, "steps is empty: a scenario needs at least one step");
            }

            var reader = new StepReader(yaml, known);
            for (var i = 0; i < stepList.Children.Count; i++)
            {
                if (reader.Read(stepList.Children[i], i + 1) is { } step)
                {
                    steps.Add(step);
                }
            }
        }

        return name is null ? null : new Scenario(display, key, name, description, tags, vars, steps);
    }

    /// <summary>The editor's schema must agree with the runner: anything it rejects is reported at its node.</summary>
    private static void CheckSchema(YamlNode root, YamlReader yaml)
    {
        var json = YamlJson.ToJson(root);
        foreach (var error in Leaves(Contracts.Embedded.ValidateScenario(json)))
        {
            var path = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
            var property = string.IsNullOrEmpty(error.Property) ? "" : $" ({error.Property})";
            yaml.Problem(Find(root, error.Path) ?? root, $"contracts/scenario.schema.json: {error.Kind}{property} at {path}");
        }
    }

    /// <summary>The innermost errors: "item not valid" says less than what is wrong inside it. oneOf/anyOf failures stay whole.</summary>
    private static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error is ChildSchemaValidationError child &&
                                   error.Kind is not (ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf) &&
                                   child.Errors.Values.Any(e => e.Count > 0)
            ? Leaves(child.Errors.Values.SelectMany(e => e))
            : [error]);

    /// <summary>The node at a schema validator path such as <c>#/steps[2].otp</c> (or the nearest one above it).</summary>
    private static YamlNode? Find(YamlNode root, string? path)
    {
        var current = root;
        foreach (Match segment in PathSegment().Matches(path ?? ""))
        {
            YamlNode? next = null;
            if (segment.Groups["index"].Success && current is YamlSequenceNode sequence)
            {
                var index = int.Parse(segment.Groups["index"].Value, CultureInfo.InvariantCulture);
                next = index < sequence.Children.Count ? sequence.Children[index] : null;
            }
            else if (segment.Groups["name"].Success && current is YamlMappingNode mapping)
            {
                next = mapping.Children.FirstOrDefault(p => YamlJson.KeyOf(p.Key) == segment.Groups["name"].Value).Value;
            }

            if (next is null)
            {
                break;
            }

            current = next;
        }

        return current;
    }

    /// <summary>YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: …): " before its message; the location is reported separately.</summary>
    private static string YamlMessage(YamlException e)
    {
        var message = YamlPositionPrefix().Replace(e.Message, "");
        return "YAML: " + (message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "the file is not valid YAML");
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"\[(?<index>[0-9]+)\]|(?<name>[^./\[\]#]+)")]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlPositionPrefix();
}
