using System.CommandLine;
using PaySys.Scenarios.Hosting;
using Spectre.Console;

namespace PaySys.Scenarios.Cli;

/// <summary>
/// The exe's <c>run</c>: the shared <see cref="ScenarioRunCommand"/> with the testing fixture's in-memory sandbox
/// for a run without --url (the server binary's <c>scenarios run</c> brings its own on a loopback port).
/// </summary>
public static class RunCommand
{
    public const int Passed = ScenarioRunCommand.Passed;
    public const int Failed = ScenarioRunCommand.Failed;
    public const int CannotRun = ScenarioRunCommand.CannotRun;

    public static Command Create(IAnsiConsole console) => ScenarioRunCommand.Create(console, InProcessSandbox.StartInMemoryAsync);

    public static Task<int> RunAsync(IAnsiConsole console, RunRequest request, CancellationToken cancellationToken) =>
        ScenarioRunCommand.RunAsync(console, request, InProcessSandbox.StartInMemoryAsync, cancellationToken);
}
