using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests.Callbacks;

/// <summary>
/// Issue 16: the sandbox calls the merchant's callback URLs (a real Kestrel receiver here) with the documented bodies,
/// signed with the documented MD5 formulas, in the documented order, and retries on the tenant's virtual clock. The
/// signatures are computed here from paysys-callbacks.md, not with the sandbox's code.
/// </summary>
public sealed class CallbackTests : IAsyncLifetime
{
    private const string Secret = "merchant-callback-secret";

    private MerchantReceiver merchant = null!;
    private SandboxFactory sandbox = null!;
    private GatewayClient gateway = null!;

    public async Task InitializeAsync()
    {
        merchant = await MerchantReceiver.StartAsync();
        Start();
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await merchant.DisposeAsync();
    }

    // ---- the formulas, against the docs' worked example ----

    [Fact]
    public void The_md5_sign_string_reproduces_the_docs_worked_example()
    {
        const string docsSecret = "#Feiz!ahdahweig7?Choot#3AiL6p--ooF6e";
        const string documented = "2e483be74e568b4d7d4a7d9421f404fc";

        Md5(docsSecret + "1591864" + "AB772059" + "1000" + "sum" + "1480056082732").Should().Be(documented, "the test's own MD5 is the docs' one");
        CallbackMessages.Sign(docsSecret, ["1591864", "AB772059", "1000", "sum", "1480056082732"]).Should().Be(documented);
    }

    // ---- Pay then Notify ----

