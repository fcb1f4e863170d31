using System.CommandLine;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Hosting;
using PaySys.Scenarios.Reporting;
using Spectre.Console;

namespace PaySys.Scenarios.Cli;

/// <summary>
/// <c>run &lt;files or folders&gt; [--url URL] [--junit FILE] [--tag TAG] [--parallel N] [--service-prefix P] [--secret S]</c>.
/// Exit codes: 0 every file passed; 1 a file failed or is malformed; 2 nothing could run (bad arguments,
/// no files, sandbox unreachable).
/// </summary>
public static class RunCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int CannotRun = 2;

    public static Command Create(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Scenario files or folders (searched for *.yaml and *.yml)", Arity = ArgumentArity.OneOrMore };
        var url = new Option<string?>("--url") { Description = "A running sandbox (started with PAYSYS_OPEN_TENANTS=true); without it an in-process sandbox is started" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report to this file" };
        var tags = new Option<string[]>("--tag") { Description = "Run only files with this tag (repeat for any of several)", AllowMultipleArgumentsPerToken = false };
        var parallel = new Option<int>("--parallel") { Description = "Files run at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var prefix = new Option<string>("--service-prefix") { Description = "Prefix of each file's service_id (letters, digits, _ and .)", DefaultValueFactory = _ => TenantNames.DefaultPrefix };
        var secret = new Option<string>("--secret")
        {
            Description = "The open-tenants secret (PAYSYS_OPEN_TENANTS_SECRET)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PAYSYS_OPEN_TENANTS_SECRET") is { Length: > 0 } s ? s : SandboxTarget.DefaultSecret,
        };

        var command = new Command("run", "Run scenario files against the sandbox") { paths, url, junit, tags, parallel, prefix, secret };
        command.SetAction((result, cancellationToken) => RunAsync(
            console,
            new RunRequest(
                result.GetValue(paths) ?? [],
                result.GetValue(url),
                result.GetValue(junit),
                result.GetValue(tags) ?? [],
                result.GetValue(parallel),
                result.GetValue(prefix) ?? TenantNames.DefaultPrefix,
                result.GetValue(secret) ?? SandboxTarget.DefaultSecret),
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, RunRequest request, CancellationToken cancellationToken)
    {
        var reporter = new ConsoleReporter(console);
        if (request.Parallel < 1 || !TenantNames.IsValidPrefix(request.ServicePrefix))
        {
            reporter.Error("--parallel must be at least 1, and --service-prefix at most 32 letters, digits, _ and .");
            return CannotRun;
        }

        if (request.Url is { } address && (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            reporter.Error($"--url must be an http(s) URL such as http://localhost:8080, not {address}");
            return CannotRun;
        }

        var files = ScenarioFinder.Find(request.Paths, out var missing);
        foreach (var path in missing)
        {
            reporter.Error($"{path}: no such file or folder");
        }

        if (missing.Count > 0 || files.Count == 0)
        {
            if (files.Count == 0 && missing.Count == 0)
            {
                reporter.Error($"no *.yaml scenario files under {string.Join(", ", request.Paths)}");
            }

            return CannotRun;
        }

        SandboxTarget target;
        try
        {
            target = await SandboxTarget.StartAsync(request.Url, request.Secret, cancellationToken);
        }
        catch (SandboxUnreachableException e)
        {
            reporter.Error(e.Message);
            return CannotRun;
        }

        await using (target)
        {
            reporter.Started(target.Description, files.Count, request.Parallel);
            var settings = new RunSettings(request.Tags, request.Parallel, request.ServicePrefix);
            var suite = await new SuiteRunner(target, settings).RunAsync(files, reporter.Finished, cancellationToken);
            if (suite.Results.Count == 0)
            {
                reporter.Error($"no scenario has tag {string.Join(" or ", request.Tags)}");
                return CannotRun;
            }

            reporter.Summary(suite);
            if (request.JUnit is { } junitPath)
            {
                JUnitWriter.Write(suite, junitPath);
                console.MarkupLine($"[grey]JUnit report: {Markup.Escape(junitPath)}[/]");
            }

            return suite.Passed ? Passed : Failed;
        }
    }
}

/// <summary>The run command's arguments.</summary>
public sealed record RunRequest(
    IReadOnlyList<string> Paths,
    string? Url,
    string? JUnit,
    IReadOnlyList<string> Tags,
    int Parallel,
    string ServicePrefix,
    string Secret);
