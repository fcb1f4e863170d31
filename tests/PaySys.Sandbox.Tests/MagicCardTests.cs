using System.Globalization;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// Every magic card of contracts/cards.json (SPEC §5, §10) at the step where its behaviour shows.
/// Every rejected request here must leave the tenant exactly as it was: balances, holds, transactions, outbox.
/// </summary>
public sealed class MagicCardTests : IDisposable
{
    private const long Amount = 100_000;
    private const string FailureExpiry = "3012";
    private const string ExpiredExpiry = "2001";
    private const int SlowDelayMs = 10_000;

    private static readonly Dictionary<string, string?> NoSlowDelay = new() { ["Sandbox:SlowCardDelayMs"] = "0" };

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp(NoSlowDelay);
    private readonly GatewayClient gateway;

    public MagicCardTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task The_catalogue_has_exactly_the_failure_cards_this_class_covers()
    {
        var cards = (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray();

        var failures = cards
            .Where(c => c!["behaviour"]!.GetValue<string>() != "success")
            .ToDictionary(c => c!["behaviour"]!.GetValue<string>(), c => c!["pan"]!.GetValue<string>());
        failures.Should().Equal(new Dictionary<string, string>
        {
            ["insufficient_funds"] = Cards.InsufficientFundsPan,
            ["blocked"] = Cards.BlockedPan,
            ["expired"] = Cards.ExpiredPan,
            ["sms_disabled"] = Cards.SmsDisabledPan,
            ["registration_fails"] = Cards.RegistrationFailsPan,
            ["token_fails"] = Cards.TokenFailsPan,
            ["processing_down"] = Cards.ProcessingDownPan,
            ["slow"] = Cards.SlowPan,
            ["sms_informing_off"] = Cards.SmsInformingOffPan,
            ["settles_late"] = Cards.SettlesLatePan,
        });
        foreach (var pan in failures.Values)
        {
            var card = cards.Single(c => c!["pan"]!.GetValue<string>() == pan)!;
            card["phone"]!.GetValue<string>().Should().Be(Cards.PhoneOf(pan));
            card["expiry"]!.GetValue<string>().Should().Be(pan == Cards.ExpiredPan ? ExpiredExpiry : FailureExpiry);
        }
    }

    [Theory]
    [InlineData(Cards.UzcardPan, Cards.UzcardPhone)]
    [InlineData(Cards.HumoPan, Cards.HumoPhone)]
    public async Task Success_card_registers_and_completes_an_otp_payment(string pan, string phone)
    {
        var (cardId, token) = await gateway.RegisterCard(pan, "3012", phone);
        token.Should().NotBeNullOrEmpty();
        var before = await gateway.Balance(pan);
        before.Should().Be(1_000_000_000);

        var bankTransactionId = await Prepare(ByCardId(cardId, phone));
        await ConfirmPayment(bankTransactionId);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(pan)).Should().Be(before - Amount);
        (await gateway.Held(pan)).Should().Be(0);
    }

    [Theory]
    [InlineData(Cards.BlockedPan, FailureExpiry, -32310)]
    [InlineData(Cards.ExpiredPan, ExpiredExpiry, -32305)]
    [InlineData(Cards.SmsDisabledPan, FailureExpiry, -32311)]
    [InlineData(Cards.RegistrationFailsPan, FailureExpiry, -32306)]
    [InlineData(Cards.ProcessingDownPan, FailureExpiry, -32318)]
    public async Task Failure_card_is_rejected_at_card_registration_and_nothing_changes(string pan, string expiry, int code)
    {
        await SeedOtherActivity();
        var before = await Snapshot();

        var error = await gateway.Error("paysys.card_registration",
            new { phone_number = Cards.PhoneOf(pan), card_number = pan, card_expire = expiry }, code);

        error["message"]!.GetValue<string>().Should().NotContain(pan, "no full PAN is ever echoed");
        await ShouldBeUnchanged(before);
    }

    [Theory]
    [InlineData(Cards.InsufficientFundsPan, FailureExpiry, -32309)]
    [InlineData(Cards.BlockedPan, FailureExpiry, -32310)]
    [InlineData(Cards.ExpiredPan, ExpiredExpiry, -32305)]
    [InlineData(Cards.SmsDisabledPan, FailureExpiry, -32311)]
    [InlineData(Cards.ProcessingDownPan, FailureExpiry, -32318)]
    public async Task Failure_card_is_rejected_at_prepare_payment_by_card_number_and_nothing_changes(string pan, string expiry, int code)
    {
        await SeedOtherActivity();
        var before = await Snapshot();

        await gateway.Error("pam.prepare_payment", ByCardNumber(pan, expiry, Cards.PhoneOf(pan)), code);

        await ShouldBeUnchanged(before);
    }

