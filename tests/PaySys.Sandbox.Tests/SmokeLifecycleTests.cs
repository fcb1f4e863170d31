namespace PaySys.Sandbox.Tests;

public sealed class SmokeLifecycleTests : IDisposable
{
    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Register_confirm_then_pay_with_otp_debits_the_card_once()
    {
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);

        var card = await gateway.Ok("paysys.card_registration", new
        {
            phone_number = Cards.UzcardPhone,
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
        });
        var cardId = card["id"]!.GetValue<string>();
        cardId.Should().MatchRegex("^[0-9A-F]{34}$");

        var confirmed = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        confirmed["card_token"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        var prepared = await gateway.Ok("pam.prepare_payment", new
        {
            card_id = cardId,
            phone_number = Cards.UzcardPhone,
            amount = 100_000,
            vendor_id = Cards.VendorId,
            product = "order-1",
        });
        var bankTransactionId = prepared["bank_transaction_id"]!.GetValue<long>();

        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        paid["details"]!["amount"]!.GetValue<long>().Should().Be(100_000);
        paid.ContainsKey("card").Should().BeFalse("card is omitted unless save was true");

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 100_000);
        var check = await gateway.Ok("pam.check_payment", new { bank_transaction_id = bankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        check["status"]!.GetValue<string>().Should().Be("2");
    }
}
