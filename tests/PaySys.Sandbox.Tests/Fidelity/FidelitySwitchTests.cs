using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Fidelity;

/// <summary>
/// The per-tenant fidelity switches (docs/fidelity.md, issue 21 items 3 and 5): each one both ways, set by the
/// options for the default merchant and per tenant with PUT /_sandbox/fidelity; a reset restores the configured ones.
/// </summary>
public sealed class FidelitySwitchTests : IDisposable
{
    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public FidelitySwitchTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Defaults_are_todays_behaviour()
    {
        var view = await gateway.Control(HttpMethod.Get, "fidelity");

        view.ToJsonString().Should().Be(
            """{"digit_string_numbers":false,"reversal_window_days":0,"refuse_repeated_order_id":false,"milliseconds_only":false}""");
    }

    [Fact]
    public async Task A_digit_string_amount_is_32300_by_default()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var error = await gateway.Error("pam.payment", Order(cardId, JsonValue.Create("100000")), -32300, WithToken(token!));

        error["data"]!["param"]!.GetValue<string>().Should().Be("amount");
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Digit_strings_switched_on_are_read_as_numbers()
    {
        await gateway.Control(HttpMethod.Put, "fidelity", new { digit_string_numbers = true });
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var before = await gateway.Balance(Cards.UzcardPan);

        var paid = await gateway.Ok("pam.payment", Order(cardId, JsonValue.Create("100000")), WithToken(token!));
        var invoice = await gateway.Ok("paysys.invoice_create", Invoice("order-1", JsonValue.Create("1000.22"), paymentId: JsonValue.Create("-1")));

        paid["details"]!["amount"]!.GetValue<long>().Should().Be(100_000);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 100_000);
        invoice["amount"]!.GetValue<string>().Should().Be("1000.22");
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("-100")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task Digit_strings_switched_on_still_refuse_what_is_not_digits(string amount)
    {
        await gateway.Control(HttpMethod.Put, "fidelity", new { digit_string_numbers = true });
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

        var error = await gateway.Error("pam.payment", Order(cardId, JsonValue.Create(amount)), -32300, WithToken(token!));

        error["data"]!["param"]!.GetValue<string>().Should().Be("amount");
    }

