using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Hosting;
using PaySys.Scenarios.Loading;

namespace PaySys.Scenarios.Tests;

/// <summary>
/// The scenario library as tests: every *.yaml file under scenarios/ is one test case, replayed in-process
/// through the runner's engine in its own tenant, failing with the runner's own message.
/// </summary>
public sealed class ScenarioLibraryTests(InProcessSandboxFixture sandbox) : IClassFixture<InProcessSandboxFixture>
{
    /// <summary>Every scenario file, as its path under scenarios/ (the tenant key the CLI uses too).</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in ScenarioFinder.Find([RepositoryPaths.Scenarios], out _))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Scenarios, file.Path).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void The_library_has_scenario_files()
    {
        Files().Should().NotBeEmpty("scenarios/ holds the library these tests replay");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Scenario_passes(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Scenarios, relativePath);
        var file = ScenarioFinder.Find([RepositoryPaths.Scenarios], out _).Single(f => Path.GetFullPath(f.Path) == Path.GetFullPath(path));
        var scenario = ScenarioLoader.Load(file.Path, "scenarios/" + relativePath, file.Key);

        var result = await new ScenarioRunner(sandbox.Target, new Coverage(), TenantNames.DefaultPrefix)
            .RunAsync(file, scenario, CancellationToken.None);

        result.Passed.Should().BeTrue(Report(result));
        result.Steps.Should().HaveCount(scenario.Steps.Count);
    }

    private static string Report(ScenarioResult result) =>
        $"{result.Failure}{Environment.NewLine}steps:{Environment.NewLine}" +
        string.Join(Environment.NewLine, result.Steps.SelectMany(s => new[] { $"{(s.Passed ? "ok" : "FAIL")} {s.Number}. {s.Title}" }.Concat(s.Lines)));
}