    [Fact]
    public async Task Paying_on_the_pay_page_sends_Pay_then_Notify_2_with_the_documented_fields_and_signatures()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), secret = Secret });
        var (hash, invoiceId) = await CreateInvoice("order-771", 1000m);

        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        await PostForm(hash, "confirm", code: Cards.FixedOtp);
        var pay = await merchant.NextAsync();
        var notify = await merchant.NextAsync();

        var invoice = await Invoice(invoiceId);
        var agrTransId = invoice["transaction_id"]!.GetValue<long>();
        var signTime = SandboxFactory.Start.ToUnixTimeMilliseconds();
        pay.Path.Should().Be("/pay");
        pay.ContentType.Should().StartWith("application/json");
        pay.Json.Select(p => p.Key).Should().Equal(
            "VENDOR_ID", "PAYMENT_ID", "PAYMENT_NAME", "AGR_TRANS_ID", "MERCHANT_TRANS_ID", "MERCHANT_TRANS_AMOUNT", "ENVIRONMENT", "SIGN_TIME", "SIGN_STRING");
        pay.Json["VENDOR_ID"]!.GetValue<long>().Should().Be(Cards.VendorId);
        pay.Json["PAYMENT_ID"]!.GetValue<int>().Should().Be(9);
        pay.Json["PAYMENT_NAME"]!.GetValue<string>().Should().Be("uzcard");
        pay.Json["AGR_TRANS_ID"]!.GetValue<long>().Should().Be(agrTransId);
        pay.Json["MERCHANT_TRANS_ID"]!.GetValue<string>().Should().Be("order-771");
        pay.Json["MERCHANT_TRANS_AMOUNT"]!.GetValue<decimal>().Should().Be(1000m);
        pay.Json["ENVIRONMENT"]!.GetValue<string>().Should().Be("sandbox");
        pay.Json["SIGN_TIME"]!.GetValue<long>().Should().Be(signTime, "SIGN_TIME is the tenant's virtual now in ms");
        pay.Json["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + agrTransId + Cards.VendorId + "9" + "uzcard" + "order-771" + "1000" + "sandbox" + signTime));

        notify.Path.Should().Be("/notify");
        notify.Json.Select(p => p.Key).Should().Equal("AGR_TRANS_ID", "VENDOR_TRANS_ID", "STATUS", "SIGN_TIME", "SIGN_STRING");
        notify.Json["VENDOR_TRANS_ID"]!.GetValue<string>().Should().Be($"V-{agrTransId}", "Notify carries the merchant's id from its Pay answer");
        notify.Json["STATUS"]!.GetValue<string>().Should().Be("2");
        notify.Json["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + agrTransId + $"V-{agrTransId}" + "2" + signTime));
        merchant.All.Should().HaveCount(2);
    }

    [Fact]
    public async Task Without_a_secret_of_its_own_the_merchant_signs_with_the_service_secret_key()
    {
        await Configure(new { pay_url = merchant.Url("pay") });
        var invoiceId = (await CreateInvoice("order-key", 2500.5m)).Id;

        await Simulate(invoiceId, "paid");
        var pay = await merchant.NextAsync();

        pay.Json["MERCHANT_TRANS_AMOUNT"]!.ToJsonString().Should().Be("2500.5");
        pay.Json["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5("sandbox-secret" + Text(pay.Json, "AGR_TRANS_ID") + Cards.VendorId + "9uzcard" +
            "order-key" + "2500.5" + "sandbox" + Text(pay.Json, "SIGN_TIME")));
        var settings = await gateway.Control(HttpMethod.Get, "callbacks");
        settings["secret_source"]!.GetValue<string>().Should().Be("secret_key");
    }

    // ---- retries on the virtual clock ----

    [Fact]
    public async Task A_merchant_that_answers_500_twice_then_0_gets_exactly_three_deliveries_as_the_clock_moves()
    {
        await Configure(new { pay_url = merchant.Url("pay"), secret = Secret });
        merchant.AnswerNext(500, "oops");
        merchant.AnswerNext(500, """{"ERROR":-8}""");
        var invoiceId = (await CreateInvoice("order-retry", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        merchant.All.Should().HaveCount(1, "the first attempt goes at once");
        await gateway.AdvanceClock(59);
        merchant.All.Should().HaveCount(1, "the second attempt is due 60 s after the first");
        await gateway.AdvanceClock(1);
        merchant.All.Should().HaveCount(2);
        await gateway.AdvanceClock(299);
        merchant.All.Should().HaveCount(2, "the third attempt is due 300 s after the second");
        await gateway.AdvanceClock(1);
        await gateway.AdvanceClock(86_400);

        merchant.All.Should().HaveCount(3);
        var delivery = (await Deliveries()).Single();
        delivery["status"]!.GetValue<string>().Should().Be("delivered");
        var attempts = delivery["attempts"]!.AsArray();
        attempts.Select(a => a!["outcome"]!.GetValue<string>()).Should().Equal("HTTP 500", "HTTP 500", "delivered");
        attempts.Select(a => a!["http_status"]!.GetValue<int>()).Should().Equal(500, 500, 200);
        var start = SandboxFactory.Start.ToUnixTimeSeconds();
        attempts.Select(a => a!["at"]!.GetValue<long>()).Should().Equal(start, start + 60, start + 360);
        merchant.All.Select(c => c.Json["SIGN_TIME"]!.GetValue<long>()).Should().Equal(
            new[] { start, start + 60, start + 360 }.Select(s => s * 1000), "each attempt is signed when it is sent");
    }

    [Fact]
    public async Task A_merchant_error_is_retried_and_the_schedule_gives_up_after_its_last_attempt_then_Notify_follows()
    {
        await RestartWith(new Dictionary<string, string?> { ["Sandbox:Callbacks:RetrySeconds"] = "0,10" });
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), secret = Secret });
        merchant.AnswerNext(200, """{"ERROR":-1,"ERROR_NOTE":"SIGN CHECK FAILED"}""");
        merchant.AnswerNext(200, """{"ERROR":"-1"}""");
        var invoiceId = (await CreateInvoice("order-give-up", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(10);
        await gateway.AdvanceClock(3_600);

        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/pay", "/notify");
        var deliveries = await Deliveries();
        deliveries.Select(d => d["status"]!.GetValue<string>()).Should().Equal("failed", "delivered");
        deliveries[0]["attempts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()).Should()
            .Equal("the merchant answered ERROR -1 (SIGN CHECK FAILED)", "the merchant answered ERROR -1 (SIGN CHECK FAILED)");
        merchant.All[2].Json["VENDOR_TRANS_ID"]!.GetValue<string>().Should().BeEmpty("the merchant never gave its own id");
    }

    [Fact]
    public async Task A_refused_connection_counts_as_a_failed_attempt_and_is_retried()
    {
        await Configure(new { pay_url = $"http://127.0.0.1:{ClosedPort()}/pay" });
        var invoiceId = (await CreateInvoice("order-refused", 1000m)).Id;

        await Simulate(invoiceId, "paid");

        var delivery = (await Deliveries()).Single();
        delivery["status"]!.GetValue<string>().Should().Be("pending");
        delivery["next_attempt_at"]!.GetValue<long>().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds() + 60);
        delivery["attempts"]![0]!["outcome"]!.GetValue<string>().Should().Be("connection refused or host unreachable");
        delivery["attempts"]![0]!["http_status"].Should().BeNull();
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await Configure(new { pay_url = merchant.Url("moved") });
        merchant.AnswerNext(302, merchant.Url("elsewhere"));
        var invoiceId = (await CreateInvoice("order-redirect", 1000m)).Id;

        await Simulate(invoiceId, "paid");

        merchant.All.Select(c => c.Path).Should().Equal("/moved");
        var attempt = (await Deliveries()).Single()["attempts"]![0]!;
        attempt["outcome"]!.GetValue<string>().Should().Be($"HTTP 302 redirect to {merchant.Url("elsewhere")} not followed");
    }

    [Fact]
    public async Task An_attempt_without_an_answer_times_out_on_the_sandbox_clock()
    {
        await Configure(new { pay_url = merchant.Url("slow") });
        var answered = new TaskCompletionSource();
        merchant.AnswerNext(_ =>
        {
            answered.Task.Wait(TimeSpan.FromSeconds(30));
            return (200, """{"ERROR":0}""");
        });
        var invoiceId = (await CreateInvoice("order-timeout", 1000m)).Id;

        var simulated = Simulate(invoiceId, "paid");
        await merchant.NextAsync();
        sandbox.RealClock.Advance(TimeSpan.FromSeconds(5));
        await simulated;
        answered.SetResult();

        var attempt = (await Deliveries()).Single()["attempts"]![0]!;
        attempt["outcome"]!.GetValue<string>().Should().Be("no answer within 5000 ms");
    }

    // ---- cancel ----

    [Fact]
    public async Task Cancelling_a_paid_invoice_sends_Cancel_then_Notify_3_with_the_merchant_id()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), cancel_url = merchant.Url("cancel"), secret = Secret });
        var invoiceId = (await CreateInvoice("order-cancel", 1000m)).Id;
        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(120);

        await Simulate(invoiceId, "cancelled");

        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/notify", "/cancel", "/notify");
        var agrTransId = Text(merchant.All[0].Json, "AGR_TRANS_ID");
        var cancel = merchant.All[2].Json;
        var signTime = (SandboxFactory.Start.ToUnixTimeSeconds() + 120) * 1000;
        cancel.Select(p => p.Key).Should().Equal("AGR_TRANS_ID", "VENDOR_TRANS_ID", "SIGN_TIME", "SIGN_STRING");
        cancel["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + agrTransId + $"V-{agrTransId}" + signTime));
        var notify = merchant.All[3].Json;
        notify["STATUS"]!.GetValue<string>().Should().Be("3");
        notify["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + agrTransId + $"V-{agrTransId}" + "3" + signTime));
    }

    [Fact]
    public async Task A_vendor_api_cancel_of_the_invoice_payment_sends_Cancel_then_Notify_3()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), cancel_url = merchant.Url("cancel") });
        var invoiceId = (await CreateInvoice("order-vendor-cancel", 1000m)).Id;
        var paid = await Simulate(invoiceId, "paid");

        await gateway.Ok("paysys.payment_cancel", new { transaction_id = paid["transaction_id"]!.GetValue<long>() });
        await gateway.AdvanceClock(0);

        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/notify", "/cancel", "/notify");
        merchant.All[3].Json["STATUS"]!.GetValue<string>().Should().Be("3");
    }

    [Fact]
    public async Task Cancelling_an_unpaid_invoice_sends_nothing_since_the_merchant_never_heard_of_a_payment()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), cancel_url = merchant.Url("cancel") });
        var invoiceId = (await CreateInvoice("order-unpaid", 1000m)).Id;

        var cancelled = await Simulate(invoiceId, "cancelled");

        cancelled["status"]!.GetValue<int>().Should().Be(3);
        merchant.All.Should().BeEmpty();
        (await Deliveries()).Should().BeEmpty();
    }

    // ---- every path that pays, cancels or refunds an invoice (issue 16) ----

    [Fact]
    public async Task An_invoice_attempt_confirmed_through_the_vendor_api_sends_Pay_then_Notify_2()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), secret = Secret });
        var (hash, invoiceId) = await CreateInvoice("order-gateway", 1000m);
        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var attempt = await Invoice(invoiceId);

        await gateway.Ok("pam.confirm_payment", new
        {
            bank_transaction_id = attempt["bank_transaction_id"]!.GetValue<long>(),
            confirmation_code = Cards.FixedOtp,
        });
        await gateway.AdvanceClock(0);

        (await Invoice(invoiceId))["status"]!.GetValue<int>().Should().Be(2);
        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/notify");
        var pay = merchant.All[0].Json;
        var agrTransId = (await Invoice(invoiceId))["transaction_id"]!.GetValue<long>();
        pay["AGR_TRANS_ID"]!.GetValue<long>().Should().Be(agrTransId);
        pay["MERCHANT_TRANS_ID"]!.GetValue<string>().Should().Be("order-gateway");
        pay["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + agrTransId + Cards.VendorId + "9" + "uzcard" + "order-gateway" + "1000" +
            "sandbox" + Text(pay, "SIGN_TIME")));
        merchant.All[1].Json["STATUS"]!.GetValue<string>().Should().Be("2");
    }

    [Fact]
    public async Task A_payment_that_is_no_invoice_attempt_sends_no_callbacks()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify") });
        var prepared = await gateway.Ok("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            amount = 100_000,
            vendor_id = Cards.VendorId,
            product = "not-an-invoice",
            phone_number = Cards.UzcardPhone,
        });

        await gateway.Ok("pam.confirm_payment", new
        {
            bank_transaction_id = prepared["bank_transaction_id"]!.GetValue<long>(),
            confirmation_code = Cards.FixedOtp,
        });
        await gateway.AdvanceClock(0);

        merchant.All.Should().BeEmpty();
        (await Deliveries()).Should().BeEmpty();
    }

    [Fact]
    public async Task Paying_on_the_pay_page_sends_the_Pay_callback_once_not_twice()
    {
        await Configure(new { pay_url = merchant.Url("pay") });
        var (hash, _) = await CreateInvoice("order-once", 1000m);

        await PostForm(hash, "pay", Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        await PostForm(hash, "confirm", code: Cards.FixedOtp);
        await gateway.AdvanceClock(3_600);

        merchant.All.Select(c => c.Path).Should().Equal("/pay");
        (await Deliveries()).Should().ContainSingle();
    }

    [Fact]
    public async Task A_vendor_api_reversal_of_the_invoice_payment_sends_Cancel_then_Notify_3()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), cancel_url = merchant.Url("cancel"), secret = Secret });
        var invoiceId = (await CreateInvoice("order-reverse", 1000m)).Id;
        var paid = await Simulate(invoiceId, "paid");

        await gateway.Ok("transaction.reverse", new { transaction_id = paid["transaction_id"]!.GetValue<long>() });
        await gateway.AdvanceClock(0);

        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/notify", "/cancel", "/notify");
        var agrTransId = Text(merchant.All[0].Json, "AGR_TRANS_ID");
        var cancel = merchant.All[2].Json;
        cancel["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + agrTransId + $"V-{agrTransId}" + Text(cancel, "SIGN_TIME")));
        merchant.All[3].Json["STATUS"]!.GetValue<string>().Should().Be("3");
    }

    [Fact]
    public async Task A_refund_of_the_invoice_payment_sends_Cancel_then_Notify_3_once_however_many_refunds_follow()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), cancel_url = merchant.Url("cancel") });
        var invoiceId = (await CreateInvoice("order-refund", 1000m)).Id;
        var transactionId = (await Simulate(invoiceId, "paid"))["transaction_id"]!.GetValue<long>();
        // Past the cancel window, where a refund is the merchant's only way back.
        await gateway.AdvanceClock(8 * 86_400);

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 10_000 });
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 10_000 });
        await gateway.AdvanceClock(0);

        (await Invoice(invoiceId))["status"]!.GetValue<int>().Should().Be(3);
        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/notify", "/cancel", "/notify");
        merchant.All[3].Json["STATUS"]!.GetValue<string>().Should().Be("3");
    }

    // ---- callback faults: each seen at the receiver and in the delivery log ----

    [Fact]
    public async Task A_duplicate_fault_sends_the_same_Pay_twice_and_the_log_says_so()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), secret = Secret });
        var rule = await AddCallbackFault(new { callback = "pay", kind = "duplicate", times = 1 });
        var invoiceId = (await CreateInvoice("order-duplicate", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(0);

        merchant.All.Select(c => c.Path).Should().Equal("/pay", "/pay", "/notify");
        merchant.All[1].Body.Should().Be(merchant.All[0].Body, "a duplicate is the same body, signature and all");
        var pay = (await Deliveries())[0];
        pay["status"]!.GetValue<string>().Should().Be("delivered");
        pay["attempts"]!.AsArray().Should().HaveCount(2);
        pay["faults"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal($"attempt 1 sent twice by fault rule {rule}");
    }

    [Fact]
    public async Task An_out_of_order_fault_sends_Notify_before_Pay_and_the_log_says_so()
    {
        await Configure(new { pay_url = merchant.Url("pay"), notify_url = merchant.Url("notify"), secret = Secret });
        var rule = await AddCallbackFault(new { callback = "notify", kind = "out_of_order" });
        var invoiceId = (await CreateInvoice("order-reordered", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(0);

        merchant.All.Select(c => c.Path).Should().Equal("/notify", "/pay");
        merchant.All[0].Json["VENDOR_TRANS_ID"]!.GetValue<string>().Should().BeEmpty("the merchant has not answered a Pay yet");
        var deliveries = await Deliveries();
        deliveries.Select(d => d["kind"]!.GetValue<string>()).Should().Equal("pay", "notify");
        deliveries[1]["faults"]![0]!.GetValue<string>().Should().Be($"sent before pay delivery {deliveries[0]["id"]} by fault rule {rule}");
    }

    [Fact]
    public async Task A_wrong_signature_fault_signs_with_a_wrong_secret_once()
    {
        await Configure(new { pay_url = merchant.Url("pay"), secret = Secret });
        var rule = await AddCallbackFault(new { callback = "*", kind = "wrong_signature", times = 1 });
        merchant.AnswerNext(200, """{"ERROR":-1,"ERROR_NOTE":"SIGN CHECK FAILED"}""");
        var invoiceId = (await CreateInvoice("order-forged", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(60);

        merchant.All.Should().HaveCount(2);
        string Expected(JsonObject pay) => Md5(Secret + Text(pay, "AGR_TRANS_ID") + Cards.VendorId + "9uzcard" + "order-forged" + "1000" + "sandbox" + Text(pay, "SIGN_TIME"));
        merchant.All[0].Json["SIGN_STRING"]!.GetValue<string>().Should().NotBe(Expected(merchant.All[0].Json)).And.HaveLength(32);
        merchant.All[1].Json["SIGN_STRING"]!.GetValue<string>().Should().Be(Expected(merchant.All[1].Json), "the rule was used up");
        var delivery = (await Deliveries()).Single();
        delivery["status"]!.GetValue<string>().Should().Be("delivered");
        delivery["faults"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal($"attempt 1 signed with a wrong secret by fault rule {rule}");
    }

    [Fact]
    public async Task A_drop_fault_loses_the_attempt_unsent_and_the_schedule_retries_it()
    {
        await Configure(new { pay_url = merchant.Url("pay") });
        var rule = await AddCallbackFault(new { callback = "pay", kind = "drop", times = 1 });
        var invoiceId = (await CreateInvoice("order-dropped", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        merchant.All.Should().BeEmpty();
        await gateway.AdvanceClock(60);

        merchant.All.Select(c => c.Path).Should().Equal("/pay");
        var delivery = (await Deliveries()).Single();
        delivery["attempts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()).Should().Equal($"dropped by fault rule {rule}", "delivered");
        delivery["faults"]![0]!.GetValue<string>().Should().Be($"attempt 1 dropped, not sent, by fault rule {rule}");
    }

    [Fact]
    public async Task A_delay_fault_holds_the_attempt_back_on_the_virtual_clock()
    {
        await Configure(new { pay_url = merchant.Url("pay") });
        var rule = await AddCallbackFault(new { callback = "pay", kind = "delay", delay_ms = 30_000 });
        var invoiceId = (await CreateInvoice("order-delayed", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(29);
        merchant.All.Should().BeEmpty();
        await gateway.AdvanceClock(1);

        merchant.All.Select(c => c.Path).Should().Equal("/pay");
        merchant.All[0].Json["SIGN_TIME"]!.GetValue<long>().Should().Be((SandboxFactory.Start.ToUnixTimeSeconds() + 30) * 1000);
        var delivery = (await Deliveries()).Single();
        delivery["faults"]![0]!.GetValue<string>().Should().Be($"attempt 1 delayed 30000 ms of the virtual clock by fault rule {rule}");
        delivery["attempts"]!.AsArray().Should().ContainSingle("the delayed attempt is delayed once, then sent");
    }

    [Fact]
    public async Task Callback_fault_rules_are_listed_cleared_and_checked()
    {
        await AddCallbackFault(new { callback = "notify", kind = "duplicate", probability = 0.5 });

        var listed = await gateway.Control(HttpMethod.Get, "callbacks/faults");
        listed["faults"]!.AsArray().Single()!["kind"]!.GetValue<string>().Should().Be("duplicate");
        listed["faults"]![0]!["probability"]!.GetValue<double>().Should().Be(0.5);
        (await gateway.Control(HttpMethod.Delete, "callbacks/faults"))["faults"]!.AsArray().Should().BeEmpty();
        (await gateway.Control(HttpMethod.Get, "callbacks/faults"))["faults"]!.AsArray().Should().BeEmpty();

        (await gateway.ControlRaw(HttpMethod.Post, "callbacks/faults", """{"callback":"statement","kind":"drop"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await gateway.ControlRaw(HttpMethod.Post, "callbacks/faults", """{"callback":"pay","kind":"error"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await gateway.ControlRaw(HttpMethod.Post, "callbacks/faults", """{"callback":"pay","kind":"delay"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        var (status, text) = await gateway.ControlRaw(HttpMethod.Post, "faults", """{"method":"*","kind":"duplicate"}""");
        status.Should().Be(HttpStatusCode.BadRequest, "a gateway rule cannot be a callback-only kind");
        text.Should().Contain("callback fault");
    }

    // ---- redeliver, simulate ----

    [Fact]
    public async Task Redeliver_sends_the_callback_again_now_freshly_signed_and_logs_it_as_a_redelivery()
    {
        await Configure(new { pay_url = merchant.Url("pay"), secret = Secret });
        var invoiceId = (await CreateInvoice("order-again", 1000m)).Id;
        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(30);
        var id = (await Deliveries()).Single()["id"]!.GetValue<long>();

        var redelivered = await gateway.Control(HttpMethod.Post, $"callbacks/deliveries/{id}/redeliver");

        merchant.All.Should().HaveCount(2);
        var again = merchant.All[1].Json;
        again["SIGN_TIME"]!.GetValue<long>().Should().Be((SandboxFactory.Start.ToUnixTimeSeconds() + 30) * 1000);
        again["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + Text(again, "AGR_TRANS_ID") + Cards.VendorId + "9uzcard" + "order-again" +
            "1000" + "sandbox" + Text(again, "SIGN_TIME")));
        redelivered["attempts"]!.AsArray().Select(a => a!["redelivery"]!.GetValue<bool>()).Should().Equal(false, true);
        redelivered["status"]!.GetValue<string>().Should().Be("delivered");
        (await gateway.ControlRaw(HttpMethod.Post, "callbacks/deliveries/999999/redeliver")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Simulate_paid_pays_the_invoice_with_a_catalogue_card_as_the_pay_page_would()
    {
        var invoiceId = (await CreateInvoice("order-simulated", 1000m)).Id;

        var paid = await Simulate(invoiceId, "paid");

        paid["status"]!.GetValue<int>().Should().Be(2);
        var transaction = (await gateway.Transactions()).Single()!;
        transaction["transaction_id"]!.GetValue<long>().Should().Be(paid["transaction_id"]!.GetValue<long>());
        transaction["status"]!.GetValue<int>().Should().Be(2);
        transaction["amount"]!.GetValue<long>().Should().Be(100_000);
        (await Deliveries()).Should().BeEmpty("no callback URL is configured, so none is sent");
    }

    [Theory]
    [InlineData("""{"outcome":"refunded"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1]""", HttpStatusCode.BadRequest)]
    [InlineData("""{"outcome":"paid"}""", HttpStatusCode.OK)]
    public async Task Simulate_answers_400_for_a_body_that_names_no_outcome(string body, HttpStatusCode expected)
    {
        var invoiceId = (await CreateInvoice("order-bad-simulate", 1000m)).Id;

        var (status, text) = await gateway.ControlRaw(HttpMethod.Post, $"invoices/{invoiceId}/simulate", body);

        status.Should().Be(expected, text);
    }

    [Fact]
    public async Task Simulate_answers_404_for_an_unknown_invoice_and_400_for_paying_a_paid_one()
    {
        var invoiceId = (await CreateInvoice("order-twice", 1000m)).Id;
        await Simulate(invoiceId, "paid");

        (await gateway.ControlRaw(HttpMethod.Post, "invoices/1/simulate", """{"outcome":"paid"}""")).Status.Should().Be(HttpStatusCode.NotFound);
        var (status, text) = await gateway.ControlRaw(HttpMethod.Post, $"invoices/{invoiceId}/simulate", """{"outcome":"paid"}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("already paid");
    }

    // ---- settings, bounds, secrets ----

    [Fact]
    public async Task Put_then_get_shows_the_settings_with_the_secret_masked_and_the_default_schedule()
    {
        var put = await Configure(new { pay_url = merchant.Url("pay"), notify_url = "", secret = Secret });
        var read = await gateway.Control(HttpMethod.Get, "callbacks");

        read.ToJsonString().Should().Be(put.ToJsonString());
        read["pay_url"]!.GetValue<string>().Should().Be(merchant.Url("pay"));
        read["notify_url"].Should().BeNull("an empty URL is no URL");
        read["secret"]!.GetValue<string>().Should().Be("****");
        read["secret_source"]!.GetValue<string>().Should().Be("callbacks");
        read["retry_seconds"]!.AsArray().Select(s => s!.GetValue<long>()).Should().Equal(0, 60, 300, 1800, 7200);
        read["timeout_ms"]!.GetValue<long>().Should().Be(5000);
        read.ToJsonString().Should().NotContain(Secret);
    }

    [Theory]
    [InlineData("""{"pay_url":"ftp://merchant.example/pay"}""", "pay_url")]
    [InlineData("""{"notify_url":"/relative"}""", "notify_url")]
    [InlineData("""{"cancel_url":42}""", "$.cancel_url")]
    [InlineData("""not json""", "$")]
    public async Task Put_refuses_what_is_not_a_callback_url_with_400_naming_it(string body, string named)
    {
        var (status, text) = await gateway.ControlRaw(HttpMethod.Put, "callbacks", body);

        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain(named);
    }

    [Fact]
    public async Task The_default_merchant_starts_with_the_configured_callbacks_and_a_reset_returns_to_them()
    {
        await RestartWith(new Dictionary<string, string?> { ["Sandbox:Callbacks:PayUrl"] = merchant.Url("pay"), ["Sandbox:Callbacks:Secret"] = Secret });
        (await gateway.Control(HttpMethod.Get, "callbacks"))["pay_url"]!.GetValue<string>().Should().Be(merchant.Url("pay"));
        await Configure(new { notify_url = merchant.Url("notify") });

        await gateway.Control(HttpMethod.Post, "reset");

        var settings = await gateway.Control(HttpMethod.Get, "callbacks");
        settings["pay_url"]!.GetValue<string>().Should().Be(merchant.Url("pay"));
        settings["notify_url"].Should().BeNull();
        settings["secret_source"]!.GetValue<string>().Should().Be("callbacks");
    }

    [Fact]
    public async Task The_delivery_queue_is_bounded_and_counts_what_it_could_not_keep()
    {
        await RestartWith(new Dictionary<string, string?> { ["Sandbox:Callbacks:QueueSize"] = "2" });
        await Configure(new { pay_url = $"http://127.0.0.1:{ClosedPort()}/pay" });

        foreach (var order in new[] { "q-1", "q-2", "q-3" })
        {
            await Simulate((await CreateInvoice(order, 1000m)).Id, "paid");
        }

        var log = await gateway.Control(HttpMethod.Get, "callbacks/deliveries");
        log["deliveries"]!.AsArray().Should().HaveCount(2);
        log["dropped"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_finished_delivery_makes_room_in_a_full_queue()
    {
        await RestartWith(new Dictionary<string, string?> { ["Sandbox:Callbacks:QueueSize"] = "1" });
        await Configure(new { pay_url = merchant.Url("pay") });

        await Simulate((await CreateInvoice("room-1", 1000m)).Id, "paid");
        await Simulate((await CreateInvoice("room-2", 1000m)).Id, "paid");

        merchant.All.Should().HaveCount(2);
        var log = await gateway.Control(HttpMethod.Get, "callbacks/deliveries");
        log["deliveries"]!.AsArray().Single()!["attempts"]![0]!["request"]!["MERCHANT_TRANS_ID"]!.GetValue<string>().Should().Be("room-2");
        log["dropped"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task The_secret_never_appears_in_the_delivery_log_or_the_logs_even_when_the_merchant_echoes_it()
    {
        await Configure(new { pay_url = merchant.Url("pay"), secret = Secret });
        merchant.AnswerNext(500, $$"""{"ERROR":-1,"ERROR_NOTE":"expected secret {{Secret}}"}""");
        var invoiceId = (await CreateInvoice("order-secret", 1000m)).Id;

        await Simulate(invoiceId, "paid");
        await gateway.AdvanceClock(60);

        merchant.All.Should().HaveCount(2);
        var log = (await gateway.ControlRaw(HttpMethod.Get, "callbacks/deliveries")).Body;
        log.Should().Contain("expected secret ****").And.NotContain(Secret);
        sandbox.Logs.Lines.Select(l => l.ToString()).Should().NotContain(l => l.Contains(Secret, StringComparison.Ordinal));
    }

    // ---- helpers ----

    // The docs' formula is MD5; the test computes it on its own to check the sandbox's.
#pragma warning disable CA5351
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    /// <summary>A body field as SIGN_STRING joins it: a string's value, a number's JSON text.</summary>
    private static string Text(JsonObject body, string name) =>
        body[name]!.GetValueKind() == JsonValueKind.String ? body[name]!.GetValue<string>() : body[name]!.ToJsonString();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Start(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Sandbox:FixedOtp"] = Cards.FixedOtp };
        sandbox = new SandboxFactory(all);
        gateway = sandbox.CreateGateway();
    }

    private async Task RestartWith(IDictionary<string, string?> settings)
    {
        await sandbox.DisposeAsync();
        Start(settings);
    }

    private Task<JsonObject> Configure(object settings) => gateway.Control(HttpMethod.Put, "callbacks", settings);

    private async Task<string> AddCallbackFault(object rule) =>
        (await gateway.Control(HttpMethod.Post, "callbacks/faults", rule))["id"]!.GetValue<string>();

    private Task<JsonObject> Simulate(long invoiceId, string outcome) =>
        gateway.Control(HttpMethod.Post, $"invoices/{invoiceId}/simulate", new { outcome });

    private async Task<List<JsonObject>> Deliveries() =>
        [.. (await gateway.Control(HttpMethod.Get, "callbacks/deliveries"))["deliveries"]!.AsArray().Select(d => d!.AsObject())];

    private async Task<JsonObject> Invoice(long id) =>
        (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Single(i => i!["id"]!.GetValue<long>() == id)!.AsObject();

    private async Task<(string Hash, long Id)> CreateInvoice(string orderId, decimal amount)
    {
        var invoice = await gateway.Ok("paysys.invoice_create", new
        {
            order_id = orderId,
            vendor_id = Cards.VendorId,
            payment_id = -1,
            currency = "UZS",
            amount,
            order_note = "Order " + orderId,
        });
        return (invoice["hash"]!.GetValue<string>(), invoice["id"]!.GetValue<long>());
    }

    private async Task PostForm(string hash, string action, string? pan = null, string? expiry = null, string? phone = null, string? code = null)
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
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
