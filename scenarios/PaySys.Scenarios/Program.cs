using System.CommandLine;
using PaySys.Scenarios.Cli;
using Spectre.Console;

namespace PaySys.Scenarios;

/// <summary>
/// The entry point (not top-level statements: the sandbox it hosts in-process already owns the global
/// <c>Program</c> that WebApplicationFactory needs).
/// </summary>
public static class ScenariosProgram
{
    public static Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // CI logs: wide enough that JSON lines are not wrapped at 80 columns.
            AnsiConsole.Console.Profile.Width = 240;
        }

        var root = new RootCommand("PaySys Sandbox scenario runner: replays scenario files (scenarios/README.md) and writes JUnit")
        {
            RunCommand.Create(AnsiConsole.Console),
        };
        return root.Parse(args).InvokeAsync();
    }
}
