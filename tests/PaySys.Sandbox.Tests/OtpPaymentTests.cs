using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>pam.prepare_payment, pam.confirm_payment and pam.check_payment (SPEC §6, §7, §8).</summary>
public sealed class OtpPaymentTests : IDisposable
{
    private const long Amount = 100_000;

    private static readonly string[] DetailsKeys =
        ["id", "masked_card_number", "transaction_id", "bank_transaction_id", "reference_number", "amount", "merchantId", "terminalId", "date"];

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public OtpPaymentTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Prepare_by_card_number_returns_the_documented_result_and_sends_the_payment_code()
    {
        var before = await gateway.Balance(Cards.UzcardPan);

        var result = await gateway.Ok("pam.prepare_payment", ByCardNumber());

        result.Select(p => p.Key).Should().BeEquivalentTo(["bank_transaction_id", "masked_phone_number", "time_out"]);
        result["bank_transaction_id"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["masked_phone_number"]!.GetValue<string>().Should().Be("+99890*****33");
        result["time_out"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["time_out"]!.GetValue<int>().Should().Be(120);

        var bankTransactionId = result["bank_transaction_id"]!.GetValue<long>();
        var sms = (await gateway.Sms()).Should().ContainSingle().Which!;
        sms["phone"]!.GetValue<string>().Should().Be(Cards.UzcardPhone);
        sms["purpose"]!.GetValue<string>().Should().Be("payment");
        sms["reference"]!.GetValue<string>().Should().Be(Id(bankTransactionId));
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "nothing is debited before the code is confirmed");
    }

    [Fact]
    public async Task Confirm_returns_details_with_the_documented_keys_and_json_types()
    {
        var bankTransactionId = await Prepare(ByCardNumber());

        var result = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        result.Select(p => p.Key).Should().BeEquivalentTo(["details"], "card is omitted unless save was true");
        var details = result["details"]!.AsObject();
        details.Select(p => p.Key).Should().BeEquivalentTo(DetailsKeys);
        foreach (var key in new[] { "id", "masked_card_number", "transaction_id", "bank_transaction_id", "reference_number", "merchantId", "terminalId" })
        {
            details[key]!.GetValueKind().Should().Be(JsonValueKind.String, "details.{0} is a string in the docs", key);
        }

        details["amount"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        details["date"]!.GetValueKind().Should().Be(JsonValueKind.Number);

        details["id"]!.GetValue<string>().Should().MatchRegex("^[0-9]+$");
        details["masked_card_number"]!.GetValue<string>().Should().Be("860049******3347");
        details["transaction_id"]!.GetValue<string>().Should().MatchRegex("^[0-9]+$");
        details["bank_transaction_id"]!.GetValue<string>().Should().Be(Id(bankTransactionId));
        details["reference_number"]!.GetValue<string>().Should().MatchRegex("^[0-9]{12}$");
        details["amount"]!.GetValue<long>().Should().Be(Amount);
        details["merchantId"]!.GetValue<string>().Should().Be("900000000");
        details["terminalId"]!.GetValue<string>().Should().Be("97000000");
        details["date"]!.GetValue<long>().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds());

        var transaction = await gateway.Transaction(bankTransactionId);
        details["transaction_id"]!.GetValue<string>().Should().Be(Id(transaction["transaction_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Pay_by_card_id_debits_exactly_the_amount()
    {
        var (cardId, _) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);

        var bankTransactionId = await Prepare(ByCardId(cardId));
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
        var result = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        result["details"]!["amount"]!.GetValue<long>().Should().Be(Amount);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Fact]
    public async Task Humo_card_pays_by_card_number_and_only_that_card_is_debited()
    {
        var humoBefore = await gateway.Balance(Cards.HumoPan);
        var uzcardBefore = await gateway.Balance(Cards.UzcardPan);
        var parameters = ByCardNumber(250_050);
        parameters["card_number"] = Cards.HumoPan;
        parameters["phone_number"] = Cards.HumoPhone;

        var bankTransactionId = await Prepare(parameters);
        var result = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        result["details"]!["masked_card_number"]!.GetValue<string>().Should().Be("986001******5678");
        (await gateway.Balance(Cards.HumoPan)).Should().Be(humoBefore - 250_050);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(uzcardBefore);
    }

    [Fact]
    public async Task Save_true_adds_card_with_an_id_and_a_token_that_pays_by_token()
    {
        var parameters = ByCardNumber();
        parameters["save"] = true;
        var bankTransactionId = await Prepare(parameters);

        var result = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        result.Select(p => p.Key).Should().BeEquivalentTo(["details", "card"]);
        var card = result["card"]!.AsObject();
        card.Select(p => p.Key).Should().BeEquivalentTo(["id", "token"]);
        var cardId = card["id"]!.GetValue<string>();
        cardId.Should().MatchRegex("^[0-9A-F]{34}$");
        var token = card["token"]!.GetValue<string>();
        token.Length.Should().BeInRange(32, 40);

        var before = await gateway.Balance(Cards.UzcardPan);
        await gateway.Ok("pam.payment", ByCardId(cardId), new Dictionary<string, string> { ["Card-Token"] = token });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);

        var registered = await gateway.Ok("paysys.card_registration",
            new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        registered["id"]!.GetValue<string>().Should().Be(cardId, "the saved card is the card's registration");
    }

    [Fact]
    public async Task Confirm_twice_is_rejected_with_32312_and_debits_once()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber());
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }, -32312);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
    }

