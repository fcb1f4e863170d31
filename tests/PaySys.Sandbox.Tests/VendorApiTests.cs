using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The vendor API (paysys-docs/002), invoices with the hosted pay page, and e-money payouts (paysys-docs/001):
/// each method's success and error paths, the refund cap in every currency, the 7-day once-only cancel on the
/// virtual clock, and that every rejected call leaves the tenant's state exactly as it was.
/// </summary>
public sealed partial class VendorApiTests : IDisposable
{
    private const long Day = 86_400;
    private const long CancelWindow = 7 * Day;
    private const string MaskedUzcard = "860049******3347";

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public VendorApiTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    // ---- paysys.payment_info ----

    [Fact]
    public async Task Payment_info_reports_the_documented_fields_with_their_json_types()
    {
        var paidAt = await Now();
        var payment = await Pay(123_456, product: "1683530160817");

        var info = await gateway.Ok("paysys.payment_info", new { transaction_id = payment.TransactionId });

        info.Select(p => p.Key).Should().BeEquivalentTo("transaction_id", "vendor_user_id", "bank_transaction_id", "amount", "currency", "status", "date");
        info["transaction_id"]!.GetValue<long>().Should().Be(payment.TransactionId);
        info["vendor_user_id"]!.GetValue<string>().Should().Be("1683530160817", "vendor_user_id is the payment's product");
        info["bank_transaction_id"]!.GetValue<long>().Should().Be(payment.BankTransactionId);
        info["amount"]!.GetValue<long>().Should().Be(123_456, "amounts are in tiyin");
        info["currency"]!.GetValue<int>().Should().Be(860, "the numeric ISO 4217 code of the sum");
        info["status"]!.GetValue<int>().Should().Be(2);
        info["date"]!.GetValue<long>().Should().Be(paidAt, "the payment's time on the tenant's virtual clock, in Unix seconds");
        foreach (var name in new[] { "transaction_id", "bank_transaction_id", "amount", "currency", "status", "date" })
        {
            info[name]!.GetValueKind().Should().Be(JsonValueKind.Number, "{0} is a number in the docs' example", name);
        }
    }