    [Fact]
    public async Task The_option_sets_digit_strings_for_the_default_merchant()
    {
        using var lenient = SandboxFactory.WithFixedOtp(new Dictionary<string, string?> { ["Sandbox:NumbersAsDigitStrings"] = "true" });
        var client = lenient.CreateGateway();

        var result = await client.Ok("pam.pay_by_cash", new { vendor_form = new { account = "79123456789", amount = "12000", vendor_id = 101596 } });

        result["details"]!["amount"]!.GetValue<long>().Should().Be(12_000);
        (await client.Control(HttpMethod.Get, "fidelity"))["digit_string_numbers"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Without_a_reversal_window_an_old_payment_is_reversed()
    {
        var transactionId = await PayByToken();
        await gateway.Control(HttpMethod.Post, "clock", new { advance_seconds = 30 * 86_400 });

        var reversed = await gateway.Ok("transaction.reverse", new { transaction_id = transactionId });

        reversed["transaction_id"]!.GetValue<long>().Should().Be(transactionId);
    }

    [Fact]
    public async Task A_reversal_window_refuses_a_reversal_after_it_and_allows_one_inside_it()
    {
        await gateway.Control(HttpMethod.Put, "fidelity", new { reversal_window_days = 7 });
        var late = await PayByToken();
        var inTime = await PayByToken();
        await gateway.Control(HttpMethod.Post, "clock", new { advance_seconds = (6 * 86_400) + 82_800 });

        await gateway.Ok("transaction.reverse", new { transaction_id = inTime });
        await gateway.Control(HttpMethod.Post, "clock", new { advance_seconds = 3_601 });
        var error = await gateway.Error("transaction.reverse", new { transaction_id = late }, -32312);

        error["message"]!.GetValue<string>().Should().Contain("reversal window").And.Contain("7 days");
        (await gateway.PaymentStatus(await BankTransactionId(late))).Should().Be("2", "a refused reversal changes nothing");
    }

    [Fact]
    public async Task The_option_sets_the_reversal_window_and_a_reset_keeps_it()
    {
        using var windowed = SandboxFactory.WithFixedOtp(new Dictionary<string, string?> { ["Sandbox:ReversalWindowDays"] = "1" });
        var client = windowed.CreateGateway();
        await client.Control(HttpMethod.Put, "fidelity", new { reversal_window_days = 0 });

        await client.Control(HttpMethod.Post, "reset");

        (await client.Control(HttpMethod.Get, "fidelity"))["reversal_window_days"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_repeated_order_id_makes_a_new_invoice_by_default()
    {
        var first = await gateway.Ok("paysys.invoice_create", Invoice("order-7", JsonValue.Create(1000.22m)));
        var second = await gateway.Ok("paysys.invoice_create", Invoice("order-7", JsonValue.Create(1000.22m)));

        second["id"]!.GetValue<long>().Should().NotBe(first["id"]!.GetValue<long>());
        second["hash"]!.GetValue<string>().Should().NotBe(first["hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_repeated_order_id_is_32312_when_refused_and_a_new_one_still_works()
    {
        await gateway.Control(HttpMethod.Put, "fidelity", new { refuse_repeated_order_id = true });
        var first = await gateway.Ok("paysys.invoice_create", Invoice("order-7", JsonValue.Create(1000.22m)));

        var error = await gateway.Error("paysys.invoice_create", Invoice("order-7", JsonValue.Create(5m)), -32312);
        await gateway.Ok("paysys.invoice_create", Invoice("order-8", JsonValue.Create(5m)));

        error["message"]!.GetValue<string>().Should().Contain(first["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Second_timestamps_are_accepted_by_default_and_refused_when_milliseconds_only()
    {
        var request = """{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""";
        var before = await gateway.PostRaw(request, new Dictionary<string, string> { ["Auth"] = gateway.SignNow(seconds: true) });

        await gateway.Control(HttpMethod.Put, "fidelity", new { milliseconds_only = true });
        var seconds = await gateway.PostRaw(request, new Dictionary<string, string> { ["Auth"] = gateway.SignNow(seconds: true) });
        var milliseconds = await gateway.PostRaw(request, new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        ErrorCode(before.Body).Should().Be(-32314, "the seconds signature passed and the unknown transaction answered");
        ErrorCode(seconds.Body).Should().Be(-32504);
        JsonNode.Parse(seconds.Body)!["error"]!["message"]!.GetValue<string>().Should().Contain("milliseconds");
        ErrorCode(milliseconds.Body).Should().Be(-32314);
    }

    [Fact]
    public async Task Milliseconds_only_for_one_tenant_leaves_the_others_alone()
    {
        using var open = SandboxFactory.WithFixedOtp(new Dictionary<string, string?> { ["Sandbox:OpenTenants"] = "true" });
        var strict = open.CreateGateway("fid.strict");
        var lenient = open.CreateGateway("fid.lenient");
        var request = """{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""";
        // An open tenant exists from its first signed call on.
        await strict.PostRaw(request, new Dictionary<string, string> { ["Auth"] = strict.SignNow() });
        await lenient.PostRaw(request, new Dictionary<string, string> { ["Auth"] = lenient.SignNow() });
        await strict.Control(HttpMethod.Put, "fidelity", new { milliseconds_only = true });

        var refused = await strict.PostRaw(request, new Dictionary<string, string> { ["Auth"] = strict.SignNow(seconds: true) });
        var accepted = await lenient.PostRaw(request, new Dictionary<string, string> { ["Auth"] = lenient.SignNow(seconds: true) });

        ErrorCode(refused.Body).Should().Be(-32504);
        ErrorCode(accepted.Body).Should().Be(-32314);
    }

    [Theory]
    [InlineData("""{"reversal_window_days": -1}""")]
    [InlineData("""{"reversal_window_days": 3651}""")]
    [InlineData("""{"digit_string_numbers": "yes"}""")]
    [InlineData("[]")]
    public async Task A_bad_change_is_400_and_changes_nothing(string body)
    {
        var (status, text) = await gateway.ControlRaw(HttpMethod.Put, "fidelity", body);

        status.Should().Be(HttpStatusCode.BadRequest, text);
        (await gateway.Control(HttpMethod.Get, "fidelity"))["reversal_window_days"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_put_changes_only_what_it_sends_and_a_reset_restores_the_configured_switches()
    {
        await gateway.Control(HttpMethod.Put, "fidelity", new { digit_string_numbers = true });
        var changed = await gateway.Control(HttpMethod.Put, "fidelity", new { refuse_repeated_order_id = true });

        await gateway.Control(HttpMethod.Post, "reset");
        var reset = await gateway.Control(HttpMethod.Get, "fidelity");

        changed["digit_string_numbers"]!.GetValue<bool>().Should().BeTrue();
        changed["refuse_repeated_order_id"]!.GetValue<bool>().Should().BeTrue();
        reset["digit_string_numbers"]!.GetValue<bool>().Should().BeFalse();
        reset["refuse_repeated_order_id"]!.GetValue<bool>().Should().BeFalse();
    }

    private static int ErrorCode(string body) => JsonNode.Parse(body)!["error"]!["code"]!.GetValue<int>();

    private async Task<long> PayByToken()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var paid = await gateway.Ok("pam.payment", Order(cardId, JsonValue.Create(10_000)), WithToken(token!));
        return long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private async Task<long> BankTransactionId(long transactionId) =>
        (await gateway.Transactions()).Single(t => t!["transaction_id"]!.GetValue<long>() == transactionId)!["bank_transaction_id"]!.GetValue<long>();

    private static Dictionary<string, string> WithToken(string token) => new() { ["Card-Token"] = token };

    private static JsonObject Order(string cardId, JsonNode amount) => new()
    {
        ["card_id"] = cardId,
        ["phone_number"] = Cards.UzcardPhone,
        ["amount"] = amount,
        ["vendor_id"] = Cards.VendorId,
        ["product"] = "5d1a3442-d031-4683-8d77-165c4cfc8a9b",
    };

    private static JsonObject Invoice(string orderId, JsonNode amount, JsonNode? paymentId = null) => new()
    {
        ["order_id"] = orderId,
        ["vendor_id"] = 104466,
        ["payment_id"] = paymentId ?? JsonValue.Create(-1),
        ["currency"] = "UZS",
        ["amount"] = amount,
        ["order_note"] = "Payment for tickets",
    };
}
