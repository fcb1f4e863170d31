using System.CommandLine;
using PaySys.Scenarios.Cli;
using Spectre.Console;

namespace PaySys.Scenarios;

/// <summary>The entry point: <c>run</c> replays files, <c>tags</c> lists the tags they use.</summary>
public static class ScenariosProgram
{
    public static Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // CI logs: wide enough that JSON lines are never wrapped.
            AnsiConsole.Console.Profile.Width = 4096;
        }

        var root = new RootCommand("PaySys Sandbox scenario runner: replays scenario files (scenarios/README.md) and writes JUnit")
        {
            RunCommand.Create(AnsiConsole.Console),
            ScenarioTagsCommand.Create(AnsiConsole.Console),
        };
        return root.Parse(args).InvokeAsync();
    }
}
