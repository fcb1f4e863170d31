using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Spectre.Console;

namespace PaySys.Sandbox.Callbacks;

/// <summary>The check's report as a console table and as JUnit XML (one testcase per row), for people and for CI.</summary>
public static class MerchantCheckReportWriter
{
    public static void WriteTable(IAnsiConsole console, MerchantCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().AddColumns("#", "case", "expected", "result", "answer", "ms");
        var number = 0;
        foreach (var row in report.Rows)
        {
            number++;
            table.AddRow(
                number.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Name),
                Markup.Escape(row.Expected),
                row.Outcome switch
                {
                    MerchantCheckOutcome.Passed => "[green]pass[/]",
                    MerchantCheckOutcome.Failed => "[red]FAIL[/]",
                    MerchantCheckOutcome.Informational => "[blue]info[/]",
                    _ => "[grey]skipped[/]",
                },
                Markup.Escape(row.Message),
                row.Outcome == MerchantCheckOutcome.Skipped ? "" : row.LatencyMs.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var count = (MerchantCheckOutcome outcome) => report.Rows.Count(r => r.Outcome == outcome).ToString(CultureInfo.InvariantCulture);
        console.MarkupLine(
            $"{(report.Passed ? "[green]merchant conforms[/]" : "[red]merchant does not conform[/]")}: {count(MerchantCheckOutcome.Passed)} passed, " +
            $"{count(MerchantCheckOutcome.Failed)} failed, {count(MerchantCheckOutcome.Informational)} informational, {count(MerchantCheckOutcome.Skipped)} skipped");
    }

    public static XDocument JUnit(MerchantCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cases = report.Rows.Select(row =>
        {
            var element = new XElement("testcase",
                new XAttribute("classname", "merchant." + row.Kind.ToString().ToLowerInvariant()),
                new XAttribute("name", row.Name),
                new XAttribute("time", (row.LatencyMs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)));
            switch (row.Outcome)
            {
                case MerchantCheckOutcome.Failed:
                    element.Add(new XElement("failure", new XAttribute("message", row.Message), new XAttribute("type", "merchant answer"),
                        $"expected {row.Expected}: {row.Message}"));
                    break;
                case MerchantCheckOutcome.Skipped:
                    element.Add(new XElement("skipped", new XAttribute("message", row.Message)));
                    break;
                default:
                    element.Add(new XElement("system-out", row.Message));
                    break;
            }

            return element;
        });
        var attributes = new object[]
        {
            new XAttribute("name", "PaySys merchant callbacks"),
            new XAttribute("tests", report.Rows.Count),
            new XAttribute("failures", report.Rows.Count(r => r.Outcome == MerchantCheckOutcome.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", report.Rows.Count(r => r.Outcome == MerchantCheckOutcome.Skipped)),
        };
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", new XElement("testsuite", attributes, cases)));
    }

    public static void WriteJUnit(MerchantCheckReport report, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        JUnit(report).Save(writer);
    }
}
