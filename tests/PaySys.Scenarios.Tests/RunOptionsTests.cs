using PaySys.Sandbox.Testing;
using PaySys.Scenarios.Cli;
using PaySys.Scenarios.Reporting;
using Spectre.Console;

namespace PaySys.Scenarios.Tests;

/// <summary>--tenant against a sandbox without open tenants, --quiet / --failures-only, and the tags command.</summary>
public sealed class RunOptionsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scenario-options-").FullName;
    private readonly StringWriter output = new();

    public void Dispose()
    {
        output.Dispose();
        Directory.Delete(folder, true);
    }

    private IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000;
        return console;
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(folder, name), yaml);

    /// <summary>Two files that pass only when the tenant is reset between them: the first moves the clock an hour on.</summary>
    private void WriteClockFiles()
    {
        Write("a-moves-the-clock.yaml", """
            name: Moves the clock an hour
            tags: [clock, refunds]
            steps:
              - control: { method: GET, path: clock, expect: { body: { offset_seconds: { $lt: 60 } } } }
              - clock: { advance: 3600 }
              - control: { method: GET, path: clock, expect: { body: { offset_seconds: { $gte: 3600 } } } }
            """);
        Write("b-finds-it-reset.yaml", """
            name: Finds the clock reset
            tags: [clock]
            steps:
              - control: { method: GET, path: clock, expect: { body: { offset_seconds: { $lt: 60 } } } }
            """);
    }

    [Fact]
    public async Task Tenant_replays_every_file_in_one_configured_tenant_reset_between_files()
    {
        WriteClockFiles();
        await using var sandbox = await PaySysSandbox.StartAsync(o =>
        {
            o.Transport = SandboxTransport.Loopback;
            o.OpenTenants = false;
            o.Settings["Logging:LogLevel:Default"] = "None";
        });

        var withoutTenant = await RunCommand.RunAsync(Console(), new RunRequest([folder], sandbox.Url, null, [], 2, "test.", "sandbox-secret"), CancellationToken.None);
        withoutTenant.Should().Be(RunCommand.Failed, "without open tenants the files' own tenants do not exist");
        output.ToString().Should().Contain("--tenant");

        var exit = await RunCommand.RunAsync(Console(), new RunRequest([folder], sandbox.Url, null, [], 2, "test.", "sandbox-secret", Tenant: "1"), CancellationToken.None);

        exit.Should().Be(RunCommand.Passed, output.ToString());
        output.ToString().Should().Contain("2 passed, 0 failed").And.Contain("Finds the clock reset");
    }

    [Fact]
    public async Task Quiet_prints_one_line_per_file_and_failures_only_skips_passed_files()
    {
        WriteClockFiles();
        Write("c-fails.yaml", """
            name: Expects a clock that is not there
            steps:
              - control: { method: GET, path: clock, expect: { body: { offset_seconds: { $gte: 99999 } } } }
            """);

        (await RunCommand.RunAsync(Console(), new RunRequest([folder], null, null, [], 2, "q.", "sandbox-secret", Detail: ReportDetail.Quiet), CancellationToken.None))
            .Should().Be(RunCommand.Failed);
        var quiet = output.ToString();
        quiet.Should().Contain("PASS Moves the clock an hour").And.Contain("FAIL Expects a clock").And.NotContain("✓").And.Contain("2 passed, 1 failed");

        output.GetStringBuilder().Clear();
        (await RunCommand.RunAsync(Console(), new RunRequest([folder], null, null, [], 2, "f.", "sandbox-secret", Detail: ReportDetail.FailuresOnly), CancellationToken.None))
            .Should().Be(RunCommand.Failed);
        var failures = output.ToString();
        failures.Should().NotContain("PASS").And.Contain("FAIL Expects a clock").And.Contain("✗").And.Contain("2 passed, 1 failed");
    }

    [Fact]
    public void Tags_lists_each_tag_with_its_file_count()
    {
        WriteClockFiles();

        ScenarioTagsCommand.Run(Console(), [folder]).Should().Be(RunCommand.Passed);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().MatchRegex(@"^clock +2 file\(s\)$");
        lines[1].Should().MatchRegex(@"^refunds +1 file\(s\)$");
    }
}
