using System.Globalization;
using PaySys.Scenarios.Engine;
using Spectre.Console;

namespace PaySys.Scenarios.Reporting;

/// <summary>
/// The console report: each file as it finishes (its steps, what each sent and received, and on failure the
/// expected-versus-actual lines), then a summary and the coverage table. Safe to call from parallel files.
/// A green run of the whole library is thousands of lines: <see cref="ReportDetail"/> keeps CI logs short.
/// </summary>
public sealed class ConsoleReporter(IAnsiConsole console, ReportDetail detail = ReportDetail.Full)
{
    private readonly Lock gate = new();

    public void Started(string target, int files, int parallel) =>
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]PaySys scenarios[/]: {files} file(s) against {Markup.Escape(target)}, {parallel} at a time"));

    public void Finished(ScenarioResult result)
    {
        if (detail == ReportDetail.FailuresOnly && result.Passed)
        {
            return;
        }

        lock (gate)
        {
            var mark = result.Passed ? "[green]PASS[/]" : result.Malformed ? "[red]MALFORMED[/]" : "[red]FAIL[/]";
            console.MarkupLine(result.Malformed
                ? $"{mark} [bold]{Markup.Escape(result.File.Display)}[/]"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{mark} [bold]{Markup.Escape(result.Name)}[/] [grey]{Markup.Escape(result.File.Display)} · {Markup.Escape(result.ServiceId ?? "")} · {result.Duration.TotalMilliseconds:0} ms[/]"));
            foreach (var step in result.Steps.Where(_ => detail != ReportDetail.Quiet))
            {
                var stepMark = step.Passed ? "[green]✓[/]" : "[red]✗[/]";
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {stepMark} {step.Number}. {Markup.Escape(step.Title)} [grey]({step.Location.Line}:{step.Location.Column})[/]"));
                foreach (var line in step.Lines)
                {
                    console.MarkupLine("      [grey]" + Markup.Escape(line) + "[/]");
                }
            }

            if (result.Failure is { } failure)
            {
                foreach (var line in failure.Split('\n'))
                {
                    console.MarkupLine("    [red]" + Markup.Escape(line.TrimEnd('\r')) + "[/]");
                }

                var notRun = result.StepCount - result.Steps.Count;
                if (notRun > 0 && !result.Malformed)
                {
                    console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"    [grey]{notRun} later step(s) not run[/]"));
                }
            }
        }
    }

    public void Summary(SuiteResult suite)
    {
        var passed = suite.Results.Count(r => r.Passed);
        var malformed = suite.Results.Count(r => r.Malformed);
        var failed = suite.Failed - malformed;
        console.WriteLine();
        CoverageTable.Write(console, suite.Coverage, Contracts.Embedded);
        console.WriteLine();
        foreach (var result in suite.Results.Where(r => !r.Passed))
        {
            console.MarkupLine($"[red]{(result.Malformed ? "malformed" : "failed")}[/] {Markup.Escape(result.File.Display)}{(result.Malformed ? "" : $" [grey]{Markup.Escape(result.Name)}[/]")}");
        }

        var colour = suite.Passed ? "green" : "red";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]{suite.Results.Count} file(s) in {suite.Duration.TotalSeconds:0.0} s: {failed} failed a step, {malformed} malformed[/]"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[{colour}]scenarios: {passed} passed, {failed + malformed} failed[/]"));
    }

    public void Error(string message) => console.MarkupLine("[red]" + Markup.Escape(message) + "[/]");
}

/// <summary>How much of each file the console shows; the coverage table and the summary are always printed.</summary>
public enum ReportDetail
{
    /// <summary>Every file with its steps.</summary>
    Full,

    /// <summary>One line per file (and a failure's message), no steps.</summary>
    Quiet,

    /// <summary>Failed and malformed files with their steps; passed files not at all.</summary>
    FailuresOnly,
}
