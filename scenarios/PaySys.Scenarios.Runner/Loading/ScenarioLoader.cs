using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// Reads a scenario file in three passes: YAML (YamlDotNet, keeping every node's line and column) to JSON,
/// contracts/scenario.schema.json (the one statement of the file's shape), then the few rules a schema cannot say
/// (<see cref="ScenarioChecks"/>). Only then is it deserialised (System.Text.Json, source-generated) into the
/// model. Anything wrong becomes a <see cref="ScenarioLoadException"/> whose problems read
/// <c>file:line:col: what is wrong</c>; nothing else escapes.
/// </summary>
public static partial class ScenarioLoader
{
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
            throw Problem(new SourceLocation(display, 1, 1), $"cannot read the file: {e.Message}");
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
#pragma warning disable CA1031 // A loader bug must still come out as file:line:col, never as a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw Problem(new SourceLocation(display, 1, 1), $"the runner could not read this file ({e.GetType().Name}: {e.Message})");
        }
    }

    private static Scenario ParseChecked(string text, string display, string key)
    {
        var root = ReadDocument(text, display);
        var json = YamlJson.ToJson(root);
        ThrowIfAny(SchemaProblems.Of(Contracts.Embedded.ValidateScenario(json), root, display));

        // The schema has accepted the shape: the root is a mapping with a list of step mappings.
        var mapping = (YamlMappingNode)root;
        ThrowIfAny(new ScenarioChecks(display).Of(mapping));

        var document = json.Deserialize(ScenarioDocumentContext.Default.ScenarioDocument)!;
        var stepNodes = ((YamlSequenceNode)mapping.Children[new YamlScalarNode("steps")]).Children;
        var steps = document.Steps.Select((step, i) => ToStep(step, YamlJson.Locate(display, stepNodes[i]))).ToList();
        var vars = mapping.Children.TryGetValue(new YamlScalarNode("vars"), out var v)
            ? [.. ((YamlMappingNode)v).Children.Select(p => new ScenarioVariable(YamlJson.KeyOf(p.Key)!, YamlJson.ToJson(p.Value), YamlJson.Locate(display, p.Key)))]
            : new List<ScenarioVariable>();
        return new Scenario(display, key, document.Name, document.Description, document.Tags ?? [], vars, steps);
    }

    private static Step ToStep(JsonObject json, SourceLocation at)
    {
        var step = json.Deserialize(ScenarioDocumentContext.Default.StepDocument)!;
        Step result = step switch
        {
            { Call: { } method } => new CallStep(step.Name, at, Request(method, json, step.Auth, step.Raw, step.ContentType), Expect(json["expect"]), step.Save ?? []),
            { Otp: { } otp } => new OtpStep(step.Name, at, otp.Reference, otp.Phone, otp.Save),
            { Clock: { } clock } => new ClockStep(step.Name, at, clock.Advance, clock.Set),
            { Snapshot: { } snapshot } => new SnapshotStep(step.Name, at, snapshot.Save ?? snapshot.Restore!, Restore: snapshot.Save is null),
            { Fault: { } fault } => fault.ContainsKey("clear") ? new FaultStep(step.Name, at, true, []) : new FaultStep(step.Name, at, false, fault),
            { Http: { } http } => new HttpStep(
                step.Name,
                at,
                http.Method ?? (http.Form is { Count: > 0 } ? "POST" : "GET"),
                http.Url,
                http.Path,
                http.Form ?? [],
                new HttpExpectation(http.Expect?.Status, Strings(http.Expect?.Contains), Strings(http.Expect?.NotContains)),
                http.Save ?? []),
            { Poll: { } poll } => new PollStep(
                step.Name,
                at,
                Request(poll.Call, json["poll"]!.AsObject(), null, null, null),
                Expect(poll.Until),
                poll.Advance ?? PollStep.DefaultAdvance,
                poll.Tries ?? PollStep.DefaultTries,
                poll.Save ?? []),
            { Control: { } control } => new ControlStep(
                step.Name,
                at,
                control.Method,
                control.Path,
                control.Body,
                json["control"]!.AsObject().ContainsKey("body"),
                control.Expect?.Status,
                control.Expect?.Body,
                json["control"]!["expect"] is JsonObject expect && expect.ContainsKey("body"),
                control.Save ?? []),
            _ => throw new InvalidOperationException("the schema let through a step of no kind"),
        };

        return result with { ReadsNow = ReadsNow(json) };
    }

    /// <summary>A call's envelope; <paramref name="json"/> tells a <c>params: null</c> from no params at all.</summary>
    private static CallRequest Request(string method, JsonObject json, JsonNode? auth, string? raw, string? contentType)
    {
        var headers = json["headers"]?.Deserialize(ScenarioDocumentContext.Default.DictionaryStringString) ?? [];
        var authSpec = auth switch
        {
            null => AuthSpec.Default,
            JsonObject other => other.Deserialize(ScenarioDocumentContext.Default.AuthDocument) is { } a
                ? new AuthSpec(AuthMode.Other, a.ServiceId, a.Secret)
                : AuthSpec.Default,
            _ => new AuthSpec(Enum.Parse<AuthMode>(auth.GetValue<string>(), ignoreCase: true)),
        };

        return new CallRequest(
            method,
            json["params"]?.DeepClone(),
            json.ContainsKey("params"),
            headers,
            json["id"]?.DeepClone(),
            json.ContainsKey("id"),
            authSpec,
            raw,
            contentType);
    }

    private static Expectation Expect(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return Expectation.Success;
        }

        var expect = json.Deserialize(ScenarioDocumentContext.Default.ExpectDocument)!;
        var error = expect.Error is JsonObject detail ? detail.Deserialize(ScenarioDocumentContext.Default.ErrorDocument) : null;
        return new Expectation(
            error?.Code ?? expect.Error?.GetValue<int>(),
            error?.Message,
            expect.Error is JsonObject withMessage && withMessage.ContainsKey("message"),
            error?.Data,
            expect.Error is JsonObject withData && withData.ContainsKey("data"),
            expect.Result,
            json.ContainsKey("result"),
            expect.HttpStatus,
            expect.Transport);
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray list => [.. list.Select(item => item!.GetValue<string>())],
        _ => [node.GetValue<string>()],
    };

    /// <summary>True when a step refers to <c>${now}</c> outside its <c>save</c> members (paths and patterns, never interpolated).</summary>
    private static bool ReadsNow(JsonNode? node) => node switch
    {
        JsonObject json => json.Any(p => p.Key != "save" && (Interpolator.References(p.Key).Contains(Variables.Now) || ReadsNow(p.Value))),
        JsonArray list => list.Any(ReadsNow),
        _ => Interpolator.References(node).Contains(Variables.Now),
    };

    private static YamlNode ReadDocument(string text, string file)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw Problem(YamlJson.Locate(file, e.Start), YamlMessage(e));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some broken flow collections without a position: report where
            // the last thing it understood ends.
            var at = parser.Current is { } last ? YamlJson.Locate(file, last.End) : new SourceLocation(file, 1, 1);
            throw Problem(at, "YAML: cannot read on from here: is a { or [ not closed?");
        }

        return stream.Documents.Count switch
        {
            0 => throw Problem(new SourceLocation(file, 1, 1), "the file is empty: a scenario needs name and steps"),
            > 1 => throw Problem(YamlJson.Locate(file, stream.Documents[1].RootNode), "one scenario per file: remove the second document (---)"),
            _ => stream.Documents[0].RootNode,
        };
    }

    private static void ThrowIfAny(IEnumerable<LoadProblem> problems)
    {
        var list = problems.Distinct().OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column).ToList();
        if (list.Count > 0)
        {
            throw new ScenarioLoadException(list);
        }
    }

    private static ScenarioLoadException Problem(SourceLocation at, string message) => new([new LoadProblem(at, message)]);

    /// <summary>YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: …): " before its message; the location is reported separately.</summary>
    private static string YamlMessage(YamlException e)
    {
        var message = YamlPositionPrefix().Replace(e.Message, "");
        var parser = message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "the file is not valid YAML";
        return "YAML: " + (Indentation(parser) is { } words ? $"{words} ({parser.TrimEnd('.')})" : parser);
    }

    /// <summary>
    /// The parser's words for a wrongly indented line name its state, not the mistake: say the mistake (the line
    /// it points at is the one to fix).
    /// </summary>
    private static string? Indentation(string parser) => parser switch
    {
        _ when parser.Contains("did not find expected '-' indicator", StringComparison.Ordinal) =>
            "this line is indented differently from the list it belongs to: every item starts with '- ' in the same column, and an item's other keys line up with the key after its '- '",
        _ when parser.Contains("block mapping, did not find expected key", StringComparison.Ordinal) =>
            "this line is not indented like the keys above it: keys of one mapping start in the same column (spaces only, the same number per level)",
        _ when parser.Contains("found invalid mapping", StringComparison.Ordinal) || parser.Contains("mapping values are not allowed", StringComparison.Ordinal) =>
            "a 'key: value' where a value goes on: is this line indented further than the keys beside it, or does a value containing ': ' need quotes?",
        _ when parser.Contains("cannot start any token", StringComparison.Ordinal) =>
            "this line starts with a character YAML cannot read here: indent with spaces, never tabs, and quote a value that starts with @, ` or %",
        _ => null,
    };

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlPositionPrefix();
}
