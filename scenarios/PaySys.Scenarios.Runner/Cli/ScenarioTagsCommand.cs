using System.CommandLine;
using System.Globalization;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Loading;
using Spectre.Console;

namespace PaySys.Scenarios.Cli;

/// <summary>
/// <c>tags &lt;files or folders&gt;</c>: every tag the files use, with how many files have it, so a <c>--tag</c>
/// is picked from what exists. Exit 0; 1 when a file is malformed (it is named); 2 when there is nothing to read.
/// </summary>
public static class ScenarioTagsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Scenario files or folders (searched for *.yaml and *.yml)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tags", "List the tags of scenario files, with how many files have each") { paths };
        command.SetAction(result => Run(console, result.GetValue(paths) ?? []));
        return command;
    }

    public static int Run(IAnsiConsole console, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(console);
        var files = ScenarioFinder.Find(paths, out var missing);
        foreach (var path in missing)
        {
            console.MarkupLine($"[red]{Markup.Escape(path)}: no such file or folder[/]");
        }

        if (missing.Count > 0 || files.Count == 0)
        {
            return ScenarioRunCommand.CannotRun;
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var malformed = 0;
        foreach (var file in files)
        {
            try
            {
                foreach (var tag in ScenarioLoader.Load(file.Path, file.Display, file.Key).Tags.Distinct(StringComparer.Ordinal))
                {
                    counts[tag] = counts.GetValueOrDefault(tag) + 1;
                }
            }
            catch (ScenarioLoadException e)
            {
                malformed++;
                console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
            }
        }

        foreach (var (tag, count) in counts)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tag,-16} {count,3} file(s)"));
        }

        return malformed == 0 ? ScenarioRunCommand.Passed : ScenarioRunCommand.Failed;
    }
}
