using System.CommandLine;
using System.Globalization;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// The binary's command line: <c>paysys-sandbox [options]</c> runs the sandbox, <c>paysys-sandbox healthcheck</c>
/// checks one, <c>paysys-sandbox scenarios run</c> replays scenario files, <c>paysys-sandbox check-merchant</c> checks a
/// merchant's callback endpoints. Every option is also a PAYSYS_* variable (named in its help); the command line wins over the
/// variable. An unknown or mistyped option is refused with a suggestion instead of being ignored, so a typo
/// never starts the sandbox on the default port.
/// </summary>
public static class ServerCommandLine
{
    /// <summary>
    /// Starts the host with the settings given on the command line, as configuration arguments
    /// (<c>--urls=…</c>, <c>--Sandbox:FixedOtp=…</c>) that win over every other source.
    /// </summary>
    public delegate Task<int> RunServer(string[] hostArgs, CancellationToken cancellation);

    public static RootCommand Create(RunServer runServer, Func<string?, Task<int>> healthCheck)
    {
        ArgumentNullException.ThrowIfNull(runServer);
        ArgumentNullException.ThrowIfNull(healthCheck);

        var port = new Option<int?>("--port")
        {
            Description = "Listen on 0.0.0.0:PORT (PAYSYS_URLS=http://0.0.0.0:PORT; default 8080)",
            HelpName = "PORT",
        };
        port.Validators.Add(result =>
        {
            // Runs before conversion errors are reported, so it reads the token itself.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value is < 1 or > 65535)
            {
                result.AddError($"--port must be between 1 and 65535, not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        var urls = new Option<string?>("--urls")
        {
            Description = "Listen URLs, ;-separated, e.g. http://127.0.0.1:5000 (PAYSYS_URLS, then ASPNETCORE_URLS)",
            HelpName = "URLS",
        };
        var fixedOtp = Setting("--fixed-otp", "CODE", "Every OTP is this code instead of a random one", "FixedOtp", "PAYSYS_FIXED_OTP");
        var openTenants = new Option<bool>("--open-tenants")
        {
            Description = "Accept any service_id signed with the open-tenants secret, one isolated tenant each (PAYSYS_OPEN_TENANTS=true)",
        };
        var openTenantsSecret = Setting("--open-tenants-secret", "SECRET", "The secret_key open tenants sign with, default sandbox-secret", "OpenTenantsSecret", "PAYSYS_OPEN_TENANTS_SECRET");
        var adminToken = Setting("--admin-token", "TOKEN", "Every /_sandbox route but health needs header X-Sandbox-Token with this value", "AdminToken", "PAYSYS_ADMIN_TOKEN");
        var publicUrl = Setting("--public-url", "URL", "Base URL of the links the sandbox hands out (pay pages, receipts), e.g. behind a proxy", "PublicUrl", "PAYSYS_PUBLIC_URL");
        var logLevel = new Option<string?>("--log-level")
        {
            Description = "Trace, Debug, Information, Warning (default), Error, Critical or None (PAYSYS_LOG_LEVEL)",
            HelpName = "LEVEL",
        };
        var verbose = new Option<bool>("--verbose")
        {
            Description = "One log line per request: method, tenant, outcome, error, ms; card data masked (PAYSYS_LOG_REQUESTS=true)",
        };
        logLevel.AcceptOnlyFromAmong("Trace", "Debug", "Information", "Warning", "Error", "Critical", "None");

        var root = new RootCommand(
            "PaySys Sandbox: a stateful emulator of the PaySys payment gateway (JSON-RPC over HTTP) for integration tests.\n" +
            "Every setting is a PAYSYS_* environment variable as well; docs/configuration.md lists them all.")
        {
            port, urls, fixedOtp.Option, openTenants, openTenantsSecret.Option, adminToken.Option, publicUrl.Option, logLevel, verbose,
            HealthCheck(healthCheck),
            ScenariosCommand.Create(),
            CheckMerchantCommand.Create(TimeProvider.System),
        };
        root.SetAction((result, cancellation) =>
        {
            var settings = new List<(string Key, string Value)>();
            if (result.GetValue(urls) is { Length: > 0 } listen)
            {
                settings.Add(("urls", listen));
            }
            else if (result.GetValue(port) is { } number)
            {
                settings.Add(("urls", $"http://0.0.0.0:{number.ToString(CultureInfo.InvariantCulture)}"));
            }

            foreach (var setting in new[] { fixedOtp, openTenantsSecret, adminToken, publicUrl })
            {
                if (result.GetValue(setting.Option) is { } value)
                {
                    settings.Add((SandboxOptions.Section + ":" + setting.Key, value));
                }
            }

            if (result.GetValue(openTenants))
            {
                settings.Add((SandboxOptions.Section + ":OpenTenants", "true"));
            }

            if (result.GetValue(verbose))
            {
                settings.Add((SandboxOptions.Section + ":LogRequests", "true"));
            }

            if (result.GetValue(logLevel) is { } level)
            {
                settings.Add((PaySysEnvironmentVariables.DefaultLogLevelKey, level));
                settings.Add((PaySysEnvironmentVariables.RequestLogLevelKey, level));
            }

            return runServer([.. settings.Select(s => $"--{s.Key}={s.Value}")], cancellation);
        });
        return root;
    }

    /// <summary>
    /// Runs the command line; parse errors (unknown options, bad values) print their message and a suggestion, exit 1,
    /// except under check-merchant, whose exit codes keep 1 for a merchant that fails the check: there they exit 2.
    /// </summary>
    public static async Task<int> InvokeAsync(
        string[] args, RunServer runServer, Func<string?, Task<int>> healthCheck, TextWriter? output = null, TextWriter? errors = null)
    {
        var parsed = Create(runServer, healthCheck).Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration
        {
            // No termination handler of the parser's own: the host handles SIGTERM and Ctrl+C and shuts down gracefully.
            ProcessTerminationTimeout = null,
            Output = output ?? Console.Out,
            Error = errors ?? Console.Error,
        });
        return parsed.Errors.Count > 0 && parsed.CommandResult.Command.Name == CheckMerchantCommand.Name ? CheckMerchantCommand.UsageError : exit;
    }

    private static Command HealthCheck(Func<string?, Task<int>> healthCheck)
    {
        var url = new Option<string?>("--url")
        {
            Description = "The sandbox to check (default: the port this one would listen on, through 127.0.0.1)",
            HelpName = "URL",
        };
        var command = new Command(HealthCheckCommand.Name,
            $"Exit 0 when GET <url>{HealthCheckCommand.HealthPath} answers 200 within {HealthCheckCommand.Timeout.TotalSeconds:0} s, else 1 (Docker's HEALTHCHECK)")
        {
            url,
        };
        command.SetAction((result, _) => healthCheck(result.GetValue(url)));
        return command;
    }

    private static (Option<string?> Option, string Key) Setting(string name, string helpName, string description, string key, string variable) =>
        (new Option<string?>(name) { Description = $"{description} ({variable})", HelpName = helpName }, key);
}
