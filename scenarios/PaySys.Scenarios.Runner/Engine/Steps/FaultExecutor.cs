using System.Globalization;
using System.Text.Json.Nodes;
using PaySys.Client.Sandbox;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary><c>fault</c>: adds a fault rule to the tenant (applied before the handler of every matching call), or clears them.</summary>
public sealed class FaultExecutor : StepExecutor<FaultStep>
{
    protected override string Describe(FaultStep step) =>
        step.Clear ? "fault clear" : $"fault {Interpolator.AsText(step.Rule["kind"])} on {Interpolator.AsText(step.Rule["method"])}";

    protected override async Task RunAsync(FaultStep step, ScenarioSession session, StepLog log)
    {
        if (step.Clear)
        {
            log.Sent("DELETE /_sandbox/faults");
            await session.Control.ClearFaultsAsync(session.CancellationToken);
            return;
        }

        var rule = (JsonObject)session.Variables.Interpolate(step.Rule)!;
        log.Sent("POST /_sandbox/faults " + rule.ToJsonString());
        var spec = new SandboxFaultSpec(
            Interpolator.AsText(rule["method"]),
            Interpolator.AsText(rule["kind"]),
            Integer(rule, "delay_ms"),
            Integer(rule, "code"),
            Integer(rule, "http_status"),
            Matcher.Number(rule["probability"]) is { } probability ? (double)probability : null,
            Integer(rule, "times"));
        try
        {
            var id = await session.Control.AddFaultAsync(spec, session.CancellationToken);
            log.Received("fault rule " + id);
        }
        catch (HttpRequestException e)
        {
            throw new StepFailedException("the sandbox refused the fault rule: " + e.Message, e);
        }
    }

    private static int? Integer(JsonObject rule, string name) =>
        rule[name] is { } value
            ? int.TryParse(Interpolator.AsText(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new StepFailedException($"fault.{name} must be an integer, not {Matcher.Show(value)}")
            : null;
}
