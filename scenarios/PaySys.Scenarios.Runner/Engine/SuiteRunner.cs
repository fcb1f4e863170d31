using PaySys.Scenarios.Hosting;
using PaySys.Scenarios.Loading;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine;

/// <summary>
/// What a run was asked to do, besides which files. <paramref name="Tenant"/>: every file in that one tenant,
/// one file after another (a sandbox without open tenants has only its configured ones).
/// </summary>
public sealed record RunSettings(IReadOnlyList<string> Tags, int Parallel, string ServicePrefix, string? Tenant = null);

/// <summary>All files' results in file order, and the coverage they added up to.</summary>
public sealed record SuiteResult(IReadOnlyList<ScenarioResult> Results, Coverage Coverage, TimeSpan Duration)
{
    public int Failed => Results.Count(r => !r.Passed);

    public bool Passed => Failed == 0;
}

/// <summary>
/// Loads every file (a malformed one is a failed result, not an exception), keeps those with a requested tag,
/// and runs them in parallel, each in its own tenant.
/// </summary>
public sealed class SuiteRunner(SandboxTarget target, RunSettings settings)
{
    public async Task<SuiteResult> RunAsync(IReadOnlyList<ScenarioFile> files, Action<ScenarioResult> finished, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var coverage = new Coverage();
        var runner = new ScenarioRunner(target, coverage, settings.ServicePrefix, settings.Tenant);
        var results = new ScenarioResult?[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Tenant is null ? Math.Max(1, settings.Parallel) : 1, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (i, token) =>
        {
            var file = files[i];
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.Load(file.Path, file.Display, file.Key);
            }
            catch (ScenarioLoadException e)
            {
                results[i] = ScenarioResult.Unloadable(file, e.Message);
                finished(results[i]!);
                return;
            }

            if (settings.Tags.Count > 0 && !scenario.Tags.Intersect(settings.Tags, StringComparer.Ordinal).Any())
            {
                return;
            }

            results[i] = await runner.RunAsync(file, scenario, token);
            finished(results[i]!);
        });

        return new SuiteResult([.. results.OfType<ScenarioResult>()], coverage, started.Elapsed);
    }
}
