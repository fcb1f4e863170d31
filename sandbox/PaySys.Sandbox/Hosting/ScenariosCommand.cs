using System.CommandLine;
using PaySys.Scenarios.Cli;
using PaySys.Scenarios.Hosting;
using Spectre.Console;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// <c>paysys-sandbox scenarios run|tags …</c>: the scenario runner (scenarios/README.md) in the shipped binary, so
/// QA replay files without the repository or the .NET SDK. Without --url, <c>run</c> starts this binary's own
/// sandbox in-process on a loopback port with open tenants, and stops it after the run.
/// </summary>
public static class ScenariosCommand
{
    public const string Name = "scenarios";

    public static Command Create()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // CI logs: wide enough that JSON lines are never wrapped.
            console.Profile.Width = 4096;
        }

        return new Command(Name, "Replay scenario files (scenarios/README.md) against a sandbox and report them (console, JUnit, coverage)")
        {
            ScenarioRunCommand.Create(console, StartInProcessAsync),
            ScenarioTagsCommand.Create(console),
        };
    }

    /// <summary>A sandbox of this binary on 127.0.0.1 at a free port: open tenants signed with <paramref name="secret"/>, no log lines.</summary>
    public static async Task<SandboxTarget> StartInProcessAsync(string secret, CancellationToken cancellationToken)
    {
        var app = SandboxApplication.Build(new WebApplicationOptions
        {
            Args =
            [
                "--urls=http://127.0.0.1:0",
                $"--{SandboxOptions.Section}:OpenTenants=true",
                $"--{SandboxOptions.Section}:OpenTenantsSecret={secret}",
                $"--{PaySysEnvironmentVariables.DefaultLogLevelKey}=None",
                $"--{PaySysEnvironmentVariables.RequestLogLevelKey}=None",
            ],
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new HostedSandbox(new Uri(app.Urls.First().TrimEnd('/') + "/"), secret, async () =>
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        });
    }
}
