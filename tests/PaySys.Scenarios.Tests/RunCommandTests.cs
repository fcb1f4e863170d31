using System.Xml.Linq;
using PaySys.Scenarios.Cli;
using Spectre.Console;

namespace PaySys.Scenarios.Tests;

/// <summary>The run command end to end, in-process: what it prints, the JUnit it writes, and its exit codes.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scenarios-").FullName;
    private readonly StringWriter output = new();

    public void Dispose()
    {
        output.Dispose();
        Directory.Delete(folder, true);
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(folder, name), yaml);

    private Task<int> Run(IReadOnlyList<string>? tags = null, string? url = null, string? junit = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000;
        return RunCommand.RunAsync(console, new RunRequest([folder], url, junit, tags ?? [], 2, "test.", "sandbox-secret"), CancellationToken.None);
    }

    private void WriteLibrary()
    {
        Write("passes.yaml", """
            name: Clock moves
            tags: [good]
            steps:
              - clock: { advance: 60 }
              - control: { method: GET, path: clock, expect: { body: { offset_seconds: { $gte: 60 } } } }
            """);
        Write("fails.yaml", """
            name: Expects a result that is not there
            steps:
              - call: pam.check_payment
                params: { bank_transaction_id: 1, card_number: "8600490744313347" }
                expect: { result: { status: "2" } }
            """);
        Write("malformed.yaml", """
            name: Typo
            steps:
              - call: pam.check_payment
                parms: {}
            """);
    }

    [Fact]
    public async Task A_failing_or_malformed_file_makes_the_exit_code_1_and_the_report_says_why()
    {
        WriteLibrary();
        var junit = Path.Combine(folder, "out", "junit.xml");

        var exit = await Run(junit: junit);

        exit.Should().Be(RunCommand.Failed);
        var text = output.ToString();
        text.Should().Contain("PASS Clock moves")
            .And.Contain("FAIL Expects a result that is not there")
            .And.Contain("expected a result, got error -32314")
            .And.Contain("860049******3347").And.NotContain("8600490744313347")
            .And.Contain("MALFORMED")
            .And.MatchRegex(@"malformed\.yaml:4:5: unknown key 'parms'")
            .And.Contain("Coverage: gateway methods").And.Contain("pam.check_payment")
            .And.Contain("-32314").And.Contain("insufficient_privileges")
            .And.Contain("1 passed, 2 failed");
        XDocument.Load(junit).Descendants("testcase").Should().HaveCount(3);
    }

    [Fact]
    public async Task Only_files_with_a_requested_tag_run_and_all_passing_is_exit_0()
    {
        WriteLibrary();
        File.Delete(Path.Combine(folder, "malformed.yaml"));

        var exit = await Run(tags: ["good"]);

        exit.Should().Be(RunCommand.Passed, output.ToString());
        output.ToString().Should().Contain("Clock moves").And.NotContain("Expects a result").And.Contain("1 passed, 0 failed");
    }

    [Fact]
    public async Task Nothing_to_run_or_nowhere_to_run_it_is_exit_2()
    {
        (await Run()).Should().Be(RunCommand.CannotRun, "the folder has no scenario files");
        output.ToString().Should().Contain("no *.yaml scenario files");

        WriteLibrary();
        (await Run(url: "not a url")).Should().Be(RunCommand.CannotRun);
        (await Run(tags: ["nothing-has-this"])).Should().Be(RunCommand.Failed, "a malformed file fails the run whatever the tags");
        File.Delete(Path.Combine(folder, "malformed.yaml"));
        (await Run(tags: ["nothing-has-this"])).Should().Be(RunCommand.CannotRun);
        output.ToString().Should().Contain("--url must be an http(s) URL").And.Contain("no scenario has tag nothing-has-this");
    }
}
