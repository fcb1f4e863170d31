using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Fidelity;

/// <summary>
/// Every method that takes a phone with a card agrees on it (issue 21, item 1): the phone must be the one linked
/// to the card, else -32311 naming phone_number and nothing moves. paysys.card_registration is the documented
/// exception: it registers the card and confirms it with card_token null.
/// </summary>
public sealed class PhoneAgreementTests : IDisposable
{
    private const string OtherPhone = "998907770000";

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public PhoneAgreementTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Pam_payment_with_a_valid_token_and_another_phone_is_32311_and_moves_nothing()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);

        var error = await gateway.Error("pam.payment", Order(OtherPhone, cardId: cardId), -32311,
            new Dictionary<string, string> { ["Card-Token"] = token! });

        error["data"]!["param"]!.GetValue<string>().Should().Be("phone_number");
        error["message"]!.GetValue<string>().Should().Contain("phone_number is not the phone linked to the card");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Pam_payment_with_the_cards_phone_still_pays()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        await gateway.Ok("pam.payment", Order(Cards.UzcardPhone, cardId: cardId), new Dictionary<string, string> { ["Card-Token"] = token! });

        (await gateway.Transactions()).Should().ContainSingle();
    }

    [Fact]
    public async Task Pam_prepare_payment_by_card_id_with_another_phone_is_32311_and_sends_no_code()
    {
        var (cardId, _) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var smsBefore = (await gateway.Sms()).Count;

        var error = await gateway.Error("pam.prepare_payment", Order(OtherPhone, cardId: cardId), -32311);

        error["data"]!["param"]!.GetValue<string>().Should().Be("phone_number");
        (await gateway.Sms()).Count.Should().Be(smsBefore);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Pam_prepare_payment_by_card_number_with_another_phone_is_32311_and_sends_no_code()
    {
        var error = await gateway.Error("pam.prepare_payment", Order(OtherPhone, pan: Cards.HumoPan), -32311);

        error["data"]!["param"]!.GetValue<string>().Should().Be("phone_number");
        (await gateway.Sms()).Should().BeEmpty();
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Card_registration_with_another_phone_registers_the_card_without_a_token()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, OtherPhone);

        cardId.Should().NotBeNullOrEmpty();
        token.Should().BeNull("the docs: card_token is NULL when the number does not match the number associated with the card");
    }

    private static JsonObject Order(string phone, string? cardId = null, string? pan = null)
    {
        var order = new JsonObject
        {
            ["phone_number"] = phone,
            ["amount"] = 10_000,
            ["vendor_id"] = Cards.VendorId,
            ["product"] = "5d1a3442-d031-4683-8d77-165c4cfc8a9b",
        };
        if (cardId is not null)
        {
            order["card_id"] = cardId;
        }

        if (pan is not null)
        {
            order["card_number"] = pan;
            order["card_expire"] = "3012";
        }

        return order;
    }
}
