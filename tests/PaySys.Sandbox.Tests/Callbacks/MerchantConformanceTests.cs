using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaySys.Sandbox.Callbacks;
using PaySys.Sandbox.Hosting;
using Spectre.Console;

namespace PaySys.Sandbox.Tests.Callbacks;

/// <summary>
/// check-merchant against two sample merchants on real Kestrel, written from paysys-callbacks.md with their own MD5:
/// a correct one passes every row (exit 0); one that never checks signatures or amounts fails exactly those rows (exit 1),
/// the Statement's among them.
/// </summary>
public sealed class MerchantConformanceTests
{
    private const string Secret = "merchant-check-secret";
    private const string OrderId = "order-4711";
    private const long VendorId = 1591864;

    [Fact]
    public async Task A_merchant_that_follows_the_documentation_passes_every_row()
    {
        await using var merchant = await SampleMerchant.StartAsync(followsTheDoc: true);

        var report = await new MerchantConformanceCheck(TimeProvider.System).RunAsync(Target(merchant), CancellationToken.None);

        report.Rows.Select(r => r.Name).Should().Equal(
            "Info, good signature", "Info, bad signature", "Pay, bad signature", "Pay, wrong amount", "Pay, unknown order", "Pay, good signature",
            "Pay, repeated AGR_TRANS_ID", "Notify 2 (paid), after the Pay", "Notify, unknown transaction", "Cancel of the paid transaction",
            "Pay, the cancelled transaction", "Notify 2 (paid), the cancelled transaction",
            "Statement, period with the order", "Statement, bad signature", "Statement, empty period");
        report.Rows.Should().OnlyContain(r => r.Outcome == MerchantCheckOutcome.Passed, "{0}", string.Join("\n", report.Rows));
        report.Rows.Select(r => r.Error).Should().Equal(0, -1, -1, -2, -6, 0, -4, 0, -6, 0, -9, -9, 0, -1, 0);
        report.ExitCode.Should().Be(0);
        merchant.AcceptedAmount.Should().Be(1000.5m, "only the good Pay was accepted");
    }

