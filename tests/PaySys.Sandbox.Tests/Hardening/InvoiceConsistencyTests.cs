using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Issue 14, item 4: an invoice and its payments never disagree when the pay page (over HTTP, as a browser posts it)
/// and the gateway act on one invoice. An invoice is paid at most once, its status always follows its latest attempt's
/// payment, and a new attempt (or Cancel) voids the attempt awaiting its code: that code then gets -32313 through the
/// gateway, and nothing is debited.
/// </summary>
public sealed class InvoiceConsistencyTests(ITestOutputHelper output)
{
    private const long AmountTiyin = 15_050;

    [Fact]
    public async Task A_code_sent_before_the_page_was_cancelled_cannot_pay_through_the_gateway()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(gateway.Http);
        var (hash, _) = await CreateInvoice(gateway, "order-cancel-then-confirm");
        var before = await gateway.Balance(Cards.UzcardPan);
        var attempt = PayPageCustomer.Attempt(await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));
        attempt.Should().NotBeNull("the page shows the code form of the attempt");

        (await customer.Cancel(hash)).Should().Contain("data-testid=\"cancelled\"");
        var refused = await gateway.Error("pam.confirm_payment", new { bank_transaction_id = attempt, confirmation_code = Cards.FixedOtp }, -32313);

        refused["message"]!.GetValue<string>().Should().Contain("voided");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "a voided attempt debits nothing");
        (await gateway.PaymentStatus(attempt!.Value)).Should().Be("3");
        (await gateway.Transaction(attempt.Value))["history"]!.AsArray()[^1]!["event"]!.GetValue<string>().Should().Be("voided");
        var invoice = await Invoice(gateway);
        invoice["status"]!.GetValue<int>().Should().Be(3);
        invoice["transaction_id"].Should().BeNull("nothing paid it");
        (await customer.Show(hash)).Should().Contain("data-testid=\"cancelled\"").And.NotContain("data-testid=\"paid\"");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pressing_pay_twice_voids_the_first_attempt_so_the_invoice_is_debited_once(bool pageConfirmsFirst)
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(gateway.Http);
        var (hash, order) = await CreateInvoice(gateway, "order-pay-twice");
        var before = await gateway.Balance(Cards.UzcardPan);
        var first = PayPageCustomer.Attempt(await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone))!.Value;
        var second = PayPageCustomer.Attempt(await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone))!.Value;
        second.Should().NotBe(first, "the second press starts a new attempt");
        (await gateway.PaymentStatus(first)).Should().Be("3", "the first attempt was voided when the second was made");

        long? paid;
        if (pageConfirmsFirst)
        {
            paid = PayPageCustomer.PaidTransaction(await customer.Confirm(hash, Cards.FixedOtp));
            await gateway.Error("pam.confirm_payment", new { bank_transaction_id = first, confirmation_code = Cards.FixedOtp }, -32313);
        }
        else
        {
            await gateway.Error("pam.confirm_payment", new { bank_transaction_id = first, confirmation_code = Cards.FixedOtp }, -32313);
            paid = PayPageCustomer.PaidTransaction(await customer.Confirm(hash, Cards.FixedOtp));
        }

        paid.Should().NotBeNull("the second attempt pays the invoice");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - AmountTiyin, "exactly one debit of the invoice's amount");
        var attempts = (await gateway.Transactions()).Where(t => t!["product"]!.GetValue<string>() == order).ToList();
        attempts.Select(t => (t!["bank_transaction_id"]!.GetValue<long>(), t["status"]!.GetValue<int>()))
            .Should().BeEquivalentTo(new[] { (first, 3), (second, 2) });
        var invoice = await Invoice(gateway);
        invoice["status"]!.GetValue<int>().Should().Be(2);
        invoice["bank_transaction_id"]!.GetValue<long>().Should().Be(second);
        invoice["transaction_id"]!.GetValue<long>().Should().Be(paid!.Value);
    }

    [Fact]
    public async Task A_code_confirmed_through_the_gateway_pays_the_invoice_and_the_page_follows()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(gateway.Http);
        var (hash, _) = await CreateInvoice(gateway, "order-gateway-confirm");
        var before = await gateway.Balance(Cards.UzcardPan);
        var attempt = PayPageCustomer.Attempt(await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone))!.Value;

        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = attempt, confirmation_code = Cards.FixedOtp });

        var tid = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (await Invoice(gateway))["status"]!.GetValue<int>().Should().Be(2, "the invoice follows its payment, whoever confirmed it");
        PayPageCustomer.PaidTransaction(await customer.Show(hash)).Should().Be(tid);
        var cancel = await customer.Cancel(hash);
        cancel.Should().Contain("data-testid=\"paid\"", "a paid invoice cannot be cancelled on the page").And.Contain("data-testid=\"error\"");
        PayPageCustomer.PaidTransaction(await customer.Confirm(hash, Cards.FixedOtp)).Should().Be(tid);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - AmountTiyin);
        (await gateway.PaymentStatus(attempt)).Should().Be("2");
    }

    [Theory]
    [InlineData("paysys.payment_cancel", "payment-cancelled")]
    [InlineData("transaction.reverse", "payment-cancelled")]
    [InlineData("paysys.payment_adjustments", "refunded")]
    public async Task An_invoice_whose_payment_is_cancelled_or_refunded_through_the_gateway_is_no_longer_paid(string method, string note)
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(gateway.Http);
        var (hash, _) = await CreateInvoice(gateway, "order-" + method);
        var before = await gateway.Balance(Cards.UzcardPan);
        await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var tid = PayPageCustomer.PaidTransaction(await customer.Confirm(hash, Cards.FixedOtp))!.Value;

        await gateway.Ok(method, method == "paysys.payment_adjustments"
            ? new { transaction_id = tid, amount = 5_000L }
            : new { transaction_id = tid });

        var invoice = await Invoice(gateway);
        invoice["status"]!.GetValue<int>().Should().Be(3, "the invoice follows its payment: cancelled or refunded is not paid");
        invoice["transaction_id"]!.GetValue<long>().Should().Be(tid, "the invoice still names the payment that paid it");
        var page = await customer.Show(hash);
        page.Should().Contain("data-testid=\"cancelled\"").And.Contain($"data-testid=\"{note}\"").And.NotContain("data-testid=\"paid\"");

        var (sms, transactions, balance) = ((await gateway.Sms()).Count, (await gateway.Transactions()).Count, await gateway.Balance(Cards.UzcardPan));
        var again = await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        again.Should().Contain("data-testid=\"error\"", "an invoice is paid at most once").And.NotContain("name=\"code\"");
        ((await gateway.Sms()).Count, (await gateway.Transactions()).Count, await gateway.Balance(Cards.UzcardPan))
            .Should().Be((sms, transactions, balance), "a refused attempt sends no code and creates no transaction");
        balance.Should().Be(method == "paysys.payment_adjustments" ? before - AmountTiyin + 5_000 : before);
    }

    /// <summary>
    /// 24 invoices at once, each raced by the page and the gateway: a first attempt, then in parallel a Cancel on the
    /// page, a gateway confirm of the first attempt (and, on every other invoice, a paysys.payment_cancel of what it paid),
    /// and a second attempt confirmed on the page. Whatever the interleaving: at most one capture per invoice, the
    /// invoice's status is its latest attempt's, never cancelled with a completed payment, and money is conserved.
    /// </summary>
    [Fact]
    public async Task Page_and_gateway_racing_on_many_invoices_never_leave_an_invoice_and_its_payment_disagreeing()
    {
        const int Rounds = 24;
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(gateway.Http);
        var start = await MoneyConservationTests.BalancesByMaskedPan(gateway, [Cards.UzcardPan, Cards.HumoPan]);
        var startLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var rounds = Enumerable.Range(0, Rounds).Select(round => Task.Run(async () =>
        {
            var (pan, phone) = round % 2 == 0 ? (Cards.UzcardPan, Cards.UzcardPhone) : (Cards.HumoPan, Cards.HumoPhone);
            var (hash, _) = await CreateInvoice(gateway, $"race-{round}", 100m + round);
            var first = PayPageCustomer.Attempt(await customer.Pay(hash, pan, "3012", phone))!.Value;
            await startLine.Task;
            await Task.WhenAll(
                Task.Run(() => customer.Cancel(hash)),
                Task.Run(async () =>
                {
                    var confirmed = await gateway.Call("pam.confirm_payment", new { bank_transaction_id = first, confirmation_code = Cards.FixedOtp });
                    ExpectRefusal(confirmed, -32312, -32313);
                    if (round % 4 < 2 && confirmed["result"] is JsonObject result)
                    {
                        ExpectRefusal(await gateway.Call("paysys.payment_cancel", new { transaction_id = result["details"]!["transaction_id"]!.GetValue<string>() }), -32312);
                    }
                }),
                Task.Run(async () =>
                {
                    await customer.Pay(hash, pan, "3012", phone);
                    await customer.Confirm(hash, Cards.FixedOtp);
                }));
        })).ToArray();
        startLine.SetResult();
        await Task.WhenAll(rounds);

        var transactions = await gateway.Transactions();
        var invoices = (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray();
        var problems = InvoiceProblems(invoices, transactions);
        var outcomes = invoices.GroupBy(i => i!["status"]!.GetValue<int>()).Select(g => $"{g.Count()} × status {g.Key}");
        output.WriteLine($"{Rounds} raced invoices, {transactions.Count} attempts: {string.Join(", ", outcomes)}; violations: {problems.Count}");
        problems.Should().BeEmpty();
        MoneyConservationTests.Verify(start, (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray(), transactions, [], new Dictionary<long, long>());
        sandbox.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Should().BeEmpty();
    }

    /// <summary>
    /// The invoice rule over the control API's invoices and transactions (an invoice's attempts are the transactions whose
    /// product is its order id): at most one attempt ever captured; the invoice's status is what its latest attempt's
    /// status makes it; cancelled never with a completed attempt; paid only by its latest attempt.
    /// </summary>
    internal static List<string> InvoiceProblems(JsonArray invoices, JsonArray transactions)
    {
        var problems = new List<string>();
        var attemptsByOrder = transactions.Select(t => t!.AsObject()).ToLookup(t => t["product"]!.GetValue<string>());
        foreach (var node in invoices)
        {
            var invoice = node!.AsObject();
            var id = invoice["id"]!.GetValue<long>();
            var status = invoice["status"]!.GetValue<int>();
            var attempts = attemptsByOrder[invoice["order_id"]!.GetValue<string>()].ToList();
            var captured = attempts.Where(t => t["history"]!.AsArray().Any(h => h!["event"]!.GetValue<string>() == "paid")).ToList();
            if (captured.Count > 1)
            {
                problems.Add($"invoice {id}: {captured.Count} attempts took its money");
            }

            if (status == 3 && attempts.Any(t => t["status"]!.GetValue<int>() == 2))
            {
                problems.Add($"invoice {id} is cancelled but an attempt of it is completed");
            }

            var latestId = invoice["bank_transaction_id"]?.GetValue<long>();
            var latest = attempts.SingleOrDefault(t => t["bank_transaction_id"]!.GetValue<long>() == latestId);
            if (latestId is null)
            {
                if (attempts.Count > 0 || status is not (0 or 3))
                {
                    problems.Add($"invoice {id} is {status} with no attempt of its own but {attempts.Count} transactions of its order");
                }

                continue;
            }

            var follows = latest?["status"]!.GetValue<int>() switch
            {
                1 => 1,
                2 => 2,
                3 or 6 => 3,
                -1 => -1,
                var other => other,
            };
            // Cancel on the page closes an invoice whose latest attempt had failed (-1): the only way the two differ.
            if (latest is null || (status != follows && !(status == 3 && follows == -1)))
            {
                problems.Add($"invoice {id} is {status} but its latest attempt {latestId} is {latest?["status"]}");
            }

            if (status == 2 && (captured.Count != 1 || !ReferenceEquals(captured[0], latest)))
            {
                problems.Add($"invoice {id} is paid, but not by its latest attempt {latestId}");
            }
        }

        return problems;
    }

    private static void ExpectRefusal(JsonObject response, params int[] codes)
    {
        if (response["error"] is JsonObject error && !codes.Contains(error["code"]!.GetValue<int>()))
        {
            throw new XunitException($"expected success or one of {string.Join(", ", codes)}: {error.ToJsonString()}");
        }
    }

    private static async Task<(string Hash, string OrderId)> CreateInvoice(GatewayClient gateway, string orderId, decimal amount = AmountTiyin / 100m)
    {
        var invoice = await gateway.Ok("paysys.invoice_create", new
        {
            order_id = orderId,
            vendor_id = Cards.VendorId,
            payment_id = -1,
            currency = "UZS",
            amount,
            order_note = "Tickets",
        });
        return (invoice["hash"]!.GetValue<string>(), orderId);
    }

    private static async Task<JsonObject> Invoice(GatewayClient gateway) =>
        (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
}
