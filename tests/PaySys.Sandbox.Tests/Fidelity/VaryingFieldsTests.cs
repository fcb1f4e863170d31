using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Fidelity;

/// <summary>
/// Fields the docs give several values that a sandbox once always answered the same way (issue 21 item 6,
/// docs/fidelity.md "Fields that never vary"): terminal ids per vendor, card_data.sms false, card_data.status other
/// than 0, and a payment seen "processing" (status 0) before it completes.
/// </summary>
public sealed class VaryingFieldsTests : IDisposable
{
    private const long SecondVendor = 104466;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public VaryingFieldsTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Each_default_vendor_reports_a_terminal_of_its_own_and_the_first_keeps_the_docs_pair()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var first = (await gateway.Ok("pam.payment", Order(cardId, Cards.UzcardPhone, Cards.VendorId), WithToken(token!)))["details"]!;
        var second = (await gateway.Ok("pam.payment", Order(cardId, Cards.UzcardPhone, SecondVendor), WithToken(token!)))["details"]!;
        var service = await gateway.Control(HttpMethod.Get, "service");

        first["merchantId"]!.GetValue<string>().Should().Be("900000000");
        first["terminalId"]!.GetValue<string>().Should().Be("97000000");
        second["merchantId"]!.GetValue<string>().Should().Be("900000000");
        second["terminalId"]!.GetValue<string>().Should().Be("97000001");
        service["vendors"]!.AsArray().Select(v => v!["terminal_id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_vendor_configured_with_its_own_ids_reports_them_and_its_receipt_link_carries_its_terminal()
    {
        using var configured = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
        {
            ["Sandbox:Merchants:0:ServiceId"] = "1",
            ["Sandbox:Merchants:0:SecretKey"] = "sandbox-secret",
            ["Sandbox:Merchants:0:Vendors:0:VendorId"] = "100381",
            ["Sandbox:Merchants:0:Vendors:0:MerchantId"] = "900000777",
            ["Sandbox:Merchants:0:Vendors:0:TerminalId"] = "97000777",
        });
        var client = configured.CreateGateway();
        var (cardId, token) = await client.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var details = (await client.Ok("pam.payment", Order(cardId, Cards.UzcardPhone, Cards.VendorId), WithToken(token!)))["details"]!;
        var cheque = await client.Ok("paysys.get_fiscal_cheque", new { transaction_id = details["transaction_id"]!.GetValue<string>(), type = "payment" });

        details["merchantId"]!.GetValue<string>().Should().Be("900000777");
        details["terminalId"]!.GetValue<string>().Should().Be("97000777");
        cheque["cheque"]!.GetValue<string>().Should().Contain("t=EP000097000777&");
    }

    [Fact]
    public async Task The_sms_informing_off_card_registers_with_sms_false_pays_by_token_and_not_by_code()
    {
        var cardId = (await gateway.Ok("paysys.card_registration", new { card_number = Cards.SmsInformingOffPan, card_expire = "3012", phone_number = Cards.PhoneOf(Cards.SmsInformingOffPan) }))["id"]!.GetValue<string>();
        var confirmed = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = await gateway.LatestCode(cardId) });
        var token = confirmed["card_token"]!.GetValue<string>();

