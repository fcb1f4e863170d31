using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaySys.Sandbox.Hosting;
using Xunit.Abstractions;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// A full lifecycle of every method with every magic card (and a card added through the control API), every magic
/// payout account, the pay page and the receipt page, logged at Trace: no log line, journal entry, error message,
/// SMS, page or control-API body ever holds a full card number of the catalogue or a card token — only their masked
/// forms. (The two answers whose job is to hand the token to the merchant, paysys.card_confirm and
/// pam.confirm_payment with save, and GET /_sandbox/cards, which publishes the magic test cards, are the exceptions.)
/// Logging is configurable, and at the shipped levels a gateway call writes no log line at all.
/// </summary>
public sealed partial class CardDataLeakTests(ITestOutputHelper output)
{
    private const string AddedPan = "8600123412341234";

    [Fact]
    public async Task No_card_number_or_token_appears_in_logs_journal_errors_pages_or_control_bodies()
    {
        using var sandbox = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Sandbox:SlowCardDelayMs"] = "0",
        });
        var gateway = sandbox.CreateGateway();
        var run = new Run(gateway);
        await gateway.Control(HttpMethod.Post, "cards", new { pan = AddedPan, expiry = "3012", phone = "998901234567", holder = "ADDED", balance = 5_000_000, behaviour = "success" });
        var catalogue = (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray()
            .Select(c => (Pan: c!["pan"]!.GetValue<string>(), Expiry: c["expiry"]!.GetValue<string>(), Phone: c["phone"]!.GetValue<string>())).ToList();

        // The docs' date first: the virtual clock only moves back while the tenant has nothing timed.
        foreach (var at in new[] { new DateTimeOffset(2022, 2, 24, 10, 0, 0, TimeSpan.Zero), sandbox.RealClock.GetUtcNow() })
        {
            await gateway.SetClock(at);

            foreach (var card in catalogue)
            {
                await run.Lifecycle(card.Pan, card.Expiry, card.Phone);
            }
        }

        await run.Payouts();
        await run.InvoiceOnThePayPage(catalogue[0]);
        await run.NotInTheCatalogue();
        foreach (var route in new[] { "sms", "transactions", "invoices", "payouts", "journal", "clock", "service", "faults" })
        {
            run.Texts.Add(($"GET /_sandbox/{route}", (await gateway.ControlRaw(HttpMethod.Get, route)).Body));
        }

        run.Texts.AddRange(sandbox.Logs.Lines.Select(l => ("log", l.ToString())));
        run.Tokens.Should().NotBeEmpty("the lifecycle issued card tokens");
        var secrets = catalogue.Select(c => c.Pan).Concat(run.Tokens).ToList();
        var leaks = run.Texts.SelectMany(t => secrets.Where(s => t.Text.Contains(s, StringComparison.Ordinal)).Select(s => $"{t.Where}: {s}")).Take(10).ToList();
        leaks.Should().BeEmpty("only masked forms may leave the sandbox");

        var journal = run.Texts.Single(t => t.Where == "GET /_sandbox/journal").Text;
        journal.Should().Contain("860049******3347", "the journal keeps masked card numbers");
        MaskedToken().IsMatch(journal).Should().BeTrue("the journal keeps tokens masked as their first 4 characters and …");
        sandbox.Logs.Lines.Should().NotBeEmpty("logging at Trace captured the framework's lines too");
        output.WriteLine($"card data: {run.Calls} calls, {run.Texts.Count} texts checked ({sandbox.Logs.Lines.Count} log lines), " +
            $"{catalogue.Count} card numbers and {run.Tokens.Count} tokens looked for; leaks: 0");
    }

    [Fact]
    public async Task At_the_shipped_log_levels_gateway_calls_write_no_log_line()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        for (var i = 0; i < 20; i++)
        {
            await gateway.Call("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
            await gateway.Call("pam.check_payment", new { bank_transaction_id = 1 });
            await gateway.PostRaw("{broken");
        }

        sandbox.Logs.Lines.Should().BeEmpty("no request is logged on the hot path (Logging:LogLevel:Default is Warning in appsettings.json)");
    }

    [Fact]
    public async Task The_log_level_is_configuration()
    {
        using var silent = SandboxFactory.WithFixedOtp(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" });
        using var chatty = SandboxFactory.WithFixedOtp(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" });
        foreach (var sandbox in new[] { silent, chatty })
        {
            await sandbox.CreateGateway().Call("pam.check_payment", new { bank_transaction_id = 1 });
        }

        silent.Logs.Lines.Should().BeEmpty();
        chatty.Logs.Lines.Should().Contain(l => l.Level == LogLevel.Debug);
        Hosting.PaySysEnvironmentVariables.ToConfiguration(new System.Collections.Hashtable { ["PAYSYS_LOG_LEVEL"] = "Information" })
            .Should().Contain(new KeyValuePair<string, string?>("Logging:LogLevel:Default", "Information"))
            .And.Contain(new KeyValuePair<string, string?>("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"));
    }

    [Fact]
    public void Without_any_logging_configuration_the_sandbox_logs_warnings_and_above_only_and_nothing_per_request()
    {
        var empty = Directory.CreateTempSubdirectory("paysys-no-appsettings-");
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = empty.FullName, EnvironmentName = "Production" });
            builder.AddSandbox([]);
            using var app = builder.Build();
            var loggers = app.Services.GetRequiredService<ILoggerFactory>();
            var gateway = loggers.CreateLogger("PaySys.Sandbox.Rpc.Gateway");
            var requests = loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

            gateway.IsEnabled(LogLevel.Information).Should().BeFalse("the native binary run from another folder finds no appsettings.json");
            gateway.IsEnabled(LogLevel.Warning).Should().BeTrue();
            requests.IsEnabled(LogLevel.Critical).Should().BeFalse("with the per-request log on at any level ASP.NET Core starts an Activity per request");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [GeneratedRegex("\"[0-9a-f]{4}…\"")]
    private static partial Regex MaskedToken();

    /// <summary>Calls every method, keeping every text the sandbox answered with and every token it issued.</summary>
    private sealed class Run(GatewayClient gateway)
    {
        public List<(string Where, string Text)> Texts { get; } = [];

        public HashSet<string> Tokens { get; } = [];

        public int Calls { get; private set; }

        public async Task Lifecycle(string pan, string expiry, string phone)
        {
            var registered = await Call("paysys.card_registration", new { phone_number = phone, card_number = pan, card_expire = expiry });
            string? cardId = registered?["id"]?.GetValue<string>();
            string? token = null;
            if (cardId is not null)
            {
                await Call("paysys.card_confirm", new { card_id = cardId, confirmation_code = "000000" });
                var confirmed = await Call("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp }, deliversToken: true);
                token = confirmed?["card_token"]?.GetValue<string>();
            }

            var saved = await Pay(new { card_number = pan, card_expire = expiry, phone_number = phone, amount = 10_000, vendor_id = Cards.VendorId, product = "leak", save = true });
            var held = await Pay(new { card_id = cardId ?? "none", phone_number = phone, amount = 20_000, vendor_id = Cards.VendorId, product = "leak", hold = true });
            if (held is { } h)
            {
                await Call("hold.confirm", new { bank_transaction_id = h.Btid, status = "accept" });
                await Call("paysys.payment_adjustments", new { transaction_id = h.Tid, amount = 1, currency = "USD" });
                await Call("paysys.payment_adjustments", new { transaction_id = h.Tid, amount = 100 });
                await Call("paysys.get_fiscal_cheque", new { transaction_id = h.Tid, type = "payment" });
                if (await Call("paysys.get_fiscal_cheque", new { transaction_id = h.Tid, type = "payment" }) is { } cheque)
                {
                    await Page(new Uri(cheque["cheque"]!.GetValue<string>()).PathAndQuery);
                }
            }

            if (saved is { } s)
            {
                await Call("pam.check_payment", new { bank_transaction_id = s.Btid });
                await Call("paysys.payment_info", new { transaction_id = s.Tid });
                await Call("paysys.payment_cancel", new { transaction_id = s.Tid });
                await Call("transaction.reverse", new { transaction_id = s.Tid });
            }

            var tokenHeader = new Dictionary<string, string> { ["Card-Token"] = token ?? "none" };
            foreach (var hold in new[] { false, true })
            {
                if (await Call("pam.payment", new { card_id = cardId ?? "none", phone_number = phone, amount = 5_000, vendor_id = Cards.VendorId, product = "leak", hold }, headers: tokenHeader) is { } byToken)
                {
                    await Call("transaction.reverse", new { transaction_id = byToken["details"]!["transaction_id"]!.GetValue<string>() });
                }
            }

            var burned = await Call("pam.prepare_payment", new { card_number = pan, card_expire = expiry, phone_number = phone, amount = 1_000, vendor_id = Cards.VendorId, product = "leak" });
            for (var i = 0; burned is not null && i < 4; i++)
            {
                await Call("pam.confirm_payment", new { bank_transaction_id = burned["bank_transaction_id"]!.GetValue<long>(), confirmation_code = "000001" });
            }
        }

        public async Task Payouts()
        {
            foreach (var account in new[] { "79000000001", "79000000002", "79000000003", "79000000004", "998901112233" })
            {
                if (await Call("pam.pay_by_cash", new { vendor_form = new { account, amount = 1_000, vendor_id = Cards.VendorId } }) is { } payout)
                {
                    await Call("pam.check_payment", new { agr_transaction_id = payout["details"]!["transaction_id"]!.GetValue<long>() });
                }
            }
        }

        public async Task InvoiceOnThePayPage((string Pan, string Expiry, string Phone) card)
        {
            var invoice = await Call("paysys.invoice_create", new { order_id = "leak-order", vendor_id = Cards.VendorId, payment_id = -1, currency = "USD", amount = 10.5, order_note = "note" });
            var hash = invoice!["hash"]!.GetValue<string>();
            await Page($"/payform?hash={hash}");
            await Form(hash, "pay", ("card_number", "8600000000000099"), ("card_expire", card.Expiry), ("phone_number", card.Phone));
            await Form(hash, "pay", ("card_number", card.Pan), ("card_expire", "9999"), ("phone_number", card.Phone));
            await Form(hash, "pay", ("card_number", card.Pan), ("card_expire", card.Expiry), ("phone_number", card.Phone));
            await Form(hash, "confirm", ("code", "000000"));
            await Form(hash, "confirm", ("code", Cards.FixedOtp));
            await Page($"/payform?hash={hash}");
        }

        public async Task NotInTheCatalogue()
        {
            await Call("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = "8600999988887777", card_expire = "3012" });
            await Call("pam.prepare_payment", new { card_number = "8600999988887777", card_expire = "3012", phone_number = Cards.UzcardPhone, amount = 1, vendor_id = Cards.VendorId, product = "8600490744313347" });
            await Call("no.such_method_8600490744313347", new { });
        }

        private async Task<(long Btid, string Tid)?> Pay(object parameters)
        {
            var prepared = await Call("pam.prepare_payment", parameters);
            if (prepared is null)
            {
                return null;
            }

            var btid = prepared["bank_transaction_id"]!.GetValue<long>();
            var paid = await Call("pam.confirm_payment", new { bank_transaction_id = btid, confirmation_code = Cards.FixedOtp }, deliversToken: true);
            return paid is null ? null : (btid, paid["details"]!["transaction_id"]!.GetValue<string>());
        }

        /// <summary>The result, or null for an error. A success that delivers a token is not checked (it must hold the token); every other answer is.</summary>
        private async Task<JsonObject?> Call(string method, object parameters, bool deliversToken = false, Dictionary<string, string>? headers = null)
        {
            var response = await gateway.Call(method, parameters, headers);
            Calls++;
            var result = response["result"] as JsonObject;
            foreach (var token in new[] { result?["card_token"], result?["card"]?["token"] })
            {
                if (token is JsonValue value)
                {
                    Tokens.Add(value.GetValue<string>());
                }
            }

            if (!(deliversToken && result is not null))
            {
                Texts.Add(($"{method} answer", response.ToJsonString()));
            }

            return result;
        }

        private async Task Page(string pathAndQuery)
        {
            using var response = await gateway.Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
            Texts.Add(($"GET {pathAndQuery}", await response.Content.ReadAsStringAsync()));
        }

        private async Task Form(string hash, string action, params (string Name, string Value)[] fields)
        {
            using var content = new FormUrlEncodedContent([new("hash", hash), new("action", action), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
            using var response = await gateway.Http.PostAsync(new Uri("/payform", UriKind.Relative), content);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            Texts.Add(($"POST /payform {action}", await response.Content.ReadAsStringAsync()));
        }
    }
}