    [Fact]
    public async Task A_merchant_that_checks_neither_signature_nor_amount_fails_exactly_those_rows()
    {
        await using var merchant = await SampleMerchant.StartAsync(followsTheDoc: false);

        var report = await new MerchantConformanceCheck(TimeProvider.System).RunAsync(Target(merchant), CancellationToken.None);

        report.Rows.Where(r => r.Outcome == MerchantCheckOutcome.Failed).Select(r => r.Name).Should().Equal(
            "Info, bad signature", "Pay, bad signature", "Pay, wrong amount", "Statement, bad signature");
        report.Rows.Single(r => r.Name == "Pay, wrong amount").Message.Should().Be("expected -2 (incorrect amount), got ERROR 0 (success)");
        report.Rows.Single(r => r.Name == "Statement, bad signature").Message.Should().Be("expected -1 (SIGN CHECK FAILED), got ERROR 0 (success)");
        report.Rows.Where(r => r.Outcome != MerchantCheckOutcome.Failed).Should().OnlyContain(r => r.Outcome == MerchantCheckOutcome.Passed);
        report.ExitCode.Should().Be(1);
        MerchantCheckReportWriter.JUnit(report).Descendants("testcase").Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value)
            .Should().Contain("Statement, bad signature");
    }

    [Fact]
    public async Task A_statement_that_forgets_the_cancel_fails_the_period_row_naming_the_state()
    {
        await using var merchant = await SampleMerchant.StartAsync(followsTheDoc: true, statementForgetsCancels: true);

        var report = await new MerchantConformanceCheck(TimeProvider.System).RunAsync(Target(merchant), CancellationToken.None);

        report.Rows.Where(r => r.Outcome == MerchantCheckOutcome.Failed).Select(r => r.Name).Should().Equal("Statement, period with the order");
        report.Rows.Single(r => r.Outcome == MerchantCheckOutcome.Failed).Message.Should().EndWith("has STATE 2, not 3");
    }

    [Fact]
    public async Task Without_a_statement_url_the_statement_rows_are_skipped_not_failed()
    {
        await using var merchant = await SampleMerchant.StartAsync(followsTheDoc: true);

        var report = await new MerchantConformanceCheck(TimeProvider.System).RunAsync(Target(merchant) with { StatementUrl = null }, CancellationToken.None);

        report.Rows.Where(r => r.Kind == Domain.CallbackKind.Statement).Should().HaveCount(3)
            .And.OnlyContain(r => r.Outcome == MerchantCheckOutcome.Skipped && r.Message == "no --statement-url");
        report.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task The_command_prints_the_table_without_the_secret_writes_junit_and_exits_0_for_a_correct_merchant()
    {
        await using var merchant = await SampleMerchant.StartAsync(followsTheDoc: true);
        var junit = Path.Combine(Path.GetTempPath(), $"merchant-check-{Guid.NewGuid():N}.xml");
        try
        {
            var (exit, output, _) = await InvokeAsync(
                "check-merchant", "--pay-url", merchant.Url("pay"), "--notify-url", merchant.Url("notify"), "--info-url", merchant.Url("info"),
                "--cancel-url", merchant.Url("cancel"), "--statement-url", merchant.Url("statement"), "--secret", Secret, "--vendor-id", VendorId.ToString(CultureInfo.InvariantCulture),
                "--order-id", OrderId, "--amount", "1000.5", "--junit", junit);

            exit.Should().Be(0, output);
            output.Should().Contain("Pay, wrong amount").And.Contain("merchant conforms").And.NotContain(Secret);
            var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
            suite.Elements("testcase").Should().HaveCount(15);
            suite.Attribute("failures")!.Value.Should().Be("0");
            File.ReadAllText(junit).Should().NotContain(Secret);
        }
        finally
        {
            File.Delete(junit);
        }
    }

    [Fact]
    public async Task The_command_exits_1_when_a_row_fails_and_says_why_for_a_status_a_missing_error_and_a_refused_connection()
    {
        await using var merchant = await SampleMerchant.StartAsync(followsTheDoc: true);
        var target = Target(merchant) with { NotifyUrl = merchant.Url("broken/500"), CancelUrl = "http://127.0.0.1:1/cancel", InfoUrl = merchant.Url("broken/no-error") };
        var output = new StringWriter();

        var exit = await CheckMerchantCommand.RunAsync(target, PlainConsole(output), null, TimeProvider.System, CancellationToken.None);

        exit.Should().Be(1);
        var report = output.ToString();
        report.Should().Contain("HTTP 500").And.Contain("the answer has no ERROR").And.Contain("connection refused").And.NotContain(Secret);
    }

    [Theory]
    [InlineData(new[] { "check-merchant" }, "--pay-url")]
    [InlineData(new[] { "check-merchant", "--pay-url", "http://127.0.0.1:1/pay", "--notify-url", "http://127.0.0.1:1/notify", "--secret", "s", "--vendor-id", "1", "--order-id", "o", "--amount", "0" }, "--amount")]
    [InlineData(new[] { "check-merchant", "--pay-url", "ftp://x/pay", "--notify-url", "http://127.0.0.1:1/notify", "--secret", "s", "--vendor-id", "1", "--order-id", "o", "--amount", "10" }, "--pay-url")]
    [InlineData(new[] { "check-merchant", "--pay-url", "http://127.0.0.1:1/pay", "--notify-url", "http://127.0.0.1:1/notify", "--secret", "s", "--vendor-id", "one", "--order-id", "o", "--amount", "10" }, "one")]
    public async Task A_usage_error_exits_2_naming_what_is_wrong(string[] args, string named)
    {
        var (exit, _, errors) = await InvokeAsync(args);

        exit.Should().Be(CheckMerchantCommand.UsageError);
        errors.Should().Contain(named);
    }

    [Fact]
    public async Task Help_lists_every_option_and_the_root_help_lists_the_command()
    {
        var (exit, output, _) = await InvokeAsync("check-merchant", "--help");
        var (_, root, _) = await InvokeAsync("--help");

        exit.Should().Be(0);
        output.Should().Contain("--pay-url").And.Contain("--notify-url").And.Contain("--info-url").And.Contain("--cancel-url").And.Contain("--statement-url").And.Contain("--secret")
            .And.Contain("--vendor-id").And.Contain("--order-id").And.Contain("--amount").And.Contain("--junit").And.Contain("--timeout");
        root.Should().Contain("check-merchant");
    }

    private static MerchantCheckTarget Target(SampleMerchant merchant) =>
        new(merchant.Url("pay"), merchant.Url("notify"), merchant.Url("info"), merchant.Url("cancel"), Secret, VendorId, OrderId, 1000.5m, TimeSpan.FromSeconds(5))
        {
            StatementUrl = merchant.Url("statement"),
        };

    private static async Task<(int Exit, string Output, string Errors)> InvokeAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ServerCommandLine.InvokeAsync(args, (_, _) => Task.FromResult(99), _ => Task.FromResult(98), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private static IAnsiConsole PlainConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 240;
        return console;
    }

    /// <summary>
    /// A merchant written from the doc alone: one order (<see cref="OrderId"/>, 1000.5 sums), its own MD5 of each
    /// documented SIGN_STRING, its transactions by AGR_TRANS_ID. The flawed variant skips the signature and amount checks
    /// and, like many real ones, only remembers AGR_TRANS_IDs (it never asks whether the order was paid already).
    /// Its Statement lists the transactions paid within FROM..TO by its own clock, STATE as Notify's STATUS codes.
    /// </summary>
    private sealed class SampleMerchant : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly bool followsTheDoc;
        private readonly bool statementForgetsCancels;
        private readonly Dictionary<string, (string VendorTransId, bool Cancelled)> transactions = [];
        private readonly Dictionary<string, (decimal Amount, long PaidAtMs)> payments = [];
        private readonly Lock gate = new();
        private readonly TimeProvider clock = TimeProvider.System;

        private SampleMerchant(WebApplication app, bool followsTheDoc, bool statementForgetsCancels)
        {
            (this.app, this.followsTheDoc, this.statementForgetsCancels) = (app, followsTheDoc, statementForgetsCancels);
            app.MapPost("/info", context => Answer(context, Info));
            app.MapPost("/pay", context => Answer(context, Pay));
            app.MapPost("/notify", context => Answer(context, Notify));
            app.MapPost("/cancel", context => Answer(context, Cancel));
            app.MapPost("/statement", context => Answer(context, Statement));
            app.MapPost("/broken/500", context =>
            {
                context.Response.StatusCode = 500;
                return context.Response.WriteAsync("""{"ERROR":0}""");
            });
            app.MapPost("/broken/no-error", context => context.Response.WriteAsync("""{"status":"ok"}"""));
        }

        /// <summary>The sum of every Pay it accepted.</summary>
        public decimal AcceptedAmount { get; private set; }

        private string BaseUrl { get; set; } = "";

        public static async Task<SampleMerchant> StartAsync(bool followsTheDoc, bool statementForgetsCancels = false)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var merchant = new SampleMerchant(builder.Build(), followsTheDoc, statementForgetsCancels);
            await merchant.app.StartAsync();
            merchant.BaseUrl = merchant.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
            return merchant;
        }

        public string Url(string path) => $"{BaseUrl}/{path}";

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        private static async Task Answer(HttpContext context, Func<Func<string, string>, string> handle)
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            // Each field as SIGN_STRING joins it: a number's JSON text, a string's value.
            string Field(string name) => body.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
                : "";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(handle(Field));
        }

        // The protocol signs with MD5; the merchant computes it on its own, not with the sandbox's code.