        confirmed["card_data"]!["sms"]!.GetValue<bool>().Should().BeFalse();
        await gateway.Ok("pam.payment", Order(cardId, Cards.PhoneOf(Cards.SmsInformingOffPan), Cards.VendorId), WithToken(token));
        var refused = await gateway.Error("pam.prepare_payment", new
        {
            card_number = Cards.SmsInformingOffPan,
            card_expire = "3012",
            phone_number = Cards.PhoneOf(Cards.SmsInformingOffPan),
            amount = 10_000,
            vendor_id = Cards.VendorId,
            product = "order-1",
        }, -32311);
        refused["message"]!.GetValue<string>().Should().Contain("SMS-informing");
    }

    [Fact]
    public async Task Card_data_status_is_the_catalogues_and_zero_for_the_other_cards()
    {
        var one = await ConfirmedCardData(Cards.CardStatusOnePan);
        var usual = await ConfirmedCardData(Cards.UzcardPan);

        one["status"]!.GetValue<int>().Should().Be(1);
        one["sms"]!.GetValue<bool>().Should().BeTrue();
        usual["status"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_settles_late_payment_is_processing_then_completed_when_the_clock_passes_the_delay()
    {
        var before = await gateway.Balance(Cards.SettlesLatePan);
        var txn = (await gateway.Ok("pam.prepare_payment", PrepareSettlesLate()))["bank_transaction_id"]!.GetValue<long>();
        var confirmed = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = txn, confirmation_code = Cards.FixedOtp });
        var transactionId = confirmed["details"]!["transaction_id"]!.GetValue<string>();

        (await gateway.PaymentStatus(txn)).Should().Be("0");
        (await gateway.Balance(Cards.SettlesLatePan)).Should().Be(before - 10_000, "the money is taken when the payment is accepted");
        (await gateway.Ok("paysys.payment_info", new { transaction_id = transactionId }))["status"]!.GetValue<int>().Should().Be(0);
        await gateway.Error("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 100 }, -32312);
        await gateway.Error("paysys.payment_cancel", new { transaction_id = transactionId }, -32312);

        await gateway.AdvanceClock(29);
        (await gateway.PaymentStatus(txn)).Should().Be("0");
        await gateway.AdvanceClock(1);
        (await gateway.PaymentStatus(txn)).Should().Be("2");

        var history = (await gateway.Transaction(txn))["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>());
        history.Should().Equal("prepared", "accepted", "settled");
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 100 });
    }

    [Fact]
    public async Task A_settles_late_token_payment_is_processing_too_but_a_hold_is_held_at_once()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.SettlesLatePan, "3012", Cards.PhoneOf(Cards.SettlesLatePan));
        var paid = await gateway.Ok("pam.payment", Order(cardId, Cards.PhoneOf(Cards.SettlesLatePan), Cards.VendorId), WithToken(token!));
        var held = Order(cardId, Cards.PhoneOf(Cards.SettlesLatePan), Cards.VendorId);
        held["hold"] = true;
        var hold = await gateway.Ok("pam.payment", held, WithToken(token!));

        (await gateway.PaymentStatus(long.Parse(paid["details"]!["bank_transaction_id"]!.GetValue<string>()))).Should().Be("0");
        (await gateway.PaymentStatus(long.Parse(hold["details"]!["bank_transaction_id"]!.GetValue<string>()))).Should().Be("7");
        await gateway.AdvanceClock(30);
        (await gateway.PaymentStatus(long.Parse(paid["details"]!["bank_transaction_id"]!.GetValue<string>()))).Should().Be("2");
    }

    [Fact]
    public async Task A_processing_payment_put_back_from_a_snapshot_still_settles()
    {
        var txn = (await gateway.Ok("pam.prepare_payment", PrepareSettlesLate()))["bank_transaction_id"]!.GetValue<long>();
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = txn, confirmation_code = Cards.FixedOtp });
        var (_, document) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");

        var (status, _) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document);
        status.Should().Be(System.Net.HttpStatusCode.OK);
        (await gateway.PaymentStatus(txn)).Should().Be("0");
        await gateway.AdvanceClock(30);
        (await gateway.PaymentStatus(txn)).Should().Be("2");
    }

    private async Task<JsonNode> ConfirmedCardData(string pan)
    {
        var cardId = (await gateway.Ok("paysys.card_registration", new { card_number = pan, card_expire = "3012", phone_number = Cards.PhoneOf(pan) }))["id"]!.GetValue<string>();
        return (await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = await gateway.LatestCode(cardId) }))["card_data"]!;
    }

    private static JsonObject PrepareSettlesLate() => new()
    {
        ["card_number"] = Cards.SettlesLatePan,
        ["card_expire"] = "3012",
        ["phone_number"] = Cards.PhoneOf(Cards.SettlesLatePan),
        ["amount"] = 10_000,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "order-1",
    };

    private static Dictionary<string, string> WithToken(string token) => new() { ["Card-Token"] = token };

    private static JsonObject Order(string cardId, string phone, long vendorId) => new()
    {
        ["card_id"] = cardId,
        ["phone_number"] = phone,
        ["amount"] = 10_000,
        ["vendor_id"] = vendorId,
        ["product"] = "order-1",
    };
}
