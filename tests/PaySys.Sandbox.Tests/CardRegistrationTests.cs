using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>paysys.card_registration and paysys.card_confirm (SPEC §4, §6, §8).</summary>
public sealed class CardRegistrationTests : IDisposable
{
    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public CardRegistrationTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Registration_returns_a_34_hex_id_the_masked_linked_phone_and_a_120_second_time_out()
    {
        var result = await Register();

        result.Select(p => p.Key).Should().BeEquivalentTo(["id", "masked_phone_number", "time_out"]);
        result["id"]!.GetValueKind().Should().Be(JsonValueKind.String);
        result["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
        result["masked_phone_number"]!.GetValue<string>().Should().Be("+99890*****33");
        result["time_out"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["time_out"]!.GetValue<int>().Should().Be(120);
    }

    [Fact]
    public async Task Registration_sends_one_sms_with_the_code_to_the_cards_linked_phone()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();

        var messages = await gateway.Sms();
        messages.Should().ContainSingle();
        var sms = messages[0]!;
        sms["phone"]!.GetValue<string>().Should().Be(Cards.UzcardPhone);
        sms["purpose"]!.GetValue<string>().Should().Be("card_registration");
        sms["reference"]!.GetValue<string>().Should().Be(cardId);
        sms["code"]!.GetValue<string>().Should().Be(Cards.FixedOtp);
        sms["text"]!.GetValue<string>().Should().Contain(Cards.FixedOtp).And.NotContain(Cards.UzcardPan);
        (sms["expires_at"]!.GetValue<long>() - sms["sent_at"]!.GetValue<long>()).Should().Be(120);
    }

    [Fact]
    public async Task Card_confirm_returns_a_token_and_the_documented_card_data()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();

        var result = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });

        result.Select(p => p.Key).Should().BeEquivalentTo(["card_token", "card_data"]);
        result["card_token"]!.GetValueKind().Should().Be(JsonValueKind.String);
        result["card_token"]!.GetValue<string>().Length.Should().BeInRange(32, 40);

        var data = result["card_data"]!.AsObject();
        data.Select(p => p.Key).Should().BeEquivalentTo(["id", "username", "pan", "expiry", "status", "phone", "fullName", "balance", "sms"]);
        data["id"]!.GetValue<string>().Should().Be(cardId);
        data["username"]!.GetValue<string>().Should().Be("uzcard");
        data["pan"]!.GetValue<string>().Should().Be("860049******3347");
        data["expiry"]!.GetValue<string>().Should().Be(Cards.UzcardExpiry);
        data["status"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        data["status"]!.GetValue<int>().Should().Be(0);
        data["phone"]!.GetValue<string>().Should().Be(Cards.UzcardPhone);
        data["fullName"]!.GetValue<string>().Should().Be("UZCARD SUCCESS");
        data["balance"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        data["balance"]!.GetValue<long>().Should().Be(await gateway.Balance(Cards.UzcardPan)).And.Be(1_000_000_000);
        data["sms"]!.GetValueKind().Should().Be(JsonValueKind.True);
    }

    [Fact]
    public async Task Card_token_is_json_null_when_phone_number_was_not_sent()
    {
        var cardId = (await gateway.Ok("paysys.card_registration", new { card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry }))["id"]!.GetValue<string>();

        var result = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });

        result.ContainsKey("card_token").Should().BeTrue("card_token is sent as null, not omitted");
        result["card_token"].Should().BeNull();
        result["card_data"]!["id"]!.GetValue<string>().Should().Be(cardId);
    }

    [Fact]
    public async Task Card_token_is_json_null_when_phone_number_is_not_the_cards_phone()
    {
        var cardId = (await Register(phone: Cards.HumoPhone))["id"]!.GetValue<string>();

        var result = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });

        result.ContainsKey("card_token").Should().BeTrue();
        result["card_token"].Should().BeNull();
        var sms = await gateway.Sms();
        sms.Should().ContainSingle().Which!["phone"]!.GetValue<string>().Should().Be(Cards.UzcardPhone, "the code goes to the card's linked phone");
    }

    [Fact]
    public async Task Re_registration_returns_the_same_id_and_a_fresh_code_with_its_own_lifetime()
    {
        var first = (await Register())["id"]!.GetValue<string>();
        await gateway.AdvanceClock(100);

        var second = (await Register())["id"]!.GetValue<string>();
        second.Should().Be(first);

        var messages = (await gateway.Sms()).Where(m => m!["reference"]!.GetValue<string>() == first).ToList();
        messages.Should().HaveCount(2);
        (messages[1]!["sent_at"]!.GetValue<long>() - messages[0]!["sent_at"]!.GetValue<long>()).Should().Be(100);

        // 200 s after the first SMS: the first code would have expired, the fresh one has not.
        await gateway.AdvanceClock(100);
        var result = await gateway.Ok("paysys.card_confirm", new { card_id = second, confirmation_code = Cards.FixedOtp });
        result["card_token"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Re_registration_of_a_confirmed_card_keeps_its_id_and_token()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var again = await Register();
        again["id"]!.GetValue<string>().Should().Be(cardId);
        var confirmed = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });

        confirmed["card_token"]!.GetValue<string>().Should().Be(token);
    }

    [Fact]
    public async Task Docs_card_registers_while_the_virtual_clock_is_before_May_2023_and_is_expired_after()
    {
        var docs = new { phone_number = Cards.DocsPhone, card_number = Cards.DocsPan, card_expire = Cards.DocsExpiry };
        await gateway.SetClock(new DateTimeOffset(2022, 2, 24, 12, 0, 0, TimeSpan.Zero));

        var registered = await gateway.Ok("paysys.card_registration", docs);
        registered["masked_phone_number"]!.GetValue<string>().Should().Be("+99890*****50");
        var confirmed = await gateway.Ok("paysys.card_confirm", new { card_id = registered["id"]!.GetValue<string>(), confirmation_code = Cards.FixedOtp });
        var data = confirmed["card_data"]!;
        data["pan"]!.GetValue<string>().Should().Be("860033******9500");
        data["username"]!.GetValue<string>().Should().Be("aloqa");
        data["fullName"]!.GetValue<string>().Should().Be("TEST TEST2");

        await gateway.SetClock(new DateTimeOffset(2023, 4, 30, 23, 59, 59, TimeSpan.Zero));
        await gateway.Ok("paysys.card_registration", docs);

        await gateway.SetClock(new DateTimeOffset(2023, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var error = await gateway.Error("paysys.card_registration", docs, -32305);
        error["data"]!["param"]!.GetValue<string>().Should().Be("card_expire");
    }

    [Fact]
    public async Task Pan_not_in_the_catalogue_is_rejected_with_32302_and_sends_nothing()
    {
        var error = await gateway.Error("paysys.card_registration",
            new { phone_number = Cards.UzcardPhone, card_number = "8600123412341234", card_expire = "3012" }, -32302);

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_number");
        error["message"]!.GetValue<string>().Should().NotContain("8600123412341234", "no full PAN is ever echoed");
        (await gateway.Sms()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("860049074431334")]
    [InlineData("86004907443133470")]
    [InlineData("86004907443133ab")]
    [InlineData("8600 4907 4431 3347")]
    [InlineData("")]
    public async Task Malformed_card_number_is_rejected_with_32304(string pan)
    {
        var error = await gateway.Error("paysys.card_registration",
            new { phone_number = Cards.UzcardPhone, card_number = pan, card_expire = Cards.UzcardExpiry }, -32304);

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_number");
        (await gateway.Sms()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("12/30")]
    [InlineData("301")]
    [InlineData("30123")]
    [InlineData("3013")]
    [InlineData("3000")]
    [InlineData("abcd")]
    public async Task Malformed_card_expiry_is_rejected_with_32305(string expiry)
    {
        var error = await gateway.Error("paysys.card_registration",
            new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = expiry }, -32305);

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_expire");
    }

    [Theory]
    [InlineData("3011")]
    [InlineData("3112")]
    [InlineData("1230")]
    public async Task Expiry_that_is_not_the_cards_is_rejected_with_32305(string expiry)
    {
        var error = await gateway.Error("paysys.card_registration",
            new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = expiry }, -32305);

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_expire");
        (await gateway.Sms()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("99890111223")]
    [InlineData("9989011122334")]
    [InlineData("997901112233")]
    [InlineData("+99890111223")]
    [InlineData("99890111223a")]
    public async Task Malformed_phone_is_rejected_with_32303(string phone)
    {
        var error = await gateway.Error("paysys.card_registration",
            new { phone_number = phone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry }, -32303);

        error["data"]!["param"]!.GetValue<string>().Should().Be("phone_number");
        (await gateway.Sms()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("card_number")]
    [InlineData("card_expire")]
    public async Task Missing_card_param_is_rejected_with_32300_naming_it(string missing)
    {
        var parameters = new JsonObject { ["phone_number"] = Cards.UzcardPhone, ["card_number"] = Cards.UzcardPan, ["card_expire"] = Cards.UzcardExpiry };
        parameters.Remove(missing);

        var error = await gateway.Error("paysys.card_registration", parameters, -32300);

        error["data"]!["param"]!.GetValue<string>().Should().Be(missing);
    }

    [Fact]
    public async Task Wrong_code_is_rejected_with_32308_and_counts_the_attempts_left()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();

        var first = await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = "111111" }, -32308);
        first["data"]!["param"]!.GetValue<string>().Should().Be("confirmation_code");
        first["message"]!.GetValue<string>().Should().Contain("2 attempts left");

        var second = await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = "222222" }, -32308);
        second["message"]!.GetValue<string>().Should().Contain("1 attempt left");

        var result = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        result["card_token"]!.GetValue<string>().Should().NotBeNullOrEmpty("the third attempt is still allowed");
    }

    [Fact]
    public async Task Third_wrong_code_burns_it_so_even_the_right_code_fails_and_the_card_stays_unconfirmed()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();
        await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = "111111" }, -32308);
        await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = "222222" }, -32308);

        var third = await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = "333333" }, -32308);
        third["message"]!.GetValue<string>().Should().Contain("no attempts left");

        await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp }, -32308);
        await gateway.Error("pam.prepare_payment", PaymentByCardId(cardId), -32301);
    }

    [Fact]
    public async Task Code_is_accepted_119_seconds_after_the_sms()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();
        await gateway.AdvanceClock(119);

        var result = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });

        result["card_token"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Code_is_rejected_121_seconds_after_the_sms_and_the_card_stays_unconfirmed()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();
        await gateway.AdvanceClock(121);

        await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp }, -32308);

        await gateway.Error("pam.prepare_payment", PaymentByCardId(cardId), -32301);
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_card_id_is_rejected_with_32301()
    {
        await Register();

        var error = await gateway.Error("paysys.card_confirm", new { card_id = "6A0A002A1289688F2CDA1F1C0686359C16", confirmation_code = Cards.FixedOtp }, -32301);

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_id");
    }

    [Fact]
    public async Task Prepare_payment_with_an_unconfirmed_card_id_is_rejected_with_32301()
    {
        var cardId = (await Register())["id"]!.GetValue<string>();
        var balance = await gateway.Balance(Cards.UzcardPan);

        var error = await gateway.Error("pam.prepare_payment", PaymentByCardId(cardId), -32301);

        error["data"]!["param"]!.GetValue<string>().Should().Be("card_id");
        (await gateway.Transactions()).Should().BeEmpty();
        (await gateway.Sms()).Should().ContainSingle("only the registration SMS was sent");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(balance);
    }

    [Fact]
    public async Task A_random_code_read_from_the_outbox_confirms_the_card_and_another_code_does_not()
    {
        using var random = new SandboxFactory();
        var client = random.CreateGateway();
        var cardId = (await client.Ok("paysys.card_registration",
            new { phone_number = Cards.HumoPhone, card_number = Cards.HumoPan, card_expire = "3012" }))["id"]!.GetValue<string>();

        var code = await client.LatestCode(cardId);
        code.Should().MatchRegex("^[0-9]{6}$");
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        await client.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = wrong }, -32308);

        var result = await client.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = code });
        result["card_token"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        result["card_data"]!["pan"]!.GetValue<string>().Should().Be("986001******5678");
    }

    private Task<JsonObject> Register(string phone = Cards.UzcardPhone) =>
        gateway.Ok("paysys.card_registration", new { phone_number = phone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });

    private static object PaymentByCardId(string cardId) => new
    {
        card_id = cardId,
        phone_number = Cards.UzcardPhone,
        amount = 100_000,
        vendor_id = Cards.VendorId,
        product = "order-1",
    };
}
