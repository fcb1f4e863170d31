using System.CommandLine;
using System.Globalization;
using PaySys.Sandbox.Callbacks;
using Spectre.Console;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// <c>paysys-sandbox check-merchant --pay-url URL --notify-url URL [--info-url URL] [--cancel-url URL] [--statement-url URL] --secret S
/// --vendor-id N --order-id ID --amount SUMS [--junit FILE] [--timeout SECONDS]</c>: runs
/// <see cref="MerchantConformanceCheck"/> against a merchant's callback URLs and prints one row per case.
/// Exit codes: 0 every row passed (informational and skipped rows never fail), 1 a row failed, 2 a usage error.
/// </summary>
public static class CheckMerchantCommand
{
    public const string Name = "check-merchant";
    public const int UsageError = 2;

    public static Command Create(TimeProvider time)
    {
        var payUrl = Required<string>("--pay-url", "URL", "The merchant's Pay callback URL");
        var notifyUrl = Required<string>("--notify-url", "URL", "The merchant's Notify callback URL");
        var infoUrl = new Option<string?>("--info-url") { Description = "The merchant's Info callback URL (without it the Info rows are skipped)", HelpName = "URL" };
        var cancelUrl = new Option<string?>("--cancel-url")
        {
            Description = "The merchant's Cancel callback URL (without it the Cancel rows are skipped)",
            HelpName = "URL",
        };
        var statementUrl = new Option<string?>("--statement-url")
        {
            Description = "The merchant's Statement callback URL (without it the Statement rows are skipped)",
            HelpName = "URL",
        };
        var secret = Required<string>("--secret", "SECRET", "The secret the merchant checks SIGN_STRING with (never printed)");
        var vendorId = Required<long>("--vendor-id", "N", "VENDOR_ID, the merchant's id at the gateway");
        var orderId = Required<string>("--order-id", "ID", "An unpaid order of the merchant (MERCHANT_TRANS_ID); the check pays and cancels it");
        var amount = Required<decimal>("--amount", "SUMS", "The order's amount in sums, e.g. 1000 or 2500.5");
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report (one testcase per row) to this file", HelpName = "FILE" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds each callback may take before its row fails",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => MerchantCheckTarget.DefaultTimeout.TotalSeconds,
        };

        var command = new Command(Name,
            "Check a merchant's Web-kassa callback endpoints offline (the vendor cabinet's \"test your API\"): send the documented " +
            "Info/Pay/Notify/Cancel/Statement callbacks, good and wrong, and compare each ERROR with the documented code. Exit 0 all pass, 1 any fail, 2 usage error")
        {
            payUrl, notifyUrl, infoUrl, cancelUrl, statementUrl, secret, vendorId, orderId, amount, junit, timeout,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var errors = result.InvocationConfiguration.Error;
            var problems = new List<string>();
            foreach (var (option, value) in new[] { (payUrl.Name, result.GetValue(payUrl)), (notifyUrl.Name, result.GetValue(notifyUrl)), (infoUrl.Name, result.GetValue(infoUrl)), (cancelUrl.Name, result.GetValue(cancelUrl)), (statementUrl.Name, result.GetValue(statementUrl)) })
            {
                if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                {
                    problems.Add($"{option} must be an absolute http:// or https:// URL, not {value}");
                }
            }

            var sums = result.GetValue(amount);
            if (sums <= 0 || decimal.Round(sums, 2) != sums)
            {
                problems.Add($"--amount must be a positive amount in sums with at most 2 decimals (tiyin), not {sums.ToString(CultureInfo.InvariantCulture)}");
            }

            var seconds = result.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 600))
            {
                problems.Add("--timeout must be more than 0 and at most 600 seconds");
            }

            if (string.IsNullOrEmpty(result.GetValue(secret)) || string.IsNullOrEmpty(result.GetValue(orderId)))
            {
                problems.Add("--secret and --order-id must not be empty");
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await errors.WriteLineAsync(problem);
                }

                return UsageError;
            }

            var target = new MerchantCheckTarget(result.GetValue(payUrl)!, result.GetValue(notifyUrl)!, result.GetValue(infoUrl), result.GetValue(cancelUrl),
                result.GetValue(secret)!, result.GetValue(vendorId), result.GetValue(orderId)!, sums, TimeSpan.FromSeconds(seconds))
            {
                StatementUrl = result.GetValue(statementUrl),
            };
            return await RunAsync(target, ConsoleFor(result.InvocationConfiguration.Output), result.GetValue(junit), time, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the check, prints the table, writes the JUnit file if asked; answers the exit code (0 or 1).</summary>
    public static async Task<int> RunAsync(MerchantCheckTarget target, IAnsiConsole console, string? junitPath, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var report = await new MerchantConformanceCheck(time).RunAsync(target, cancellationToken);
        MerchantCheckReportWriter.WriteTable(console, report);
        if (junitPath is not null)
        {
            MerchantCheckReportWriter.WriteJUnit(report, junitPath);
            console.MarkupLine($"[grey]JUnit report: {Markup.Escape(junitPath)}[/]");
        }

        return report.ExitCode;
    }

    /// <summary>The terminal as it is for the real console; plain text, wide enough not to wrap, for any other writer (tests, pipes).</summary>
    private static IAnsiConsole ConsoleFor(TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        return console;
    }

    private static Option<T> Required<T>(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName, Required = true };
}