#pragma warning disable CA5351
        private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

        private static string Error(int code, string? vendorTransId = null) => vendorTransId is null
            ? $$"""{"ERROR":{{code}},"ERROR_NOTE":"code {{code}}"}"""
            : $$"""{"ERROR":{{code}},"ERROR_NOTE":"Success","VENDOR_TRANS_ID":"{{vendorTransId}}"}""";

        private bool Forged(Func<string, string> field, params string[] signed) =>
            followsTheDoc && field("SIGN_STRING") != Md5(Secret + string.Concat(signed.Select(field)));

        private string Info(Func<string, string> field)
        {
            if (Forged(field, "MERCHANT_TRANS_ID", "SIGN_TIME"))
            {
                return Error(-1);
            }

            return field("MERCHANT_TRANS_ID") == OrderId ? """{"ERROR":0,"ERROR_NOTE":"Success","PARAMETERS":{}}""" : Error(-5);
        }

        private string Pay(Func<string, string> field)
        {
            if (Forged(field, "AGR_TRANS_ID", "VENDOR_ID", "PAYMENT_ID", "PAYMENT_NAME", "MERCHANT_TRANS_ID", "MERCHANT_TRANS_AMOUNT", "ENVIRONMENT", "SIGN_TIME"))
            {
                return Error(-1);
            }

            if (field("MERCHANT_TRANS_ID") != OrderId)
            {
                return Error(-6);
            }

            var amount = decimal.Parse(field("MERCHANT_TRANS_AMOUNT"), CultureInfo.InvariantCulture);
            if (followsTheDoc && amount != 1000.5m)
            {
                return Error(-2);
            }

            lock (gate)
            {
                if (transactions.TryGetValue(field("AGR_TRANS_ID"), out var known))
                {
                    return Error(known.Cancelled ? -9 : -4);
                }

                // The correct merchant refuses a second payment of its order, whatever AGR_TRANS_ID it comes with.
                if (followsTheDoc && transactions.Values.Any(t => !t.Cancelled))
                {
                    return Error(-4);
                }

                var vendorTransId = $"V{transactions.Count + 1}";
                transactions[field("AGR_TRANS_ID")] = (vendorTransId, false);
                payments[field("AGR_TRANS_ID")] = (amount, clock.GetUtcNow().ToUnixTimeMilliseconds());
                AcceptedAmount += amount;
                return Error(0, vendorTransId);
            }
        }

        private string Notify(Func<string, string> field)
        {
            if (Forged(field, "AGR_TRANS_ID", "VENDOR_TRANS_ID", "STATUS", "SIGN_TIME"))
            {
                return Error(-1);
            }

            lock (gate)
            {
                return !transactions.TryGetValue(field("AGR_TRANS_ID"), out var known) || known.VendorTransId != field("VENDOR_TRANS_ID") ? Error(-6)
                    : known.Cancelled && field("STATUS") == "2" ? Error(-9)
                    : Error(0);
            }
        }

        private string Cancel(Func<string, string> field)
        {
            if (Forged(field, "AGR_TRANS_ID", "VENDOR_TRANS_ID", "SIGN_TIME"))
            {
                return Error(-1);
            }

            lock (gate)
            {
                if (!transactions.TryGetValue(field("AGR_TRANS_ID"), out var known))
                {
                    return Error(-6);
                }

                if (known.Cancelled)
                {
                    return Error(-9);
                }

                transactions[field("AGR_TRANS_ID")] = (known.VendorTransId, true);
                return Error(0);
            }
        }

        private string Statement(Func<string, string> field)
        {
            if (Forged(field, "FROM", "TO", "SIGN_TIME"))
            {
                return Error(-1);
            }

            var (from, to) = (long.Parse(field("FROM"), CultureInfo.InvariantCulture), long.Parse(field("TO"), CultureInfo.InvariantCulture));
            lock (gate)
            {
                var entries = payments.Where(p => p.Value.PaidAtMs >= from && p.Value.PaidAtMs <= to).Select(p =>
                {
                    var (vendorTransId, cancelled) = transactions[p.Key];
                    var state = cancelled && !statementForgetsCancels ? "3" : "2";
                    var sums = p.Value.Amount.ToString(CultureInfo.InvariantCulture);
                    return $$"""{"ENVIRONMENT":"sandbox","AGR_TRANS_ID":{{p.Key}},"VENDOR_TRANS_ID":"{{vendorTransId}}","MERCHANT_TRANS_ID":"{{OrderId}}","MERCHANT_TRANS_AMOUNT":{{sums}},"STATE":"{{state}}","DATE":{{p.Value.PaidAtMs}}}""";
                });
                return $$"""{"ERROR":0,"ERROR_NOTE":"Success","TRANSACTIONS":[{{string.Join(",", entries)}}]}""";
            }
        }
    }
}
