using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using PaySys.Client.Sandbox;
using PaySys.Scenarios.Engine.Steps;
using PaySys.Scenarios.Hosting;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine;

/// <summary>
/// Runs one scenario in its own tenant: resets it, sets the variables, then runs the steps in order until the
/// first one fails. Never throws for a failing step or an unreachable route: the result says what happened.
/// With <paramref name="tenant"/> every file runs in that one tenant (reset before each file) instead of its own.
/// </summary>
public sealed class ScenarioRunner(SandboxTarget target, Coverage coverage, string servicePrefix, string? tenant = null)
{
    private static readonly FrozenDictionary<Type, IStepExecutor> Executors = new IStepExecutor[]
    {
        new CallExecutor(),
        new OtpExecutor(),
        new ClockExecutor(),
        new FaultExecutor(),
        new HttpExecutor(),
        new PollExecutor(),
        new ControlExecutor(),
        new SnapshotExecutor(),
    }.ToFrozenDictionary(e => e.StepType);

    public async Task<ScenarioResult> RunAsync(ScenarioFile file, Scenario scenario, CancellationToken cancellationToken)
    {
        var serviceId = tenant ?? TenantNames.For(servicePrefix, scenario.Key);
        var control = new SandboxControlClient(target.Http, serviceId);
        var variables = new Variables(new FakeValues(FakeValues.SeedFor(scenario.Key)));
        var session = new ScenarioSession(serviceId, new GatewayCaller(target.Http, serviceId, target.Secret), control, target.Http, variables, coverage, cancellationToken);
        var clock = Stopwatch.StartNew();
        var reports = new List<StepReport>();

        if (await PrepareAsync(scenario, session) is { } setupFailure)
        {
            return new ScenarioResult(file, scenario.Name, serviceId, reports, scenario.Steps.Count, setupFailure, false, clock.Elapsed);
        }

        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var report = await RunStepAsync(i + 1, scenario.Steps[i], session);
            reports.Add(report);
            if (!report.Passed)
            {
                var failure = $"step {report.Number} ({report.Title}) at {report.Location}:{Environment.NewLine}{report.Failure}";
                return new ScenarioResult(file, scenario.Name, serviceId, reports, scenario.Steps.Count, failure, false, clock.Elapsed);
            }
        }

        return new ScenarioResult(file, scenario.Name, serviceId, reports, scenario.Steps.Count, null, false, clock.Elapsed);
    }

    /// <summary>Resets the tenant and sets the built-ins and <c>vars</c>; the failure text when it cannot.</summary>
    private async Task<string?> PrepareAsync(Scenario scenario, ScenarioSession session)
    {
        try
        {
            await session.Control.ResetAsync(session.CancellationToken);
            await session.RefreshNowAsync();
            session.Variables.Set(Variables.ServiceId, JsonValue.Create(session.ServiceId));
            session.Variables.Set(Variables.BaseUrl, JsonValue.Create(target.BaseAddress.ToString().TrimEnd('/')));
            foreach (var variable in scenario.Vars)
            {
                session.Variables.Set(variable.Name, session.Variables.Interpolate(variable.Value));
            }

            return null;
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return $"the sandbox at {target.Description} has no tenant {session.ServiceId}: start it with PAYSYS_OPEN_TENANTS=true, or name one of its tenants with --tenant ({e.Message})";
        }
#pragma warning disable CA1031 // Reported as the file's failure, never as a stack trace.
        catch (Exception e) when (!session.CancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return $"could not prepare tenant {session.ServiceId}: {e.Message}";
        }
    }

    private static async Task<StepReport> RunStepAsync(int number, Step step, ScenarioSession session)
    {
        var executor = Executors[step.GetType()];
        var title = executor.Title(step);
        var log = new StepLog();
        var clock = Stopwatch.StartNew();
        string? failure = null;
        try
        {
            if (step.ReadsNow)
            {
                await session.RefreshNowAsync();
            }

            await executor.RunAsync(step, session, log);
        }
        catch (StepFailedException e)
        {
            failure = e.Message;
        }
        catch (HttpRequestException e)
        {
            failure = "the sandbox did not answer as expected: " + e.Message;
        }
        catch (OperationCanceledException e) when (!session.CancellationToken.IsCancellationRequested)
        {
            failure = "the sandbox did not answer in time: " + e.Message;
        }
#pragma warning disable CA1031 // A step's unexpected error is reported as its failure, never as a stack trace.
        catch (Exception e) when (!session.CancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            failure = $"the runner failed on this step ({e.GetType().Name}): {e.Message}";
        }

        return new StepReport(number, step.Kind, title, step.Location, log.Lines, failure is null ? null : PanMask.Apply(failure), clock.Elapsed);
    }
}
