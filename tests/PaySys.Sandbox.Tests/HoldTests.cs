using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>hold=true payments, hold.confirm and hold expiry on the virtual clock (SPEC §7, §8, §9).</summary>
public sealed class HoldTests : IDisposable
{
    private const long Amount = 300_000;
    private const long DefaultHoldingTime = 604_800;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public HoldTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Confirming_a_hold_payment_holds_the_amount_with_status_7()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();

        var result = await Confirm(bankTransactionId);

        result["details"]!["amount"]!.GetValue<long>().Should().Be(Amount);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("7");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount, "the available balance drops by the held amount");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "held");
    }

    [Fact]
    public async Task Accept_captures_the_hold_and_answers_status_2_as_a_number()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);

        var result = await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" });

        result.Select(p => p.Key).Should().BeEquivalentTo(["status"]);
        result["status"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["status"]!.GetValue<int>().Should().Be(2);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Cancel_releases_the_hold_and_answers_status_3()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);

        // The docs send bank_transaction_id as a string here.
        var result = await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), status = "cancel" });

        result["status"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["status"]!.GetValue<int>().Should().Be(3);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
    }

    [Fact]
    public async Task Hold_confirm_on_a_completed_transaction_is_rejected_with_32312()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(ByCardNumber(hold: false));
        await Confirm(bankTransactionId);

        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" }, -32312);
        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "cancel" }, -32312);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Fact]
    public async Task Hold_confirm_twice_is_rejected_with_32312_after_accept()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);
        await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" });

        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "cancel" }, -32312);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount, "a rejected cancel releases nothing");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Fact]
    public async Task Hold_confirm_on_a_cancelled_transaction_is_rejected_with_32313()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);
        await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "cancel" });

        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" }, -32313);
        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "cancel" }, -32313);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "the release happened exactly once");
    }

    [Fact]
    public async Task Hold_confirm_on_a_transaction_awaiting_its_code_is_rejected_with_32312()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();

        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" }, -32312);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Fact]
    public async Task Hold_confirm_on_an_unknown_transaction_is_rejected_with_32314()
    {
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);

        var error = await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId + 1000, status = "accept" }, -32314);

        error["data"]!["param"]!.GetValue<string>().Should().Be("bank_transaction_id");
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("7");
    }

    [Theory]
    [InlineData("\"confirm\"")]
    [InlineData("\"ACCEPT\"")]
    [InlineData("\"\"")]
    [InlineData("2")]
    [InlineData("null")]
    public async Task Status_other_than_accept_or_cancel_is_rejected_with_32300(string statusJson)
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);

        var error = await gateway.Error("hold.confirm",
            new JsonObject { ["bank_transaction_id"] = bankTransactionId, ["status"] = JsonNode.Parse(statusJson) }, -32300);

        error["data"]!["param"]!.GetValue<string>().Should().Be("status");
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("7");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);
    }

    [Fact]
    public async Task Expired_hold_with_after_expired_accept_is_captured()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold(holdingTime: 3600, afterExpired: "accept");
        await Confirm(bankTransactionId);

        await gateway.AdvanceClock(3599);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("7");
        await gateway.AdvanceClock(2);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "held", "hold_expired_accepted");
        history[^1]!["status"]!.GetValue<int>().Should().Be(2);
        history[^1]!["at"]!.GetValue<long>().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds() + 3600, "the hold expired at its own due time");
    }

    [Fact]
    public async Task Expired_hold_with_after_expired_cancel_is_released()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold(holdingTime: 3600, afterExpired: "cancel");
        await Confirm(bankTransactionId);

        await gateway.AdvanceClock(3601);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "held", "hold_expired_cancelled");
        history[^1]!["status"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Expired_hold_without_after_expired_is_cancelled_by_default()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold(holdingTime: 3600);
        await Confirm(bankTransactionId);

        await gateway.AdvanceClock(3601);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history[^1]!["event"]!.GetValue<string>().Should().Be("hold_expired_cancelled");
    }

    [Fact]
    public async Task Default_holding_time_is_604800_seconds()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold();
        await Confirm(bankTransactionId);

        await gateway.AdvanceClock(DefaultHoldingTime - 1);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("7");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);

        await gateway.AdvanceClock(2);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
    }

    [Fact]
    public async Task Right_after_the_clock_moves_the_card_shows_the_released_hold_and_the_history_its_expiry()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold(holdingTime: 60);
        await Confirm(bankTransactionId);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);

        var clock = await gateway.AdvanceClock(61);
        var card = await gateway.Card(Cards.UzcardPan);

        clock["offset_seconds"]!.GetValue<long>().Should().Be(61);
        card["held"]!.GetValue<long>().Should().Be(0);
        card["balance"]!.GetValue<long>().Should().Be(before);
        var transaction = await gateway.Transaction(bankTransactionId);
        transaction["status"]!.GetValue<int>().Should().Be(3);
        transaction["history"]!.AsArray()[^1]!["event"]!.GetValue<string>().Should().Be("hold_expired_cancelled");
    }

    [Fact]
    public async Task Setting_the_clock_past_the_hold_expiry_applies_it_too()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold(holdingTime: 3600, afterExpired: "accept");
        await Confirm(bankTransactionId);

        await gateway.SetClock(SandboxFactory.Start.AddHours(2));

        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
    }

    [Fact]
    public async Task An_accepted_hold_does_not_expire_later()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await PrepareHold(holdingTime: 3600);
        await Confirm(bankTransactionId);
        await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" });

        await gateway.AdvanceClock(7200);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "held", "hold_accepted");
    }

    [Fact]
    public async Task Two_holds_on_one_card_add_up_and_resolve_independently()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var first = await PrepareHold();
        await Confirm(first);
        var second = await PrepareHold();
        await Confirm(second);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(2 * Amount);

        await gateway.Ok("hold.confirm", new { bank_transaction_id = first, status = "accept" });
        await gateway.Ok("hold.confirm", new { bank_transaction_id = second, status = "cancel" });

        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Invalid_holding_time_or_after_expired_is_rejected_with_32300_naming_it()
    {
        var badTime = ByCardNumber(hold: true);
        badTime["holding_time"] = 0;
        (await gateway.Error("pam.prepare_payment", badTime, -32300))["data"]!["param"]!.GetValue<string>().Should().Be("holding_time");

        var badAction = ByCardNumber(hold: true);
        badAction["after_expired"] = "refund";
        (await gateway.Error("pam.prepare_payment", badAction, -32300))["data"]!["param"]!.GetValue<string>().Should().Be("after_expired");

        (await gateway.Transactions()).Should().BeEmpty();
    }

    private async Task<long> PrepareHold(long? holdingTime = null, string? afterExpired = null)
    {
        var parameters = ByCardNumber(hold: true);
        if (holdingTime is { } seconds)
        {
            parameters["holding_time"] = seconds;
        }

        if (afterExpired is not null)
        {
            parameters["after_expired"] = afterExpired;
        }

        return await Prepare(parameters);
    }

    private async Task<long> Prepare(JsonObject parameters) =>
        (await gateway.Ok("pam.prepare_payment", parameters))["bank_transaction_id"]!.GetValue<long>();

    private Task<JsonObject> Confirm(long bankTransactionId) =>
        gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

    private static JsonObject ByCardNumber(bool hold) => new()
    {
        ["card_number"] = Cards.UzcardPan,
        ["card_expire"] = Cards.UzcardExpiry,
        ["phone_number"] = Cards.UzcardPhone,
        ["amount"] = Amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "order-hold",
        ["hold"] = hold,
    };
}