    [Fact]
    public async Task Payment_info_follows_the_status_and_accepts_a_string_id()
    {
        var prepared = await Prepare(50_000, product: "status-check");
        var awaiting = await gateway.Call("paysys.payment_info", new { transaction_id = prepared.TransactionId });
        awaiting["result"]!["status"]!.GetValue<int>().Should().Be(1, "a prepared payment awaits its code");

        var payment = await Pay(50_000);
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1_000 });
        (await Status(payment.TransactionId)).Should().Be(6);

        var other = await Pay(50_000);
        await gateway.Ok("paysys.payment_cancel", new { transaction_id = Text(other.TransactionId) });
        var info = await gateway.Ok("paysys.payment_info", new { transaction_id = Text(other.TransactionId) });
        info["status"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Payment_info_rejects_unknown_and_missing_ids()
    {
        await Rejected("paysys.payment_info", new { transaction_id = 99_999_999 }, -32314);
        var missing = await Rejected("paysys.payment_info", new { }, -32300);
        missing["data"]!["param"]!.GetValue<string>().Should().Be("transaction_id");
        var wrongType = await Rejected("paysys.payment_info", new { transaction_id = "12ab" }, -32300);
        wrongType["data"]!["param"]!.GetValue<string>().Should().Be("transaction_id");
    }

    // ---- paysys.payment_cancel ----

    [Fact]
    public async Task Cancel_credits_the_whole_amount_back_once_and_answers_like_the_docs()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var payment = await Pay(777_700, product: "order-cancel");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 777_700);

        var cancelled = await gateway.Ok("paysys.payment_cancel", new { transaction_id = payment.TransactionId });

        cancelled.Select(p => p.Key).Should().Equal("transaction_id", "bank_transaction_id", "vendor_user_id", "status");
        cancelled["transaction_id"]!.GetValue<long>().Should().Be(payment.TransactionId);
        cancelled["bank_transaction_id"]!.GetValue<long>().Should().Be(payment.BankTransactionId);
        cancelled["vendor_user_id"]!.GetValue<string>().Should().Be("order-cancel");
        cancelled["status"]!.GetValue<int>().Should().Be(3);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "the full amount is credited back at once");
        (await Status(payment.TransactionId)).Should().Be(3);
        var history = (await gateway.Transaction(payment.BankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "paid", "cancelled_by_vendor");

        var twice = await Rejected("paysys.payment_cancel", new { transaction_id = payment.TransactionId }, -32312);
        twice["message"]!.GetValue<string>().Should().Contain("cancelled");
    }

    [Theory]
    [InlineData(6 * Day + (23 * 3600), true)]
    [InlineData(CancelWindow, true)]
    [InlineData(CancelWindow + 1, false)]
    [InlineData(30 * Day, false)]
    public async Task Cancel_is_allowed_for_seven_days_after_the_payment_on_the_virtual_clock(long later, bool allowed)
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var payment = await Pay(200_000);
        await gateway.AdvanceClock(later);

        if (allowed)
        {
            var cancelled = await gateway.Ok("paysys.payment_cancel", new { transaction_id = payment.TransactionId });
            cancelled["status"]!.GetValue<int>().Should().Be(3);
            (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        }
        else
        {
            var error = await Rejected("paysys.payment_cancel", new { transaction_id = payment.TransactionId }, -32312);
            error["message"]!.GetValue<string>().Should().Contain("cancel window");
            (await Status(payment.TransactionId)).Should().Be(2, "the payment stays completed");
            (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 200_000);

            var refunded = await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 100_000 });
            refunded["status"]!.GetValue<int>().Should().Be(6, "a refund still works after the cancel window");
        }
    }

    [Fact]
    public async Task Cancel_after_transaction_reverse_is_not_allowed()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var payment = await Pay(300_000);
        await gateway.Ok("transaction.reverse", new { transaction_id = payment.TransactionId });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);

        await Rejected("paysys.payment_cancel", new { transaction_id = payment.TransactionId }, -32312);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "the money came back once, with the reversal");
    }

    [Fact]
    public async Task Cancel_needs_a_completed_payment_that_was_not_refunded()
    {
        var refunded = await Pay(100_000);
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = refunded.TransactionId, amount = 10_000 });
        await Rejected("paysys.payment_cancel", new { transaction_id = refunded.TransactionId }, -32312);

        var awaiting = await Prepare(100_000);
        await Rejected("paysys.payment_cancel", new { transaction_id = awaiting.TransactionId }, -32312);

        var held = await Pay(100_000, hold: true);
        (await Status(held.TransactionId)).Should().Be(7);
        await Rejected("paysys.payment_cancel", new { transaction_id = held.TransactionId }, -32312);

        await Rejected("paysys.payment_cancel", new { transaction_id = 99_999_999 }, -32314);
        await Rejected("paysys.payment_cancel", new { }, -32300);
    }

    [Fact]
    public async Task A_cancelled_payment_cannot_be_refunded()
    {
        var payment = await Pay(400_000);
        await gateway.Ok("paysys.payment_cancel", new { transaction_id = payment.TransactionId });

        await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1_000 }, -32313);
        await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1, currency = "USD" }, -32313);
    }

    // ---- paysys.payment_adjustments ----

    /// <summary>
    /// 12 345 678 tiyin paid; the commission is floor(1 % of it) = 123 456, so 12 222 222 tiyin may be refunded.
    /// In a foreign currency one minor unit is worth as many tiyin as the rate says UZS per unit.
    /// </summary>
    [Theory]
    [InlineData("UZS", 1)]
    [InlineData("USD", 12_650)]
    [InlineData("EUR", 13_700)]
    [InlineData("RUB", 155)]
    public async Task Refunds_add_up_to_the_cap_exactly_in_each_currency(string currency, long tiyinPerMinorUnit)
    {
        const long Amount = 12_345_678;
        const long Cap = Amount - 123_456;
        var payment = await Pay(Amount, product: "cap-" + currency);
        var paidBalance = await gateway.Balance(Cards.UzcardPan);

        var firstMinor = Cap / 2 / tiyinPerMinorUnit;
        var first = await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = firstMinor, currency });
        first.Select(p => p.Key).Should().Equal("transaction_id", "vendor_user_id", "bank_transaction_id", "status");
        first["transaction_id"]!.GetValue<long>().Should().Be(payment.TransactionId);
        first["vendor_user_id"]!.GetValue<string>().Should().Be("cap-" + currency);
        first["bank_transaction_id"]!.GetValue<long>().Should().Be(payment.BankTransactionId);
        first["status"]!.GetValue<int>().Should().Be(6);
        var refunded = firstMinor * tiyinPerMinorUnit;
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + refunded, "the card is credited the converted amount in tiyin");

        var rest = Cap - refunded;
        var restMinor = rest / tiyinPerMinorUnit;
        var over = await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = restMinor + 1, currency }, -32312);
        ShouldDescribeCap(over, refundable: rest, refunded: refunded, Cap, currency, refundableInCurrency: restMinor);

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = restMinor, currency });
        refunded += restMinor * tiyinPerMinorUnit;
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + refunded);

        var left = Cap - refunded;
        left.Should().BeLessThan(tiyinPerMinorUnit);
        var oneMore = await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1, currency }, -32312);
        ShouldDescribeCap(oneMore, refundable: left, refunded: refunded, Cap, currency, refundableInCurrency: 0);

        if (left > 0)
        {
            await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = left, currency = "UZS" });
            refunded += left;
            var lastTiyin = await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1 }, -32312);
            ShouldDescribeCap(lastTiyin, refundable: 0, refunded: Cap, Cap, "UZS", refundableInCurrency: 0);
        }

        refunded.Should().Be(Cap);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + Cap, "the commission is never refunded");
        (await Status(payment.TransactionId)).Should().Be(6);
    }

    /// <summary>The README's worked example, with the numbers written out by hand.</summary>
    [Fact]
    public async Task Worked_example_250_000_sum_refunded_in_dollars()
    {
        var payment = await Pay(25_000_000);
        var paidBalance = await gateway.Balance(Cards.UzcardPan);

        var over = await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1_957, currency = "USD" }, -32312);
        ShouldDescribeCap(over, refundable: 24_750_000, refunded: 0, cap: 24_750_000, "USD", refundableInCurrency: 1_956);

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1_956, currency = "USD" });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + 24_743_400, "$19.56 at 12 650 UZS is 247 434 UZS");

        var rest = await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 6_601 }, -32312);
        ShouldDescribeCap(rest, refundable: 6_600, refunded: 24_743_400, cap: 24_750_000, "UZS", refundableInCurrency: 6_600);
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 6_600 });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + 24_750_000);
    }

    [Fact]
    public async Task Refund_currency_defaults_to_uzs_and_a_single_refund_over_the_cap_fails_whole()
    {
        var payment = await Pay(1_000_000);
        var paidBalance = await gateway.Balance(Cards.UzcardPan);

        var whole = await Rejected("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 1_000_000 }, -32312);
        ShouldDescribeCap(whole, refundable: 990_000, refunded: 0, cap: 990_000, "UZS", refundableInCurrency: 990_000);
        (await Status(payment.TransactionId)).Should().Be(2, "a rejected refund leaves the payment completed");

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = 990_000 });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + 990_000, "without currency the amount is in tiyin");
    }

    [Fact]
    public async Task Refund_rejects_bad_params_and_payments_in_the_wrong_state()
    {
        var payment = await Pay(1_000_000);
        foreach (var (parameters, param) in new (object, string)[]
        {
            (new { transaction_id = payment.TransactionId, amount = 0 }, "amount"),
            (new { transaction_id = payment.TransactionId, amount = -5 }, "amount"),
            (new { transaction_id = payment.TransactionId, amount = "100" }, "amount"),
            (new { transaction_id = payment.TransactionId, amount = 10.5m }, "amount"),
            (new { transaction_id = payment.TransactionId }, "amount"),
            (new { transaction_id = payment.TransactionId, amount = 100, currency = "TRL" }, "currency"),
            (new { transaction_id = payment.TransactionId, amount = 100, currency = "usd" }, "currency"),
            (new { amount = 100 }, "transaction_id"),
        })
        {
            var error = await Rejected("paysys.payment_adjustments", parameters, -32300);
            error["data"]!["param"]!.GetValue<string>().Should().Be(param, "for {0}", JsonSerializer.Serialize(parameters));
        }

        await Rejected("paysys.payment_adjustments", new { transaction_id = 99_999_999, amount = 100 }, -32314);
        var awaiting = await Prepare(100_000);
        await Rejected("paysys.payment_adjustments", new { transaction_id = awaiting.TransactionId, amount = 100 }, -32312);
        var held = await Pay(100_000, hold: true);
        await Rejected("paysys.payment_adjustments", new { transaction_id = held.TransactionId, amount = 100 }, -32312);
        var reversed = await Pay(100_000);
        await gateway.Ok("transaction.reverse", new { transaction_id = reversed.TransactionId });
        await Rejected("paysys.payment_adjustments", new { transaction_id = reversed.TransactionId, amount = 100 }, -32313);
    }

    [Fact]
    public async Task Hundred_parallel_refunds_of_one_payment_never_pass_the_cap()
    {
        const int Racers = 100;
        const long Amount = 1_000_000;
        const long Cap = 990_000;
        const long Each = 13_000;
        var payment = await Pay(Amount);
        var paidBalance = await gateway.Balance(Cards.UzcardPan);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await gateway.Call("paysys.payment_adjustments", new { transaction_id = payment.TransactionId, amount = Each });
        })).ToArray();
        start.SetResult();
        var responses = await Task.WhenAll(calls);

        var succeeded = responses.Where(r => r["error"] is null).ToList();
        var failed = responses.Where(r => r["error"] is not null).Select(r => r["error"]!.AsObject()).ToList();
        var refunded = succeeded.Count * Each;
        refunded.Should().BeLessThanOrEqualTo(Cap);
        succeeded.Should().HaveCount((int)(Cap / Each), "refunds are serialised: every one fits until the cap is reached");
        succeeded.Should().OnlyContain(r => r["result"]!["status"]!.GetValue<int>() == 6);
        failed.Should().HaveCount(Racers - succeeded.Count)
            .And.OnlyContain(e => e["code"]!.GetValue<int>() == -32312)
            .And.OnlyContain(e => e["data"]!["refundable"]!.GetValue<long>() == Cap - refunded);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + refunded, "the card is credited exactly the successful refunds");
        var history = (await gateway.Transaction(payment.BankTransactionId))["history"]!.AsArray();
        history.Count(h => h!["event"]!.GetValue<string>() == "refunded").Should().Be(succeeded.Count);
    }

    // ---- paysys.get_fiscal_cheque and the receipt page ----

    [Fact]
    public async Task Fiscal_cheque_links_to_a_printable_receipt_the_sandbox_serves()
    {
        var payment = await Pay(123_456, product: "receipt-order");

        var cheque = await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = payment.TransactionId, type = "payment" });

        cheque.Select(p => p.Key).Should().Equal("transaction_id", "cheque");
        cheque["transaction_id"]!.GetValue<long>().Should().Be(payment.TransactionId);
        var url = cheque["cheque"]!.GetValue<string>();
        var match = ReceiptUrl().Match(url);
        match.Success.Should().BeTrue("the cheque has the shape of the real receipts' URL: {0}", url);
        match.Groups["r"].Value.Should().Be(Text(payment.TransactionId));
        var sign = match.Groups["s"].Value;
        var again = await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = Text(payment.TransactionId), type = "payment" });
        again["cheque"]!.GetValue<string>().Should().Be(url, "a payment has one receipt");

        using var response = await gateway.Http.GetAsync(new Uri(url));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("PaySys Sandbox Merchant", "the merchant")
            .And.Contain(Text(Cards.VendorId), "the vendor")
            .And.Contain(MaskedUzcard, "the masked PAN")
            .And.Contain("1\u202f234.56 UZS", "the amount")
            .And.Contain(sign, "the fiscal sign")
            .And.Contain("receipt-order")
            .And.MatchRegex("<img [^>]*src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\"", "a QR code of the receipt's address")
            .And.NotContain(Cards.UzcardPan, "a full card number is never shown");
        var date = DateTimeOffset.FromUnixTimeSeconds((await gateway.Ok("paysys.payment_info", new { transaction_id = payment.TransactionId }))["date"]!.GetValue<long>());
        html.Should().Contain(date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), "the payment's date");

        using var forged = await gateway.Http.GetAsync(new Uri(url.Replace("&s=" + sign, "&s=000000000000", StringComparison.Ordinal)));
        forged.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var otherTransaction = await gateway.Http.GetAsync(new Uri(url.Replace("&r=" + payment.TransactionId, "&r=1", StringComparison.Ordinal)));
        otherTransaction.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Fiscal_cheque_exists_for_completed_and_refunded_payments_only()
    {
        var refunded = await Pay(500_000);
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = refunded.TransactionId, amount = 100_000 });
        var cheque = await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = refunded.TransactionId, type = "payment" });
        using (var page = await gateway.Http.GetAsync(new Uri(cheque["cheque"]!.GetValue<string>())))
        {
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).Should().Contain("Refunded");
        }

        var cancelled = await Pay(500_000);
        await gateway.Ok("paysys.payment_cancel", new { transaction_id = cancelled.TransactionId });
        await Rejected("paysys.get_fiscal_cheque", new { transaction_id = cancelled.TransactionId, type = "payment" }, -32313);

        var reversed = await Pay(500_000);
        await gateway.Ok("transaction.reverse", new { transaction_id = reversed.TransactionId });
        await Rejected("paysys.get_fiscal_cheque", new { transaction_id = reversed.TransactionId, type = "payment" }, -32313);

        var awaiting = await Prepare(500_000);
        await Rejected("paysys.get_fiscal_cheque", new { transaction_id = awaiting.TransactionId, type = "payment" }, -32312);

        var held = await Pay(500_000, hold: true);
        await Rejected("paysys.get_fiscal_cheque", new { transaction_id = held.TransactionId, type = "payment" }, -32312);

        var completed = await Pay(500_000);
        await Rejected("paysys.get_fiscal_cheque", new { transaction_id = completed.TransactionId, type = "p2p" }, -32314);
        await Rejected("paysys.get_fiscal_cheque", new { transaction_id = 99_999_999, type = "payment" }, -32314);
        var badType = await Rejected("paysys.get_fiscal_cheque", new { transaction_id = completed.TransactionId, type = "refund" }, -32300);
        badType["data"]!["param"]!.GetValue<string>().Should().Be("type");
        var noType = await Rejected("paysys.get_fiscal_cheque", new { transaction_id = completed.TransactionId }, -32300);
        noType["data"]!["param"]!.GetValue<string>().Should().Be("type");
    }

    // ---- paysys.invoice_create ----

    [Fact]
    public async Task Invoice_create_answers_the_documented_fields()
    {
        var now = await Now();
        var invoice = await gateway.Ok("paysys.invoice_create", new
        {
            order_id = "21258855-d57e-4c7c-9b7b-2215f9d1c992",
            vendor_id = 104466,
            payment_id = -1,
            currency = "UZS",
            amount = 1000.22m,
            order_note = "Payment for tickets",
        });

        invoice.Select(p => p.Key).Should().Equal(
            "id", "vendor_id", "payment_id", "order_id", "amount", "currency", "status", "order_note", "payment_url", "hash", "date");
        invoice["id"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        invoice["vendor_id"]!.GetValue<long>().Should().Be(104466);
        invoice["payment_id"]!.GetValue<long>().Should().Be(-1);
        invoice["order_id"]!.GetValue<string>().Should().Be("21258855-d57e-4c7c-9b7b-2215f9d1c992");
        invoice["amount"]!.GetValue<string>().Should().Be("1000.22", "the amount is returned as a string");
        invoice["currency"]!.GetValue<string>().Should().Be("UZS");
        invoice["status"]!.GetValue<int>().Should().Be(0);
        invoice["order_note"]!.GetValue<string>().Should().Be("Payment for tickets");
        var hash = invoice["hash"]!.GetValue<string>();
        hash.Should().MatchRegex("^[0-9a-f]{32}$");
        invoice["payment_url"]!.GetValue<string>().Should().Be("http://localhost/payform?hash=" + hash);
        invoice["date"]!.GetValue<long>().Should().Be(now);

        var listed = (await Invoices()).Should().ContainSingle().Subject;
        listed["hash"]!.GetValue<string>().Should().Be(hash);
        listed["status"]!.GetValue<int>().Should().Be(0);
        listed["amount_tiyin"]!.GetValue<long>().Should().Be(100_022);
        listed["transaction_id"].Should().BeNull();
    }

    [Theory]
    [InlineData("UZS", "1000.22", "1000.22", 100_022)]
    [InlineData("UZS", "15", "15.00", 1_500)]
    [InlineData("USD", "10.5", "10.50", 13_282_500)]
    [InlineData("EUR", "0.01", "0.01", 13_700)]
    [InlineData("RUB", "99.99", "99.99", 1_549_845)]
    [InlineData("TRL", "100", "100.00", 3_800_000)]
    public async Task Invoice_amounts_in_every_currency_are_charged_in_tiyin_at_the_sandbox_rates(string currency, string amount, string echoed, long tiyin)
    {
        var invoice = await gateway.Ok("paysys.invoice_create", JsonNode.Parse($$"""
            {"order_id":"o-{{currency}}","vendor_id":100381,"payment_id":-1,"currency":"{{currency}}","amount":{{amount}},"order_note":"n"}
            """));

        invoice["amount"]!.GetValue<string>().Should().Be(echoed);
        invoice["currency"]!.GetValue<string>().Should().Be(currency);
        (await Invoices()).Single()["amount_tiyin"]!.GetValue<long>().Should().Be(tiyin);
    }

    [Theory]
    [InlineData("""{"currency":"GBP"}""", "currency")]
    [InlineData("""{"currency":"uzs"}""", "currency")]
    [InlineData("""{"currency":null}""", "currency")]
    [InlineData("""{"amount":0}""", "amount")]
    [InlineData("""{"amount":-1}""", "amount")]
    [InlineData("""{"amount":1.005}""", "amount")]
    [InlineData("""{"amount":"1000.22"}""", "amount")]
    [InlineData("""{"payment_id":5}""", "payment_id")]
    [InlineData("""{"payment_id":null}""", "payment_id")]
    [InlineData("""{"order_id":null}""", "order_id")]
    [InlineData("""{"vendor_id":null}""", "vendor_id")]
    public async Task Invoice_create_rejects_invalid_params_naming_them(string change, string param)
    {
        var parameters = ValidInvoice();
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject())
        {
            parameters[name] = value?.DeepClone();
        }

        var error = await Rejected("paysys.invoice_create", parameters, -32300);
        error["data"]!["param"]!.GetValue<string>().Should().Be(param);
        error["message"]!.GetValue<string>().Should().Contain(param);
        (await Invoices()).Should().BeEmpty();
    }

    [Fact]
    public async Task Invoice_create_for_a_vendor_of_another_service_fails_with_vendor_info()
    {
        var parameters = ValidInvoice();
        parameters["vendor_id"] = 999_999;
        await Rejected("paysys.invoice_create", parameters, -32316);
        (await Invoices()).Should().BeEmpty();
    }

    // ---- the pay page, over plain HTTP form posts ----

    [Fact]
    public async Task Pay_page_takes_a_card_sends_a_code_and_marks_the_invoice_paid()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (hash, url) = await CreateInvoice("order-paid", 1500.50m);

        var form = await GetPage(url);
        form.Should().Contain("name=\"card_number\"").And.Contain("name=\"card_expire\"").And.Contain("name=\"phone_number\"")
            .And.Contain("name=\"action\" value=\"pay\"").And.Contain("name=\"action\" value=\"cancel\"")
            .And.Contain("1,500.50 UZS").And.Contain("order-paid");

        var codeForm = await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        codeForm.Should().Contain("name=\"code\"").And.Contain("name=\"action\" value=\"confirm\"").And.NotContain("data-testid=\"error\"");
        var attempt = (await Invoices()).Single();
        attempt["status"]!.GetValue<int>().Should().Be(1, "the invoice is being paid");
        attempt["transaction_id"].Should().BeNull("nothing is paid yet");
        var bankTransactionId = attempt["bank_transaction_id"]!.GetValue<long>();
        var code = await gateway.LatestCode(Text(bankTransactionId));

        var paidPage = await PostForm(hash, "confirm", code: code);

        paidPage.Should().Contain("data-testid=\"paid\"").And.Contain(MaskedUzcard).And.NotContain(Cards.UzcardPan);
        var paid = (await Invoices()).Single();
        paid["status"]!.GetValue<int>().Should().Be(2);
        var transactionId = paid["transaction_id"]!.GetValue<long>();
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 150_050);

        var info = await gateway.Ok("paysys.payment_info", new { transaction_id = transactionId });
        info["vendor_user_id"]!.GetValue<string>().Should().Be("order-paid", "the invoice's order_id is the payment's vendor_user_id");
        info["bank_transaction_id"]!.GetValue<long>().Should().Be(bankTransactionId);
        info["amount"]!.GetValue<long>().Should().Be(150_050);
        info["status"]!.GetValue<int>().Should().Be(2);

        (await GetPage(url)).Should().Contain("data-testid=\"paid\"", "the paid state survives a reload");
        var again = await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        again.Should().Contain("data-testid=\"paid\"");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 150_050, "a paid invoice is never charged twice");

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 50_000 });
        await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = transactionId, type = "payment" });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 100_050, "the vendor API works on the invoice's payment");
    }

    [Fact]
    public async Task Pay_page_cancel_marks_the_invoice_cancelled()
    {
        var (hash, url) = await CreateInvoice("order-cancelled", 10m);

        var page = await PostForm(hash, "cancel");

        page.Should().Contain("data-testid=\"cancelled\"").And.NotContain("name=\"card_number\"");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(3);
        (await GetPage(url)).Should().Contain("data-testid=\"cancelled\"");
        var before = await gateway.Balance(Cards.UzcardPan);
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(3);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Should().BeEmpty("a cancelled invoice sends no code");
    }

    [Fact]
    public async Task Pay_page_can_be_cancelled_while_the_code_is_awaited()
    {
        var (hash, _) = await CreateInvoice("order-cancel-late", 10m);
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        (await PostForm(hash, "cancel")).Should().Contain("data-testid=\"cancelled\"");

        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(3);
        var late = await PostForm(hash, "confirm", code: Cards.FixedOtp);
        late.Should().Contain("data-testid=\"cancelled\"");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(3);
    }

    [Theory]
    [InlineData(Cards.BlockedPan, -32310)]
    [InlineData(Cards.InsufficientFundsPan, -32309)]
    [InlineData(Cards.SmsDisabledPan, -32311)]
    [InlineData(Cards.ProcessingDownPan, -32318)]
    [InlineData("8600111122223333", -32302)]
    public async Task Pay_page_shows_the_catalogue_message_of_a_failing_magic_card(string pan, int code)
    {
        var (hash, _) = await CreateInvoice("order-failing", 10m);
        var before = await Snapshot();

        var page = await PostForm(hash, "pay", pan, "3012", Cards.PhoneOf(pan));

        ErrorText(page).Should().StartWith(CatalogueMessage(code));
        page.Should().NotContain(pan, "a full card number is never shown").And.Contain("name=\"card_number\"", "the customer may try another card");
        (await Snapshot()).Should().Be(before, "a refused card changes nothing: no SMS, no transaction, no debit, invoice still 0");
    }

    [Theory]
    [InlineData("86004907443133", "3012", Cards.UzcardPhone, -32304)]
    [InlineData(Cards.UzcardPan, "3013", Cards.UzcardPhone, -32305)]
    [InlineData(Cards.UzcardPan, "3012", "901112233", -32303)]
    [InlineData(Cards.UzcardPan, "3011", Cards.UzcardPhone, -32305)]
    [InlineData(Cards.UzcardPan, "3012", "998901112299", -32311)]
    public async Task Pay_page_shows_the_catalogue_message_of_a_mistyped_card(string pan, string expiry, string phone, int code)
    {
        var (hash, _) = await CreateInvoice("order-typo", 10m);
        var before = await Snapshot();

        var page = await PostForm(hash, "pay", pan, expiry, phone);

        ErrorText(page).Should().StartWith(CatalogueMessage(code));
        (await Snapshot()).Should().Be(before);
    }

    [Fact]
    public async Task Pay_page_shows_the_message_of_a_wrong_code_and_still_takes_the_right_one()
    {
        var (hash, _) = await CreateInvoice("order-wrong-code", 10m);
        var before = await gateway.Balance(Cards.UzcardPan);
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var wrong = await PostForm(hash, "confirm", code: "000000");

        ErrorText(wrong).Should().StartWith(CatalogueMessage(-32308)).And.Contain("2 attempts left");
        wrong.Should().Contain("name=\"code\"", "the code form is shown again");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(1);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);

        (await PostForm(hash, "confirm", code: Cards.FixedOtp)).Should().Contain("data-testid=\"paid\"");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(2);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 1_000);
    }

    [Fact]
    public async Task Pay_page_third_wrong_code_burns_the_attempt()
    {
        var (hash, _) = await CreateInvoice("order-burned", 10m);
        var before = await gateway.Balance(Cards.UzcardPan);
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        await PostForm(hash, "confirm", code: "000001");
        await PostForm(hash, "confirm", code: "000002");

        var burned = await PostForm(hash, "confirm", code: "000003");

        ErrorText(burned).Should().StartWith(CatalogueMessage(-32308)).And.Contain("burned");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(-1);
        var late = await PostForm(hash, "confirm", code: Cards.FixedOtp);
        ErrorText(late).Should().StartWith(CatalogueMessage(-32308), "the burned code stays refused, even when right");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(-1);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
    }

    [Fact]
    public async Task Pay_page_shows_the_message_of_an_expired_code_and_lets_the_customer_start_again()
    {
        var (hash, _) = await CreateInvoice("order-expired-code", 10m);
        var before = await gateway.Balance(Cards.UzcardPan);
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        await gateway.AdvanceClock(120);

        var expired = await PostForm(hash, "confirm", code: Cards.FixedOtp);

        ErrorText(expired).Should().StartWith(CatalogueMessage(-32308));
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(-1, "the attempt failed");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);

        expired.Should().Contain("name=\"card_number\"", "the customer can start a new attempt");
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        (await PostForm(hash, "confirm", code: Cards.FixedOtp)).Should().Contain("data-testid=\"paid\"");
        (await Invoices()).Single()["status"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Pay_page_answers_404_for_an_unknown_invoice_and_400_for_a_post_that_is_not_a_form()
    {
        using var unknown = await gateway.Http.GetAsync(new Uri("/payform?hash=00000000000000000000000000000000", UriKind.Relative));
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var noHash = await gateway.Http.GetAsync(new Uri("/payform", UriKind.Relative));
        noHash.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var json = await gateway.Http.PostAsync(new Uri("/payform", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    // ---- pam.pay_by_cash and pam.check_payment by agr_transaction_id ----

    [Fact]
    public async Task Payout_is_pending_for_thirty_virtual_seconds_then_completed()
    {
        var cardsBefore = await gateway.Control(HttpMethod.Get, "cards");
        var now = await Now();

        var result = await gateway.Ok("pam.pay_by_cash", new
        {
            vendor_form = new { account = "79123456789", currency = "USD", amount = 12_000, vendor_id = 101596 },
        });

        var details = result["details"]!.AsObject();
        details.Select(p => p.Key).Should().Equal(
            "id", "masked_card_number", "transaction_id", "bank_transaction_id", "reference_number", "amount", "merchantId", "terminalId", "date");
        details["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
        details["transaction_id"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        foreach (var absent in new[] { "masked_card_number", "bank_transaction_id", "reference_number", "merchantId", "terminalId" })
        {
            details.ContainsKey(absent).Should().BeTrue();
            details[absent].Should().BeNull("{0} is documented as absent for this method", absent);
        }

        details["amount"]!.GetValue<long>().Should().Be(12_000);
        details["date"]!.GetValue<long>().Should().Be(now);
        var agr = details["transaction_id"]!.GetValue<long>();

        var pending = await CheckPayout(agr);
        pending.Select(p => p.Key).Should().Equal("bank_transaction_id", "amount", "date", "status");
        pending["bank_transaction_id"].Should().BeNull();
        pending["amount"]!.GetValue<long>().Should().Be(12_000);
        pending["date"]!.GetValue<long>().Should().Be(now);
        pending["status"]!.GetValue<int>().Should().Be(1);
        pending["status"]!.GetValueKind().Should().Be(JsonValueKind.Number);

        await gateway.AdvanceClock(29);
        (await CheckPayout(agr))["status"]!.GetValue<int>().Should().Be(1, "still pending at 29 s");
        await gateway.AdvanceClock(1);
        (await CheckPayout(Text(agr)))["status"]!.GetValue<int>().Should().Be(2, "completed at 30 s");

        var listed = (await gateway.Control(HttpMethod.Get, "payouts"))["payouts"]!.AsArray().Should().ContainSingle().Subject!;
        listed["transaction_id"]!.GetValue<long>().Should().Be(agr);
        listed["account"]!.GetValue<string>().Should().Be("79123456789");
        listed["currency"]!.GetValue<string>().Should().Be("USD");
        listed["status"]!.GetValue<int>().Should().Be(2);
        listed["history"]!.AsArray().Select(h => h!["status"]!.GetValue<int>()).Should().Equal(1, 2);
        (await gateway.Control(HttpMethod.Get, "cards")).ToJsonString().Should().Be(cardsBefore.ToJsonString(), "a payout touches no card");
    }

    [Theory]
    [InlineData("79000000001", -32317)]
    [InlineData("79000000002", -32318)]
    public async Task Magic_payout_accounts_fail_at_once(string account, int code)
    {
        var error = await Rejected("pam.pay_by_cash", new { vendor_form = new { account, amount = 5_000, vendor_id = 101596 } }, code);
        error["message"]!.GetValue<string>().Should().StartWith(CatalogueMessage(code));
        (await gateway.Control(HttpMethod.Get, "payouts"))["payouts"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Magic_payout_account_that_fails_after_the_delay()
    {
        var agr = await PayOut("79000000003");
        (await CheckPayout(agr))["status"]!.GetValue<int>().Should().Be(1);
        await gateway.AdvanceClock(30);
        (await CheckPayout(agr))["status"]!.GetValue<int>().Should().Be(-1);
    }

    [Fact]
    public async Task Magic_payout_account_that_stays_pending()
    {
        var agr = await PayOut("79000000004");
        await gateway.AdvanceClock(30);
        (await CheckPayout(agr))["status"]!.GetValue<int>().Should().Be(1);
        await gateway.AdvanceClock(30 * Day);
        (await CheckPayout(agr))["status"]!.GetValue<int>().Should().Be(1, "it never settles");
    }

    [Fact]
    public async Task Pay_by_cash_and_check_payment_reject_bad_params()
    {
        foreach (var (parameters, param) in new (string, string)[]
        {
            ("""{}""", "vendor_form"),
            ("""{"vendor_form":"79123456789"}""", "vendor_form"),
            ("""{"vendor_form":{"amount":100,"vendor_id":101596}}""", "vendor_form.account"),
            ("""{"vendor_form":{"account":"79123456789","amount":0,"vendor_id":101596}}""", "vendor_form.amount"),
            ("""{"vendor_form":{"account":"79123456789","amount":100}}""", "vendor_form.vendor_id"),
            ("""{"vendor_form":{"account":"79123456789","amount":100,"vendor_id":101596,"currency":"GBP"}}""", "vendor_form.currency"),
        })
        {
            var error = await Rejected("pam.pay_by_cash", parameters, -32300);
            error["data"]!["param"]!.GetValue<string>().Should().Be(param, "for {0}", parameters);
        }

        await Rejected("pam.pay_by_cash", new { vendor_form = new { account = "79123456789", amount = 100, vendor_id = 999_999 } }, -32316);
        await Rejected("pam.check_payment", new { agr_transaction_id = 99_999_999 }, -32314);
        (await gateway.Control(HttpMethod.Get, "payouts"))["payouts"]!.AsArray().Should().BeEmpty();
    }

    // ---- helpers ----

    private static JsonObject ValidInvoice() => new()
    {
        ["order_id"] = "order-1",
        ["vendor_id"] = Cards.VendorId,
        ["payment_id"] = -1,
        ["currency"] = "UZS",
        ["amount"] = 1000.22m,
        ["order_note"] = "tickets",
    };

    private static void ShouldDescribeCap(JsonObject error, long refundable, long refunded, long cap, string currency, long refundableInCurrency)
    {
        var data = error["data"]!.AsObject();
        data.Select(p => p.Key).Should().BeEquivalentTo("refundable", "refunded", "cap", "currency", "refundable_in_currency");
        data["refundable"]!.GetValue<long>().Should().Be(refundable, "data.refundable is the rest of the cap in tiyin");
        data["refunded"]!.GetValue<long>().Should().Be(refunded);
        data["cap"]!.GetValue<long>().Should().Be(cap);
        data["currency"]!.GetValue<string>().Should().Be(currency);
        data["refundable_in_currency"]!.GetValue<long>().Should().Be(refundableInCurrency, "whole minor units of {0}", currency);
    }

    private static string CatalogueMessage(int code) =>
        Contracts.ErrorCatalogue.Embedded.All.Single(e => e.Code == code).Message;

    private static string ErrorText(string html)
    {
        var match = ErrorElement().Match(html);
        match.Success.Should().BeTrue("the page should show an error element: {0}", html);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Calls, expects <paramref name="code"/>, and checks the tenant's cards, transactions, invoices, payouts and outbox did not change.</summary>
    private async Task<JsonObject> Rejected(string method, object parameters, int code)
    {
        var before = await Snapshot();
        var error = await gateway.Error(method, parameters, code);
        (await Snapshot()).Should().Be(before, "a rejected {0} ({1}) changes nothing", method, code);
        return error;
    }

    private async Task<string> Snapshot()
    {
        var parts = new List<string>();
        foreach (var route in new[] { "cards", "transactions", "invoices", "payouts", "sms", "clock" })
        {
            parts.Add((await gateway.Control(HttpMethod.Get, route)).ToJsonString());
        }

        return string.Join('\n', parts);
    }

    private async Task<long> Now() => (await gateway.Control(HttpMethod.Get, "clock"))["now"]!.GetValue<long>();

    private async Task<int> Status(long transactionId) =>
        (await gateway.Ok("paysys.payment_info", new { transaction_id = transactionId }))["status"]!.GetValue<int>();

    private async Task<(long TransactionId, long BankTransactionId)> Prepare(long amount, string product = "order", bool hold = false)
    {
        var prepared = await gateway.Ok("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount,
            vendor_id = Cards.VendorId,
            product,
            hold,
        });
        var bankTransactionId = prepared["bank_transaction_id"]!.GetValue<long>();
        var transactionId = (await gateway.Transaction(bankTransactionId))["transaction_id"]!.GetValue<long>();
        return (transactionId, bankTransactionId);
    }

    private async Task<(long TransactionId, long BankTransactionId)> Pay(long amount, string product = "order", bool hold = false)
    {
        var prepared = await Prepare(amount, product, hold);
        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = prepared.BankTransactionId, confirmation_code = Cards.FixedOtp });
        long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture).Should().Be(prepared.TransactionId);
        return prepared;
    }

    private async Task<List<JsonObject>> Invoices() =>
        (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private async Task<(string Hash, string Url)> CreateInvoice(string orderId, decimal amount)
    {
        var invoice = await gateway.Ok("paysys.invoice_create", new
        {
            order_id = orderId,
            vendor_id = Cards.VendorId,
            payment_id = -1,
            currency = "UZS",
            amount,
            order_note = "Tickets for " + orderId,
        });
        return (invoice["hash"]!.GetValue<string>(), invoice["payment_url"]!.GetValue<string>());
    }

    private async Task<string> GetPage(string url)
    {
        using var response = await gateway.Http.GetAsync(new Uri(url));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return html;
    }

    private async Task<string> PostForm(string hash, string action, string? pan = null, string? expiry = null, string? phone = null, string? code = null)
    {
        var fields = new Dictionary<string, string> { ["hash"] = hash, ["action"] = action };
        foreach (var (name, value) in new[] { ("card_number", pan), ("card_expire", expiry), ("phone_number", phone), ("code", code) })
        {
            if (value is not null)
            {
                fields[name] = value;
            }
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await gateway.Http.PostAsync(new Uri("/payform", UriKind.Relative), content);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    private async Task<long> PayOut(string account)
    {
        var result = await gateway.Ok("pam.pay_by_cash", new { vendor_form = new { account, amount = 5_000, vendor_id = 101596 } });
        return result["details"]!["transaction_id"]!.GetValue<long>();
    }

    private async Task<JsonObject> CheckPayout(object agrTransactionId)
    {
        var result = await gateway.Ok("pam.check_payment", new { agr_transaction_id = agrTransactionId });
        result.Select(p => p.Key).Should().Equal(new[] { "result" }, "the e-money docs double result.result");
        return result["result"]!.AsObject();
    }

    [GeneratedRegex("""^http://localhost/receipt\?t=EP\d{12}&r=(?<r>\d+)&c=\d{14}&s=(?<s>\d{12})$""")]
    private static partial Regex ReceiptUrl();

    [GeneratedRegex("""data-testid="error">([^<]*)<""")]
    private static partial Regex ErrorElement();
}
