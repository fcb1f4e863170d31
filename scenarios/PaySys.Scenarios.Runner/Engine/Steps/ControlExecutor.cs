using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary><c>control</c>: any control-API route for the tenant; checks status (default 2xx) and a body subset, saves from <c>status</c> and <c>body</c>.</summary>
public sealed class ControlExecutor : StepExecutor<ControlStep>
{
    protected override string Describe(ControlStep step) => $"control {step.Method} {step.Path}";

    protected override async Task RunAsync(ControlStep step, ScenarioSession session, StepLog log)
    {
        var variables = session.Variables;
        var path = variables.Text(step.Path);
        var body = step.HasBody ? variables.Interpolate(step.Body) : null;
        var shown = path.StartsWith("/_sandbox/", StringComparison.Ordinal) ? path : "/_sandbox/" + path.TrimStart('/');
        log.Sent($"{step.Method} {shown}{(step.HasBody ? " " + Matcher.Show(body) : "")}");

        JsonElement? element = step.HasBody ? JsonSerializer.SerializeToElement(body, ScenarioJsonContext.Default.JsonNode) : null;
        var response = await session.Control.SendAsync(new HttpMethod(step.Method), path, element, session.CancellationToken);
        var answer = response.Body is { } json ? JsonNode.Parse(json.GetRawText()) : null;
        log.Received(string.Create(CultureInfo.InvariantCulture, $"HTTP {response.StatusCode} {Matcher.Show(answer)}"));

        var problems = new List<string>();
        if (step.ExpectStatus is { } status ? response.StatusCode != status : !response.IsSuccess)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"status: expected {step.ExpectStatus?.ToString(CultureInfo.InvariantCulture) ?? "2xx"}, got {response.StatusCode}"));
        }

        if (step.HasExpectBody)
        {
            problems.AddRange(Matcher.Match(variables.Interpolate(step.ExpectBody), answer, "body").Select(m => m.ToString()));
        }

        if (problems.Count > 0)
        {
            throw new StepFailedException(string.Join(Environment.NewLine, problems));
        }

        CallRunner.Save(step.Save, new JsonObject { ["status"] = response.StatusCode, ["body"] = answer }, session, log);
    }
}
