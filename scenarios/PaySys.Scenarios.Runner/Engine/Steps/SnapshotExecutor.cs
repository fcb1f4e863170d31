using PaySys.Client.Sandbox;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary><c>snapshot</c>: saves the tenant's state under a name, or restores a saved one (the named-snapshot routes).</summary>
public sealed class SnapshotExecutor : StepExecutor<SnapshotStep>
{
    protected override string Describe(SnapshotStep step) =>
        step.Restore ? $"snapshot restore {step.SnapshotName}" : $"snapshot save {step.SnapshotName}";

    protected override async Task RunAsync(SnapshotStep step, ScenarioSession session, StepLog log)
    {
        if (step.Restore)
        {
            log.Sent($"POST /_sandbox/snapshots/{step.SnapshotName}/restore");
            var restored = await session.Control.SendAsync(HttpMethod.Post, $"snapshots/{Uri.EscapeDataString(step.SnapshotName)}/restore", null, session.CancellationToken);
            Check(restored, step, "restore");
            log.Received($"{restored.StatusCode}");
        }
        else
        {
            log.Sent($"POST /_sandbox/snapshots/{step.SnapshotName}");
            var saved = await session.Control.SendAsync(HttpMethod.Post, $"snapshots/{Uri.EscapeDataString(step.SnapshotName)}", null, session.CancellationToken);
            Check(saved, step, "save");
            log.Received($"{saved.StatusCode}");
        }
    }

    private static void Check(SandboxControlResponse response, SnapshotStep step, string what)
    {
        if (!response.IsSuccess)
        {
            throw new StepFailedException($"snapshot {what} {step.SnapshotName} answered HTTP {response.StatusCode}: {response.Body?.GetRawText()}");
        }
    }
}
