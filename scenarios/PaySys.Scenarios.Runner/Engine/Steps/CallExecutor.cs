using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary><c>call</c>: one JSON-RPC call, its answer checked against <c>expect</c> (default: must succeed), then <c>save</c>.</summary>
public sealed class CallExecutor : StepExecutor<CallStep>
{
    protected override string Describe(CallStep step) => step.Request.Raw is null ? $"call {step.Request.Method}" : "call (raw body)";

    protected override async Task RunAsync(CallStep step, ScenarioSession session, StepLog log)
    {
        var outcome = await CallRunner.SendAsync(step.Request, session, log);
        var problems = CallRunner.Check(step.Expect, outcome, session.Variables);
        if (problems.Count > 0)
        {
            throw new StepFailedException(string.Join(Environment.NewLine, problems));
        }

        CallRunner.Save(step.Save, outcome.ToSaveRoot(), session, log);
    }
}
