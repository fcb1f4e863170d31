using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using PaySys.Scenarios.Engine;

namespace PaySys.Scenarios.Reporting;

/// <summary>
/// JUnit XML as CI servers read it: one testsuite, one testcase per file (classname = its folder, name = the
/// scenario's name), its steps in system-out, a failure with the diff, or an error for a malformed file.
/// </summary>
public static class JUnitWriter
{
    public static XDocument Build(SuiteResult suite)
    {
        var failures = suite.Results.Count(r => !r.Passed && !r.Malformed);
        var errors = suite.Results.Count(r => r.Malformed);
        var cases = suite.Results.Select(Case);
        var attributes = new object[]
        {
            new XAttribute("name", "PaySys scenarios"),
            new XAttribute("tests", suite.Results.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("time", Seconds(suite.Duration)),
        };
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites", attributes, new XElement("testsuite", attributes, new XAttribute("skipped", 0), cases)));
    }

    public static void Write(SuiteResult suite, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        Build(suite).Save(writer);
    }

    private static XElement Case(ScenarioResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", result.File.Folder),
            new XAttribute("name", Clean(result.Name)),
            new XAttribute("file", result.File.Display),
            new XAttribute("time", Seconds(result.Duration)));

        if (result.Failure is { } failure)
        {
            var firstLine = failure.Split('\n')[0].TrimEnd('\r');
            element.Add(new XElement(result.Malformed ? "error" : "failure",
                new XAttribute("message", Clean(firstLine)),
                new XAttribute("type", result.Malformed ? "malformed scenario" : "step failed"),
                Clean(failure)));
        }

        element.Add(new XElement("system-out", Clean(Steps(result))));
        return element;
    }

    private static string Steps(ScenarioResult result)
    {
        var text = new StringBuilder();
        if (result.ServiceId is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"tenant {result.ServiceId}");
        }

        foreach (var step in result.Steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{(step.Passed ? "ok  " : "FAIL")} {step.Number}. {step.Title} ({step.Location})");
            foreach (var line in step.Lines)
            {
                text.AppendLine("      " + line);
            }
        }

        return text.ToString();
    }

    /// <summary>XML 1.0 cannot carry some control characters (a raw body may hold them): they become U+FFFD.</summary>
    public static string Clean(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string([.. text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD')]);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
