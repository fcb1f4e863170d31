using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>pam.payment with the Card-Token header: no OTP (SPEC §2, §8).</summary>
public sealed class TokenPaymentTests : IDisposable
{
    private const long Amount = 150_000;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public TokenPaymentTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Token_payment_returns_the_documented_details_debits_the_card_and_sends_no_sms()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);
        var smsBefore = (await gateway.Sms()).Count;

        var result = await gateway.Ok("pam.payment", Order(cardId), WithToken(token!));

        result.Select(p => p.Key).Should().BeEquivalentTo(["details"]);
        var details = result["details"]!.AsObject();
        details.Select(p => p.Key).Should().BeEquivalentTo(
            ["id", "masked_card_number", "transaction_id", "bank_transaction_id", "reference_number", "amount", "merchantId", "terminalId", "date"]);
        foreach (var key in new[] { "id", "masked_card_number", "transaction_id", "bank_transaction_id", "reference_number", "merchantId", "terminalId" })
        {
            details[key]!.GetValueKind().Should().Be(JsonValueKind.String, "details.{0} is a string in the docs", key);
        }

        details["amount"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        details["date"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        details["id"]!.GetValue<string>().Should().Be(cardId, "the docs' pam.payment example reports the card id as details.id");
        details["masked_card_number"]!.GetValue<string>().Should().Be("860049******3347");
        details["reference_number"]!.GetValue<string>().Should().MatchRegex("^[0-9]{12}$");
        details["amount"]!.GetValue<long>().Should().Be(Amount);
        details["merchantId"]!.GetValue<string>().Should().Be("900000000");
        details["terminalId"]!.GetValue<string>().Should().Be("97000000");
        details["date"]!.GetValue<long>().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds());

        var bankTransactionId = long.Parse(details["bank_transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        var transaction = await gateway.Transaction(bankTransactionId);
        details["transaction_id"]!.GetValue<string>().Should().Be(transaction["transaction_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Sms()).Count.Should().Be(smsBefore, "pam.payment needs no code");
    }

    [Fact]
    public async Task Token_payments_can_be_repeated_and_each_debits_its_amount()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.HumoPan, "3012", Cards.HumoPhone);
        var before = await gateway.Balance(Cards.HumoPan);

        var first = await gateway.Ok("pam.payment", Order(cardId, phone: Cards.HumoPhone), WithToken(token!));
        var second = await gateway.Ok("pam.payment", Order(cardId, amount: 20_000, phone: Cards.HumoPhone), WithToken(token!));

        second["details"]!["bank_transaction_id"]!.GetValue<string>().Should().NotBe(first["details"]!["bank_transaction_id"]!.GetValue<string>());
        (await gateway.Balance(Cards.HumoPan)).Should().Be(before - Amount - 20_000);
        (await gateway.Transactions()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Missing_card_token_is_rejected_with_32300_naming_the_header()
    {
        var (cardId, _) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);

        var error = await gateway.Error("pam.payment", Order(cardId), -32300);

        error["data"]!["param"]!.GetValue<string>().Should().Be("Card-Token");
        error["message"]!.GetValue<string>().Should().Contain("Card-Token");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Empty_card_token_is_rejected_with_32300()
    {
        var (cardId, _) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var error = await gateway.Error("pam.payment", Order(cardId), -32300, WithToken(""));

        error["data"]!["param"]!.GetValue<string>().Should().Be("Card-Token");
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_card_token_is_rejected_with_32301()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);

        var error = await gateway.Error("pam.payment", Order(cardId), -32301, WithToken(token![..^1] + (token[^1] == '0' ? '1' : '0')));

        error["data"]!["param"]!.GetValue<string>().Should().Be("Card-Token");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Token_of_another_card_is_rejected_with_32301()
    {
        var (uzcardId, _) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var (_, humoToken) = await gateway.RegisterCard(Cards.HumoPan, "3012", Cards.HumoPhone);
        var uzcardBefore = await gateway.Balance(Cards.UzcardPan);
        var humoBefore = await gateway.Balance(Cards.HumoPan);

        await gateway.Error("pam.payment", Order(uzcardId), -32301, WithToken(humoToken!));

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(uzcardBefore);
        (await gateway.Balance(Cards.HumoPan)).Should().Be(humoBefore);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Card_registered_without_its_phone_has_no_token_and_cannot_pay()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, phone: null);
        token.Should().BeNull();
        var before = await gateway.Balance(Cards.UzcardPan);

        await gateway.Error("pam.payment", Order(cardId), -32301, WithToken("0123456789abcdef0123456789abcdef01234567"));

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_or_unconfirmed_card_id_is_rejected_with_32301()
    {
        var (_, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var pending = (await gateway.Ok("paysys.card_registration",
            new { phone_number = Cards.HumoPhone, card_number = Cards.HumoPan, card_expire = "3012" }))["id"]!.GetValue<string>();

        var unknown = await gateway.Error("pam.payment", Order("6A0A002A1289688F2CDA1F1C0686359C16"), -32301, WithToken(token!));
        unknown["data"]!["param"]!.GetValue<string>().Should().Be("card_id");
        var unconfirmed = await gateway.Error("pam.payment", Order(pending, phone: Cards.HumoPhone), -32301, WithToken(token!));
        unconfirmed["data"]!["param"]!.GetValue<string>().Should().Be("card_id");

        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Hold_by_token_gives_status_7_and_hold_confirm_accepts_it()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);
        var order = Order(cardId);
        order["hold"] = true;

        var result = await gateway.Ok("pam.payment", order, WithToken(token!));

        var bankTransactionId = long.Parse(result["details"]!["bank_transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("7");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);

        var accepted = await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" });

        accepted["status"]!.GetValue<int>().Should().Be(2);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("created", "held_by_token", "hold_accepted");
    }

    [Fact]
    public async Task Hold_by_token_expires_on_the_virtual_clock()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);
        var order = Order(cardId);
        order["hold"] = true;
        order["holding_time"] = 600;
        order["after_expired"] = "accept";
        var result = await gateway.Ok("pam.payment", order, WithToken(token!));
        var bankTransactionId = long.Parse(result["details"]!["bank_transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        await gateway.AdvanceClock(601);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Card_that_expired_on_the_virtual_clock_cannot_pay_by_token()
    {
        await gateway.SetClock(new DateTimeOffset(2022, 2, 24, 12, 0, 0, TimeSpan.Zero));
        var (cardId, token) = await gateway.RegisterCard(Cards.DocsPan, Cards.DocsExpiry, Cards.DocsPhone);
        await gateway.Ok("pam.payment", Order(cardId, phone: Cards.DocsPhone), WithToken(token!));
        await gateway.SetClock(new DateTimeOffset(2023, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var before = await gateway.Balance(Cards.DocsPan);

        var error = await gateway.Error("pam.payment", Order(cardId, phone: Cards.DocsPhone), -32305, WithToken(token!));

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_id");
        (await gateway.Balance(Cards.DocsPan)).Should().Be(before);
        (await gateway.Transactions()).Should().ContainSingle();
    }

    [Fact]
    public async Task Unknown_vendor_is_rejected_with_32316()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);
        var order = Order(cardId);
        order["vendor_id"] = 999_999;

        var error = await gateway.Error("pam.payment", order, -32316, WithToken(token!));

        error["data"]!["param"]!.GetValue<string>().Should().Be("vendor_id");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Amount_over_the_balance_is_rejected_with_32309()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);

        await gateway.Error("pam.payment", Order(cardId, amount: before + 1), -32309, WithToken(token!));

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Token_payment_with_a_random_registration_code_read_from_the_outbox()
    {
        using var random = new SandboxFactory();
        var client = random.CreateGateway();
        var (cardId, token) = await client.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        (await client.Sms()).Single()!["code"]!.GetValue<string>().Should().MatchRegex("^[0-9]{6}$");
        var before = await client.Balance(Cards.UzcardPan);

        await client.Ok("pam.payment", Order(cardId), WithToken(token!));

        (await client.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    private static Dictionary<string, string> WithToken(string token) => new() { ["Card-Token"] = token };

    private static JsonObject Order(string cardId, long amount = Amount, string phone = Cards.UzcardPhone) => new()
    {
        ["card_id"] = cardId,
        ["phone_number"] = phone,
        ["amount"] = amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "5d1a3442-d031-4683-8d77-165c4cfc8a9b",
    };
}