    [Fact]
    public async Task Phone_that_is_not_the_cards_is_rejected_with_32311_and_creates_nothing()
    {
        var parameters = ByCardNumber();
        parameters["phone_number"] = Cards.HumoPhone;

        var error = await gateway.Error("pam.prepare_payment", parameters, -32311);

        error["data"]!["param"]!.GetValue<string>().Should().Be("phone_number");
        (await gateway.Transactions()).Should().BeEmpty();
        (await gateway.Sms()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    [InlineData("1.5")]
    [InlineData("\"100\"")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task Invalid_amount_is_rejected_with_32300_naming_amount(string amountJson)
    {
        var parameters = ByCardNumber();
        parameters["amount"] = JsonNode.Parse(amountJson);

        var error = await gateway.Error("pam.prepare_payment", parameters, -32300);

        error["data"]!["param"]!.GetValue<string>().Should().Be("amount");
        error["message"]!.GetValue<string>().Should().Contain("amount");
        (await gateway.Transactions()).Should().BeEmpty();
        (await gateway.Sms()).Should().BeEmpty();
    }

    [Fact]
    public async Task Code_is_accepted_119_seconds_after_prepare()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber());
        await gateway.AdvanceClock(119);

        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Code_expires_after_time_out_and_the_transaction_fails_with_status_minus_1()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber());
        await gateway.AdvanceClock(121);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("-1");
        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }, -32308);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("-1");
        var transaction = await gateway.Transaction(bankTransactionId);
        transaction["status"]!.GetValue<int>().Should().Be(-1);
        var history = transaction["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "otp_expired");
        history.Select(h => h!["status"]!.GetValue<int>()).Should().Equal(1, -1);
        history[1]!["at"]!.GetValue<long>().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds() + 120, "the code expired at its own due time");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
    }

    [Fact]
    public async Task Wrong_code_counts_attempts_and_a_right_code_still_works_before_the_third()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber());

        var first = await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = "000000" }, -32308);
        first["data"]!["param"]!.GetValue<string>().Should().Be("confirmation_code");
        first["message"]!.GetValue<string>().Should().Contain("2 attempts left");
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);

        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Three_wrong_codes_fail_the_transaction_and_leave_the_balance_unchanged()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber());

        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = "000001" }, -32308);
        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = "000002" }, -32308);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = "000003" }, -32308);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("-1");
        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }, -32308);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("-1");
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "otp_burned");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Fact]
    public async Task Unknown_bank_transaction_id_is_rejected_with_32314()
    {
        var known = await Prepare(ByCardNumber());

        var confirm = await gateway.Error("pam.confirm_payment", new { bank_transaction_id = known + 1000, confirmation_code = Cards.FixedOtp }, -32314);
        confirm["data"]!["param"]!.GetValue<string>().Should().Be("bank_transaction_id");
        await gateway.Error("pam.check_payment", new { bank_transaction_id = known + 1000 }, -32314);

        (await gateway.PaymentStatus(known)).Should().Be("1");
    }

    [Fact]
    public async Task Bank_transaction_id_as_a_string_of_digits_is_accepted()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber());

        var check = await gateway.Ok("pam.check_payment", new { bank_transaction_id = Id(bankTransactionId) });
        check["status"]!.GetValue<string>().Should().Be("1");
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = Id(bankTransactionId), confirmation_code = Cards.FixedOtp });

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Theory]
    [InlineData("\"12a\"")]
    [InlineData("\"\"")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("{}")]
    public async Task Bank_transaction_id_that_is_not_an_integer_or_digits_is_rejected_with_32300(string idJson)
    {
        var bankTransactionId = await Prepare(ByCardNumber());

        var error = await gateway.Error("pam.confirm_payment",
            new JsonObject { ["bank_transaction_id"] = JsonNode.Parse(idJson), ["confirmation_code"] = Cards.FixedOtp }, -32300);

        error["data"]!["param"]!.GetValue<string>().Should().Be("bank_transaction_id");
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
    }

    [Fact]
    public async Task Check_payment_reports_status_1_before_and_2_after_confirm_with_the_documented_types()
    {
        var bankTransactionId = await Prepare(ByCardNumber());

        var pending = await gateway.Ok("pam.check_payment", new { bank_transaction_id = bankTransactionId });
        pending.Select(p => p.Key).Should().BeEquivalentTo(["bank_transaction_id", "status", "amount"]);
        pending["bank_transaction_id"]!.GetValueKind().Should().Be(JsonValueKind.String);
        pending["bank_transaction_id"]!.GetValue<string>().Should().Be(Id(bankTransactionId));
        pending["status"]!.GetValueKind().Should().Be(JsonValueKind.String);
        pending["status"]!.GetValue<string>().Should().Be("1");
        pending["amount"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        pending["amount"]!.GetValue<long>().Should().Be(Amount);

        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
    }

    [Fact]
    public async Task Transaction_numbers_are_distinct_and_increasing()
    {
        var first = await Prepare(ByCardNumber());
        var second = await Prepare(ByCardNumber());

        second.Should().BeGreaterThan(first);
        var transactions = await gateway.Transactions();
        var transactionIds = transactions.Select(t => t!["transaction_id"]!.GetValue<long>()).ToList();
        transactionIds.Should().HaveCount(2).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_random_code_read_from_the_outbox_confirms_the_payment()
    {
        using var random = new SandboxFactory();
        var client = random.CreateGateway();
        var before = await client.Balance(Cards.UzcardPan);
        var bankTransactionId = (await client.Ok("pam.prepare_payment", ByCardNumber()))["bank_transaction_id"]!.GetValue<long>();

        var code = await client.LatestCode(Id(bankTransactionId));
        code.Should().MatchRegex("^[0-9]{6}$");
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        await client.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = wrong }, -32308);
        await client.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = code });

        (await client.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await client.PaymentStatus(bankTransactionId)).Should().Be("2");
    }

    private async Task<long> Prepare(JsonObject parameters) =>
        (await gateway.Ok("pam.prepare_payment", parameters))["bank_transaction_id"]!.GetValue<long>();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static JsonObject ByCardNumber(long amount = Amount) => new()
    {
        ["card_number"] = Cards.UzcardPan,
        ["card_expire"] = Cards.UzcardExpiry,
        ["phone_number"] = Cards.UzcardPhone,
        ["amount"] = amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "order-1",
        ["comment"] = "Month subscription",
    };

    private static JsonObject ByCardId(string cardId) => new()
    {
        ["card_id"] = cardId,
        ["phone_number"] = Cards.UzcardPhone,
        ["amount"] = Amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "order-1",
    };
}
