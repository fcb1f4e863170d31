using System.Globalization;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary>
/// <c>poll</c>: repeats a call until its answer holds <c>until</c>, moving the tenant's virtual clock by
/// <c>advance</c> seconds between tries (never sleeping), at most <c>tries</c> times.
/// </summary>
public sealed class PollExecutor : StepExecutor<PollStep>
{
    protected override string Describe(PollStep step) => $"poll {step.Request.Method}";

    protected override async Task RunAsync(PollStep step, ScenarioSession session, StepLog log)
    {
        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= step.Tries; attempt++)
        {
            if (step.ReadsNow && attempt > 1)
            {
                await session.RefreshNowAsync();
            }

            var outcome = await CallRunner.SendAsync(step.Request, session, log);
            problems = CallRunner.Check(step.Until, outcome, session.Variables);
            if (problems.Count == 0)
            {
                log.Note(string.Create(CultureInfo.InvariantCulture, $"held on try {attempt} of {step.Tries}"));
                CallRunner.Save(step.Save, outcome.ToSaveRoot(), session, log);
                return;
            }

            if (attempt < step.Tries && step.AdvanceSeconds > 0)
            {
                var clock = await session.Control.AdvanceClockAsync(step.AdvanceSeconds, session.CancellationToken);
                log.Note(string.Create(CultureInfo.InvariantCulture, $"not yet; clock +{step.AdvanceSeconds} s → {clock.UtcNow:u}"));
            }
        }

        throw new StepFailedException(string.Create(CultureInfo.InvariantCulture,
            $"until did not hold after {step.Tries} tries ({step.AdvanceSeconds} s apart); the last answer:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}"));
    }
}