    [Fact]
    public async Task Insufficient_funds_card_is_rejected_at_prepare_payment_by_card_id()
    {
        var (cardId, _) = await gateway.RegisterCard(Cards.InsufficientFundsPan, FailureExpiry, Cards.PhoneOf(Cards.InsufficientFundsPan));
        await SeedOtherActivity();
        var before = await Snapshot();

        await gateway.Error("pam.prepare_payment", ByCardId(cardId, Cards.PhoneOf(Cards.InsufficientFundsPan)), -32309);

        await ShouldBeUnchanged(before);
    }

    [Fact]
    public async Task Insufficient_funds_card_is_rejected_at_token_payment()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.InsufficientFundsPan, FailureExpiry, Cards.PhoneOf(Cards.InsufficientFundsPan));
        token.Should().NotBeNull();
        (await gateway.Balance(Cards.InsufficientFundsPan)).Should().Be(100);
        await SeedOtherActivity();
        var before = await Snapshot();

        await gateway.Error("pam.payment", ByCardId(cardId, Cards.PhoneOf(Cards.InsufficientFundsPan)), -32309,
            new Dictionary<string, string> { ["Card-Token"] = token! });

        await ShouldBeUnchanged(before);
    }

    [Fact]
    public async Task Insufficient_funds_card_pays_up_to_its_balance_of_100_tiyin_and_not_one_more()
    {
        var phone = Cards.PhoneOf(Cards.InsufficientFundsPan);
        var paid = await Prepare(ByCardNumber(Cards.InsufficientFundsPan, FailureExpiry, phone, amount: 100));
        await ConfirmPayment(paid);
        (await gateway.Balance(Cards.InsufficientFundsPan)).Should().Be(0);
        var before = await Snapshot();

        await gateway.Error("pam.prepare_payment", ByCardNumber(Cards.InsufficientFundsPan, FailureExpiry, phone, amount: 1), -32309);

        await ShouldBeUnchanged(before);
    }

    [Fact]
    public async Task Insufficient_funds_card_is_rejected_at_confirm_when_its_balance_ran_out_after_prepare()
    {
        var phone = Cards.PhoneOf(Cards.InsufficientFundsPan);
        var first = await Prepare(ByCardNumber(Cards.InsufficientFundsPan, FailureExpiry, phone, amount: 60));
        var second = await Prepare(ByCardNumber(Cards.InsufficientFundsPan, FailureExpiry, phone, amount: 60));
        await ConfirmPayment(first);
        (await gateway.Balance(Cards.InsufficientFundsPan)).Should().Be(40);
        var before = await Snapshot();

        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = second, confirmation_code = Cards.FixedOtp }, -32309);

        await ShouldBeUnchanged(before);
        (await gateway.PaymentStatus(second)).Should().Be("1", "the payment still awaits a confirmation that the card can pay");
    }

    [Fact]
    public async Task Insufficient_funds_at_confirm_of_a_hold_holds_nothing()
    {
        var parameters = ByCardNumber(Cards.InsufficientFundsPan, FailureExpiry, Cards.PhoneOf(Cards.InsufficientFundsPan), amount: 60);
        parameters["hold"] = true;
        var first = await Prepare(parameters);
        var second = await Prepare(parameters);
        await ConfirmPayment(first);
        (await gateway.Held(Cards.InsufficientFundsPan)).Should().Be(60);
        var before = await Snapshot();

        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = second, confirmation_code = Cards.FixedOtp }, -32309);

        await ShouldBeUnchanged(before);
        (await gateway.PaymentStatus(second)).Should().Be("1");
    }

    [Fact]
    public async Task Token_fails_card_is_rejected_at_card_confirm_with_the_right_code_and_stays_unregistered()
    {
        var phone = Cards.PhoneOf(Cards.TokenFailsPan);
        var cardId = (await gateway.Ok("paysys.card_registration",
            new { phone_number = phone, card_number = Cards.TokenFailsPan, card_expire = FailureExpiry }))["id"]!.GetValue<string>();
        await SeedOtherActivity();
        var before = await Snapshot();

        await gateway.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp }, -32307);
        await ShouldBeUnchanged(before);

        await gateway.Error("pam.prepare_payment", ByCardId(cardId, phone), -32301);
        await ShouldBeUnchanged(before);
    }

    [Fact]
    public async Task Token_fails_card_is_rejected_at_confirm_payment_with_save_and_nothing_moves()
    {
        var phone = Cards.PhoneOf(Cards.TokenFailsPan);
        var parameters = ByCardNumber(Cards.TokenFailsPan, FailureExpiry, phone);
        parameters["save"] = true;
        var bankTransactionId = await Prepare(parameters);
        var before = await Snapshot();

        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }, -32307);

        await ShouldBeUnchanged(before);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
    }

    [Fact]
    public async Task Token_fails_card_pays_with_an_otp_when_nothing_is_saved()
    {
        var before = await gateway.Balance(Cards.TokenFailsPan);
        var bankTransactionId = await Prepare(ByCardNumber(Cards.TokenFailsPan, FailureExpiry, Cards.PhoneOf(Cards.TokenFailsPan)));

        var result = await ConfirmPayment(bankTransactionId);

        result.ContainsKey("card").Should().BeFalse();
        (await gateway.Balance(Cards.TokenFailsPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Registration_fails_card_leaves_no_card_behind()
    {
        var phone = Cards.PhoneOf(Cards.RegistrationFailsPan);
        var before = await Snapshot();

        await gateway.Error("paysys.card_registration", new { phone_number = phone, card_number = Cards.RegistrationFailsPan, card_expire = FailureExpiry }, -32306);
        await gateway.Error("paysys.card_registration", new { phone_number = phone, card_number = Cards.RegistrationFailsPan, card_expire = FailureExpiry }, -32306);

        await ShouldBeUnchanged(before);
        (await gateway.Sms()).Should().BeEmpty("no code is sent for a registration that failed");
    }

    [Fact]
    public async Task Slow_card_completes_registration_and_payment()
    {
        var phone = Cards.PhoneOf(Cards.SlowPan);
        var (cardId, token) = await gateway.RegisterCard(Cards.SlowPan, FailureExpiry, phone);
        token.Should().NotBeNullOrEmpty();
        var before = await gateway.Balance(Cards.SlowPan);

        var bankTransactionId = await Prepare(ByCardId(cardId, phone));
        await ConfirmPayment(bankTransactionId);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.SlowPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Slow_card_answers_only_after_the_configured_delay_on_the_clock()
    {
        using var slow = SandboxFactory.WithFixedOtp(new Dictionary<string, string?> { ["Sandbox:SlowCardDelayMs"] = SlowDelayMs.ToString(CultureInfo.InvariantCulture) });
        var client = slow.CreateGateway();
        var warmUp = await DriveClock(slow, client.Call("paysys.card_registration",
            new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry }));
        warmUp.Response["error"].Should().BeNull();

        var (response, elapsed) = await DriveClock(slow, client.Call("paysys.card_registration",
            new { phone_number = Cards.PhoneOf(Cards.SlowPan), card_number = Cards.SlowPan, card_expire = FailureExpiry }));

        response["error"].Should().BeNull();
        response["result"]!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
        elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(SlowDelayMs), "the answer waits for the slow-card delay");
    }

    /// <summary>Moves the fake real clock in 1 ms steps until <paramref name="call"/> answers; never waits on the wall clock.</summary>
    private static async Task<(JsonObject Response, TimeSpan Elapsed)> DriveClock(SandboxFactory factory, Task<JsonObject> call)
    {
        var started = factory.RealClock.GetUtcNow();
        for (var step = 0; !call.IsCompleted && step < 10 * SlowDelayMs; step++)
        {
            factory.RealClock.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Yield();
        }

        call.IsCompleted.Should().BeTrue("the call should answer once the clock passed the delay");
        return (await call, factory.RealClock.GetUtcNow() - started);
    }

    /// <summary>Unrelated state a rejected request must not touch: a completed payment and one awaiting its code.</summary>
    private async Task SeedOtherActivity()
    {
        var paid = await Prepare(ByCardNumber(Cards.HumoPan, "3012", Cards.HumoPhone));
        await ConfirmPayment(paid);
        await Prepare(ByCardNumber(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));
    }

    private async Task<TenantSnapshot> Snapshot()
    {
        var cards = (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray()
            .Select(c => $"{c!["pan"]}: balance {c["balance"]}, held {c["held"]}")
            .ToList();
        var transactions = (await gateway.Transactions())
            .Select(t => $"{t!["bank_transaction_id"]}: status {t["status"]}, amount {t["amount"]}, history {t["history"]!.ToJsonString()}")
            .ToList();
        return new TenantSnapshot(cards, transactions, (await gateway.Sms()).Count);
    }

    private async Task ShouldBeUnchanged(TenantSnapshot before)
    {
        var after = await Snapshot();
        after.Cards.Should().Equal(before.Cards, "a rejected request moves no money");
        after.Transactions.Should().Equal(before.Transactions, "a rejected request creates or changes no transaction");
        after.SmsCount.Should().Be(before.SmsCount, "a rejected request sends no SMS");
    }

    private async Task<long> Prepare(JsonObject parameters) =>
        (await gateway.Ok("pam.prepare_payment", parameters))["bank_transaction_id"]!.GetValue<long>();

    private Task<JsonObject> ConfirmPayment(long bankTransactionId) =>
        gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

    private static JsonObject ByCardNumber(string pan, string expiry, string phone, long amount = Amount) => new()
    {
        ["card_number"] = pan,
        ["card_expire"] = expiry,
        ["phone_number"] = phone,
        ["amount"] = amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "order-magic",
    };

    private static JsonObject ByCardId(string cardId, string phone) => new()
    {
        ["card_id"] = cardId,
        ["phone_number"] = phone,
        ["amount"] = Amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "order-magic",
    };

    private sealed record TenantSnapshot(IReadOnlyList<string> Cards, IReadOnlyList<string> Transactions, int SmsCount);
}
