using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>transaction.reverse: cancels a completed or held transaction and returns the money (SPEC §4, §8).</summary>
public sealed class ReverseTests : IDisposable
{
    private const long Amount = 420_000;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public ReverseTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Reversing_a_completed_payment_returns_the_documented_result_and_the_money()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: false);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);

        var result = await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        result.Select(p => p.Key).Should().BeEquivalentTo(["transaction_id", "ref_num"]);
        result["transaction_id"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["transaction_id"]!.GetValue<long>().Should().Be(transactionId);
        result["ref_num"]!.GetValueKind().Should().Be(JsonValueKind.String);
        result["ref_num"]!.GetValue<string>().Should().MatchRegex("^[0-9]{12}$");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "paid", "reversed");
    }

    [Fact]
    public async Task Transaction_id_as_a_string_of_digits_is_accepted()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: false);

        var result = await gateway.Ok("transaction.reverse", new { transaction_id = transactionId.ToString(CultureInfo.InvariantCulture) });

        result["transaction_id"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        result["transaction_id"]!.GetValue<long>().Should().Be(transactionId);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
    }

    [Fact]
    public async Task Reversing_a_held_payment_releases_the_hold()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: true);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);

        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
    }

    [Fact]
    public async Task Reversing_an_accepted_hold_returns_the_captured_money()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: true);
        await gateway.Ok("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);

        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
    }

    [Fact]
    public async Task Reversing_a_hold_that_expired_into_a_cancel_is_rejected_with_32313()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: true, afterExpired: "cancel");
        await gateway.AdvanceClock(3601);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);

        await gateway.Error("transaction.reverse", new { transaction_id = transactionId }, -32313);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "the released hold is not credited a second time");
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
    }

    [Fact]
    public async Task Reversing_a_token_payment_returns_the_money()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.HumoPan, "3012", Cards.HumoPhone);
        var before = await gateway.Balance(Cards.HumoPan);
        var paid = await gateway.Ok("pam.payment",
            new { card_id = cardId, phone_number = Cards.HumoPhone, amount = Amount, vendor_id = Cards.VendorId, product = "order-1" },
            new Dictionary<string, string> { ["Card-Token"] = token! });
        var transactionId = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        (await gateway.Balance(Cards.HumoPan)).Should().Be(before);
    }

    [Fact]
    public async Task Reversing_twice_is_rejected_with_32313_and_credits_once()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: false);
        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        await gateway.Error("transaction.reverse", new { transaction_id = transactionId }, -32313);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
    }

    [Fact]
    public async Task Reversing_a_transaction_awaiting_its_code_is_rejected_with_32312()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(hold: false);
        var transactionId = (await gateway.Transaction(bankTransactionId))["transaction_id"]!.GetValue<long>();

        await gateway.Error("transaction.reverse", new { transaction_id = transactionId }, -32312);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("1");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);

        // Still confirmable: the rejected reverse changed nothing.
        await Confirm(bankTransactionId);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
    }

    [Fact]
    public async Task Reversing_a_failed_transaction_is_rejected_with_32312()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(hold: false);
        var transactionId = (await gateway.Transaction(bankTransactionId))["transaction_id"]!.GetValue<long>();
        await gateway.AdvanceClock(121);

        await gateway.Error("transaction.reverse", new { transaction_id = transactionId }, -32312);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("-1");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "a failed payment has nothing to give back");
    }

    [Fact]
    public async Task Unknown_transaction_id_is_rejected_with_32314()
    {
        var (_, transactionId) = await Pay(hold: false);
        var before = await gateway.Balance(Cards.UzcardPan);

        var error = await gateway.Error("transaction.reverse", new { transaction_id = transactionId + 1000 }, -32314);

        error["data"]!["param"]!.GetValue<string>().Should().Be("transaction_id");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
    }

    [Fact]
    public async Task Bank_transaction_id_is_not_a_transaction_id()
    {
        var (bankTransactionId, _) = await Pay(hold: false);
        var before = await gateway.Balance(Cards.UzcardPan);

        await gateway.Error("transaction.reverse", new { transaction_id = bankTransactionId }, -32314);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("2");
    }

    [Theory]
    [InlineData("\"7508737x\"")]
    [InlineData("0")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task Transaction_id_that_is_not_an_integer_or_digits_is_rejected_with_32300(string idJson)
    {
        var error = await gateway.Error("transaction.reverse", new JsonObject { ["transaction_id"] = JsonNode.Parse(idJson) }, -32300);

        error["data"]!["param"]!.GetValue<string>().Should().Be("transaction_id");
    }

    [Fact]
    public async Task After_reversing_a_held_payment_hold_confirm_is_rejected_with_32313()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: true);
        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "accept" }, -32313);
        await gateway.Error("hold.confirm", new { bank_transaction_id = bankTransactionId, status = "cancel" }, -32313);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Fact]
    public async Task After_reversing_confirm_payment_is_rejected_with_32313()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: false);
        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }, -32313);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
    }

    [Fact]
    public async Task A_reversed_hold_does_not_expire_later()
    {
        var before = await gateway.Balance(Cards.UzcardPan);
        var (bankTransactionId, transactionId) = await Pay(hold: true, afterExpired: "accept");
        await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        await gateway.AdvanceClock(3601);

        (await gateway.PaymentStatus(bankTransactionId)).Should().Be("3");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        var history = (await gateway.Transaction(bankTransactionId))["history"]!.AsArray();
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "held", "reversed");
    }

    private async Task<(long BankTransactionId, long TransactionId)> Pay(bool hold, string? afterExpired = null)
    {
        var bankTransactionId = await Prepare(hold, afterExpired);
        var details = (await Confirm(bankTransactionId))["details"]!;
        var transactionId = long.Parse(details["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return (bankTransactionId, transactionId);
    }

    private async Task<long> Prepare(bool hold, string? afterExpired = null)
    {
        var parameters = new JsonObject
        {
            ["card_number"] = Cards.UzcardPan,
            ["card_expire"] = Cards.UzcardExpiry,
            ["phone_number"] = Cards.UzcardPhone,
            ["amount"] = Amount,
            ["vendor_id"] = Cards.VendorId,
            ["product"] = "order-reverse",
            ["hold"] = hold,
        };
        if (afterExpired is not null)
        {
            parameters["holding_time"] = 3600;
            parameters["after_expired"] = afterExpired;
        }

        return (await gateway.Ok("pam.prepare_payment", parameters))["bank_transaction_id"]!.GetValue<long>();
    }

    private Task<JsonObject> Confirm(long bankTransactionId) =>
        gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
}
