using System.CommandLine;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Hosting;
using PaySys.Scenarios.Reporting;
using Spectre.Console;

namespace PaySys.Scenarios.Cli;

/// <summary>
/// <c>run &lt;files or folders&gt; [--url URL] [--tenant SERVICE_ID] [--junit FILE] [--tag TAG] [--parallel N]
/// [--service-prefix P] [--secret S] [--quiet | --failures-only]</c>, the same in the scenarios exe and in the server
/// binary (<c>paysys-sandbox scenarios run</c>); each brings its own in-process sandbox for a run without --url.
/// Exit codes: 0 every file passed; 1 a file failed or is malformed; 2 nothing could run (bad arguments,
/// no files, sandbox unreachable).
/// </summary>
public static class ScenarioRunCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int CannotRun = 2;

    public static Command Create(IAnsiConsole console, InProcessStart startInProcess)
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

        var tenant = new Option<string?>("--tenant")
        {
            Description = "Run every file in this one tenant, one after another, resetting it before each (for a sandbox without open tenants; sign with its secret_key through --secret)",
            HelpName = "SERVICE_ID",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print no steps: one line per file, then the coverage and the summary" };
        var failuresOnly = new Option<bool>("--failures-only") { Description = "Print the steps of failed and malformed files only" };

        var command = new Command("run", "Run scenario files against the sandbox") { paths, url, tenant, junit, tags, parallel, prefix, secret, quiet, failuresOnly };
        command.SetAction((result, cancellationToken) => RunAsync(
            console,
            new RunRequest(
                result.GetValue(paths) ?? [],
                result.GetValue(url),
                result.GetValue(junit),
                result.GetValue(tags) ?? [],
                result.GetValue(parallel),
                result.GetValue(prefix) ?? TenantNames.DefaultPrefix,
                result.GetValue(secret) ?? SandboxTarget.DefaultSecret,
                result.GetValue(tenant),
                result.GetValue(quiet) ? ReportDetail.Quiet : result.GetValue(failuresOnly) ? ReportDetail.FailuresOnly : ReportDetail.Full),
            startInProcess,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, RunRequest request, InProcessStart startInProcess, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reporter = new ConsoleReporter(console, request.Detail);
        if (request.Parallel < 1 || !TenantNames.IsValidPrefix(request.ServicePrefix))
        {
            reporter.Error("--parallel must be at least 1, and --service-prefix at most 32 letters, digits, _ and .");
            return CannotRun;
        }

        if (request.Tenant is { } named && (named.Length is 0 or > TenantNames.MaxLength || !TenantNames.IsValidPrefix(named[..Math.Min(named.Length, 32)])))
        {
            reporter.Error($"--tenant must be a service_id of at most {TenantNames.MaxLength} letters, digits, _ and .");
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
            target = await SandboxTarget.StartAsync(request.Url, request.Secret, startInProcess, cancellationToken);
        }
        catch (SandboxUnreachableException e)
        {
            reporter.Error(e.Message);
            return CannotRun;
        }

        await using (target)
        {
            reporter.Started(target.Description, files.Count, request.Tenant is null ? request.Parallel : 1);
            var settings = new RunSettings(request.Tags, request.Parallel, request.ServicePrefix, request.Tenant);
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
    string Secret,
    string? Tenant = null,
    ReportDetail Detail = ReportDetail.Full);
