using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The vendor's own request examples (paysys-docs/000_e76625faaf8bd4cc.txt), sent as written with the tenant's
/// virtual clock at the docs' date, must get answers with exactly the documented members and JSON value kinds.
/// Only values that must come from an earlier step (card id, codes, transaction numbers) are replaced.
/// </summary>
public sealed class DocsExamplesTests : IDisposable
{
    /// <summary>The docs' examples were made on 2022-02-24; the docs' card (expiry 2304) is valid then.</summary>
    private static readonly DateTimeOffset DocsDate = new(2022, 2, 24, 10, 0, 0, TimeSpan.Zero);

    private const string DocsCardId = "6A0A002A1289688F2CDA1F1C0686359C16";
    private const string DocsPayPan = "8601312960622192";

    // The docs' request examples, verbatim, from the one copy the contract tests use too.
    private static readonly string CardRegistrationRequest = DocumentedExamples.Request("paysys.card_registration");
    private static readonly string CardConfirmRequest = DocumentedExamples.Request("paysys.card_confirm");
    private static readonly string PreparePaymentByCardNumberRequest = DocumentedExamples.Request("pam.prepare_payment by card number");
    private static readonly string PreparePaymentByCardIdRequest = DocumentedExamples.Request("pam.prepare_payment by card id");
    private static readonly string ConfirmPaymentRequest = DocumentedExamples.Request("pam.confirm_payment");
    private static readonly string HoldConfirmRequest = DocumentedExamples.Request("hold.confirm");
    private static readonly string CheckPaymentRequest = DocumentedExamples.Request("pam.check_payment acquiring");
    private static readonly string PaymentRequest = DocumentedExamples.Request("pam.payment");
    private static readonly string ReverseRequest = DocumentedExamples.Request("transaction.reverse");

    private static readonly string[] EnvelopeMembers = ["id", "error", "result", "mx_id"];

    private static readonly (string Name, JsonValueKind Kind)[] PaymentDetailsShape =
    [
        ("id", JsonValueKind.String),
        ("masked_card_number", JsonValueKind.String),
        ("transaction_id", JsonValueKind.String),
        ("bank_transaction_id", JsonValueKind.String),
        ("reference_number", JsonValueKind.String),
        ("amount", JsonValueKind.Number),
        ("merchantId", JsonValueKind.String),
        ("terminalId", JsonValueKind.String),
        ("date", JsonValueKind.Number),
    ];

    private readonly SandboxFactory sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Card_registration_example_returns_id_masked_phone_and_time_out()
    {
        var gateway = await AtDocsDate();

        var (result, raw) = await Send(gateway, CardRegistrationRequest, "0d61b196-9575-11ec-b909-0242ac120002");

        ShouldHaveShape(result, ("id", JsonValueKind.String), ("masked_phone_number", JsonValueKind.String), ("time_out", JsonValueKind.Number));
        result.GetProperty("id").GetString().Should().MatchRegex("^[0-9A-F]{34}$");
        result.GetProperty("masked_phone_number").GetString().Should().Be("+99890*****50");
        raw.Should().Contain("\"+99890*****50\"", "the docs write the plus sign as is, not as \\u002B");
        result.GetProperty("time_out").GetInt32().Should().Be(120);
        var sms = await gateway.Control(HttpMethod.Get, $"sms?reference={result.GetProperty("id").GetString()}");
        sms["messages"]!.AsArray().Should().ContainSingle()
            .Which!["phone"]!.GetValue<string>().Should().Be(Cards.DocsPhone);
    }

    [Fact]
    public async Task Card_confirm_example_returns_token_and_card_data()
    {
        var gateway = await AtDocsDate();
        var cardId = await RegisterDocsCard(gateway);
        var code = await gateway.LatestCode(cardId);

        var (result, _) = await Send(gateway, CardConfirmRequest.Replace(DocsCardId, cardId, StringComparison.Ordinal).Replace("254004", code, StringComparison.Ordinal),
            "c183b8b2-9576-11ec-b909-0242ac120002");

        ShouldHaveShape(result, ("card_token", JsonValueKind.String), ("card_data", JsonValueKind.Object));
        result.GetProperty("card_token").GetString().Should().HaveLength(40);
        var data = result.GetProperty("card_data");
        ShouldHaveShape(data,
            ("id", JsonValueKind.String),
            ("username", JsonValueKind.String),
            ("pan", JsonValueKind.String),
            ("expiry", JsonValueKind.String),
            ("status", JsonValueKind.Number),
            ("phone", JsonValueKind.String),
            ("fullName", JsonValueKind.String),
            ("balance", JsonValueKind.Number),
            ("sms", JsonValueKind.True));
        data.GetProperty("id").GetString().Should().Be(cardId);
        data.GetProperty("username").GetString().Should().Be("aloqa");
        data.GetProperty("pan").GetString().Should().Be("860033******9500");
        data.GetProperty("expiry").GetString().Should().Be("2304");
        data.GetProperty("status").GetInt32().Should().Be(0);
        data.GetProperty("phone").GetString().Should().Be(Cards.DocsPhone);
        data.GetProperty("fullName").GetString().Should().Be("TEST TEST2");
        data.GetProperty("balance").GetInt64().Should().Be(await gateway.Balance(Cards.DocsPan));
    }

    [Fact]
    public async Task Prepare_payment_example_by_card_number_returns_number_id_masked_phone_and_time_out()
    {
        var gateway = await AtDocsDate();
        var transactionsBefore = await TransactionCount(gateway);

        var (result, _) = await Send(gateway, PreparePaymentByCardNumberRequest, "bb2656ec-955c-11ec-b909-0242ac120002");

        ShouldHaveShape(result,
            ("bank_transaction_id", JsonValueKind.Number),
            ("masked_phone_number", JsonValueKind.String),
            ("time_out", JsonValueKind.Number));
        result.GetProperty("masked_phone_number").GetString().Should().Be("+99890*****50");
        result.GetProperty("time_out").GetInt32().Should().Be(120);
        var transaction = await gateway.Transaction(result.GetProperty("bank_transaction_id").GetInt64());
        transaction["status"]!.GetValue<int>().Should().Be(1);
        transaction["amount"]!.GetValue<long>().Should().Be(100_000);
        (await TransactionCount(gateway)).Should().Be(transactionsBefore + 1);
    }

    [Fact]
    public async Task Prepare_payment_example_by_card_id_returns_number_id_masked_phone_and_time_out()
    {
        var gateway = await AtDocsDate();
        var (cardId, _) = await RegisterAndConfirmDocsCard(gateway);

        var (result, _) = await Send(gateway, PreparePaymentByCardIdRequest.Replace(DocsCardId, cardId, StringComparison.Ordinal),
            "bb2656ec-955c-11ec-b909-0242ac120002");

        ShouldHaveShape(result,
            ("bank_transaction_id", JsonValueKind.Number),
            ("masked_phone_number", JsonValueKind.String),
            ("time_out", JsonValueKind.Number));
        result.GetProperty("masked_phone_number").GetString().Should().Be("+99890*****50");
        result.GetProperty("time_out").GetInt32().Should().Be(120);
        var transaction = await gateway.Transaction(result.GetProperty("bank_transaction_id").GetInt64());
        transaction["status"]!.GetValue<int>().Should().Be(1);
        transaction["masked_card_number"]!.GetValue<string>().Should().Be("860033******9500");
    }

    [Fact]
    public async Task Confirm_payment_example_returns_details_with_string_ids_and_the_saved_card()
    {
        var gateway = await AtDocsDate();
        var balanceBefore = await gateway.Balance(DocsPayPan);
        var bankTransactionId = await PrepareDocsPayment(gateway);
        var code = await gateway.LatestCode(Text(bankTransactionId));

        var (result, _) = await Send(gateway, ConfirmPaymentRequest
                .Replace("1485295", Text(bankTransactionId), StringComparison.Ordinal)
                .Replace("253890", code, StringComparison.Ordinal),
            "67f922e4-955f-11ec-b909-0242ac120002");

        ShouldHaveShape(result, ("details", JsonValueKind.Object), ("card", JsonValueKind.Object));
        var details = result.GetProperty("details");
        ShouldHaveShape(details, PaymentDetailsShape);
        details.GetProperty("id").GetString().Should().MatchRegex("^[0-9]+$");
        details.GetProperty("masked_card_number").GetString().Should().Be("860131******2192");
        details.GetProperty("transaction_id").GetString().Should().MatchRegex("^[0-9]+$");
        details.GetProperty("bank_transaction_id").GetString().Should().Be(Text(bankTransactionId));
        details.GetProperty("reference_number").GetString().Should().MatchRegex("^[0-9]{12}$");
        details.GetProperty("amount").GetInt64().Should().Be(100_000);
        details.GetProperty("merchantId").GetString().Should().Be("900000000");
        details.GetProperty("terminalId").GetString().Should().Be("97000000");
        details.GetProperty("date").GetInt64().Should().Be(DocsDate.ToUnixTimeSeconds());

        var card = result.GetProperty("card");
        ShouldHaveShape(card, ("id", JsonValueKind.String), ("token", JsonValueKind.String));
        card.GetProperty("id").GetString().Should().MatchRegex("^[0-9A-F]{34}$");
        card.GetProperty("token").GetString().Should().MatchRegex("^[0-9a-f]{40}$");

        // The docs' request holds the amount (hold: true): it leaves the balance and sits in held.
        (await gateway.Balance(DocsPayPan)).Should().Be(balanceBefore - 100_000);
        (await gateway.Held(DocsPayPan)).Should().Be(100_000);
        (await gateway.Transaction(bankTransactionId))["status"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public async Task Hold_confirm_example_accepts_the_held_payment_and_returns_a_number_status()
    {
        var gateway = await AtDocsDate();
        var balanceBefore = await gateway.Balance(DocsPayPan);
        var bankTransactionId = await PrepareDocsPayment(gateway);
        await ConfirmDocsPayment(gateway, bankTransactionId);

        var (result, _) = await Send(gateway, HoldConfirmRequest.Replace("108137783", Text(bankTransactionId), StringComparison.Ordinal),
            "bb2656ec-955c-11ec-b909-0242ac120002");

        ShouldHaveShape(result, ("status", JsonValueKind.Number));
        result.GetProperty("status").GetInt32().Should().Be(2);
        (await gateway.Balance(DocsPayPan)).Should().Be(balanceBefore - 100_000);
        (await gateway.Held(DocsPayPan)).Should().Be(0);
        (await gateway.Transaction(bankTransactionId))["status"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Check_payment_example_returns_string_id_string_status_and_number_amount()
    {
        var gateway = await AtDocsDate();
        var bankTransactionId = await PrepareDocsPayment(gateway);
        await ConfirmDocsPayment(gateway, bankTransactionId);
        await Send(gateway, HoldConfirmRequest.Replace("108137783", Text(bankTransactionId), StringComparison.Ordinal),
            "bb2656ec-955c-11ec-b909-0242ac120002");

        var (result, _) = await Send(gateway, CheckPaymentRequest.Replace("586151", Text(bankTransactionId), StringComparison.Ordinal),
            "e4db6fae-4e58-4469-b442-092ee2ff3370");

        ShouldHaveShape(result,
            ("bank_transaction_id", JsonValueKind.String),
            ("status", JsonValueKind.String),
            ("amount", JsonValueKind.Number));
        result.GetProperty("bank_transaction_id").GetString().Should().Be(Text(bankTransactionId));
        result.GetProperty("status").GetString().Should().Be("2");
        result.GetProperty("amount").GetInt64().Should().Be(100_000);
    }

    [Fact]
    public async Task Payment_example_with_card_token_returns_details_with_the_card_id()
    {
        var gateway = await AtDocsDate();
        var (cardId, token) = await RegisterAndConfirmDocsCard(gateway);
        var balanceBefore = await gateway.Balance(Cards.DocsPan);

        var (result, _) = await Send(gateway, PaymentRequest.Replace(DocsCardId, cardId, StringComparison.Ordinal),
            "77051b9a-f12f-40b0-8ad6-4805ce6121d6", token);

        ShouldHaveShape(result, ("details", JsonValueKind.Object));
        var details = result.GetProperty("details");
        ShouldHaveShape(details, PaymentDetailsShape);
        details.GetProperty("id").GetString().Should().Be(cardId, "the docs' example reports the card id as details.id");
        details.GetProperty("masked_card_number").GetString().Should().Be("860033******9500");
        details.GetProperty("amount").GetInt64().Should().Be(100_000);
        details.GetProperty("date").GetInt64().Should().Be(DocsDate.ToUnixTimeSeconds());
        (await gateway.Balance(Cards.DocsPan)).Should().Be(balanceBefore - 100_000);
        var bankTransactionId = long.Parse(details.GetProperty("bank_transaction_id").GetString()!, CultureInfo.InvariantCulture);
        (await gateway.Transaction(bankTransactionId))["status"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Reverse_example_returns_number_transaction_id_and_string_ref_num_and_credits_the_card()
    {
        var gateway = await AtDocsDate();
        var (cardId, token) = await RegisterAndConfirmDocsCard(gateway);
        var balanceBefore = await gateway.Balance(Cards.DocsPan);
        var (paid, _) = await Send(gateway, PaymentRequest.Replace(DocsCardId, cardId, StringComparison.Ordinal),
            "77051b9a-f12f-40b0-8ad6-4805ce6121d6", token);
        var transactionId = paid.GetProperty("details").GetProperty("transaction_id").GetString()!;
        (await gateway.Balance(Cards.DocsPan)).Should().Be(balanceBefore - 100_000);

        var (result, _) = await Send(gateway, ReverseRequest.Replace("7508737", transactionId, StringComparison.Ordinal),
            "77051b9a-f12f-40b0-8ad6-4805ce6121d6");

        ShouldHaveShape(result, ("transaction_id", JsonValueKind.Number), ("ref_num", JsonValueKind.String));
        result.GetProperty("transaction_id").GetInt64().Should().Be(long.Parse(transactionId, CultureInfo.InvariantCulture));
        result.GetProperty("ref_num").GetString().Should().MatchRegex("^[0-9]{12}$");
        (await gateway.Balance(Cards.DocsPan)).Should().Be(balanceBefore);
        var bankTransactionId = long.Parse(paid.GetProperty("details").GetProperty("bank_transaction_id").GetString()!, CultureInfo.InvariantCulture);
        (await gateway.Transaction(bankTransactionId))["status"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task On_the_real_clock_the_docs_card_has_expired_so_the_clock_must_be_set()
    {
        var gateway = sandbox.CreateGateway();
        var clock = await gateway.Control(HttpMethod.Get, "clock");
        clock["now"]!.GetValue<long>().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds(), "the virtual clock starts at real time (2026)");

        var response = await SendEnvelope(gateway, CardRegistrationRequest);

        response.GetProperty("id").GetString().Should().Be("0d61b196-9575-11ec-b909-0242ac120002");
        response.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
        var error = response.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(-32305);
        error.GetProperty("data").GetProperty("param").GetString().Should().Be("card_expire");
        response.GetProperty("mx_id").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Should().BeEmpty("an expired card gets no code");

        await gateway.SetClock(DocsDate);
        var (result, _) = await Send(gateway, CardRegistrationRequest, "0d61b196-9575-11ec-b909-0242ac120002");
        result.GetProperty("id").GetString().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    private async Task<GatewayClient> AtDocsDate()
    {
        var gateway = sandbox.CreateGateway();
        var clock = await gateway.SetClock(DocsDate);
        clock["now"]!.GetValue<long>().Should().Be(DocsDate.ToUnixTimeSeconds());
        return gateway;
    }

    private static async Task<string> RegisterDocsCard(GatewayClient gateway)
    {
        var (result, _) = await Send(gateway, CardRegistrationRequest, "0d61b196-9575-11ec-b909-0242ac120002");
        return result.GetProperty("id").GetString()!;
    }

    private static async Task<(string CardId, string Token)> RegisterAndConfirmDocsCard(GatewayClient gateway)
    {
        var cardId = await RegisterDocsCard(gateway);
        var code = await gateway.LatestCode(cardId);
        var (result, _) = await Send(gateway, CardConfirmRequest.Replace(DocsCardId, cardId, StringComparison.Ordinal).Replace("254004", code, StringComparison.Ordinal),
            "c183b8b2-9576-11ec-b909-0242ac120002");
        return (cardId, result.GetProperty("card_token").GetString()!);
    }

    private static async Task<long> PrepareDocsPayment(GatewayClient gateway)
    {
        var (result, _) = await Send(gateway, PreparePaymentByCardNumberRequest, "bb2656ec-955c-11ec-b909-0242ac120002");
        return result.GetProperty("bank_transaction_id").GetInt64();
    }

    private static async Task ConfirmDocsPayment(GatewayClient gateway, long bankTransactionId)
    {
        var code = await gateway.LatestCode(Text(bankTransactionId));
        await Send(gateway, ConfirmPaymentRequest
                .Replace("1485295", Text(bankTransactionId), StringComparison.Ordinal)
                .Replace("253890", code, StringComparison.Ordinal),
            "67f922e4-955f-11ec-b909-0242ac120002");
    }

    /// <summary>Sends a docs request; asserts the success envelope (echoed id, null error, fresh mx_id); returns result and the raw body.</summary>
    private static async Task<(JsonElement Result, string Raw)> Send(GatewayClient gateway, string body, string expectedId, string? cardToken = null)
    {
        var (response, raw) = await SendRaw(gateway, body, cardToken);
        response.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(EnvelopeMembers);
        response.GetProperty("id").ValueKind.Should().Be(JsonValueKind.String);
        response.GetProperty("id").GetString().Should().Be(expectedId);
        response.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null, "the docs' example should succeed: {0}", raw);
        response.GetProperty("mx_id").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        var result = response.GetProperty("result");
        result.ValueKind.Should().Be(JsonValueKind.Object);
        return (result, raw);
    }

    private static async Task<JsonElement> SendEnvelope(GatewayClient gateway, string body) => (await SendRaw(gateway, body, null)).Response;

    private static async Task<(JsonElement Response, string Raw)> SendRaw(GatewayClient gateway, string body, string? cardToken)
    {
        var headers = new Dictionary<string, string> { ["Auth"] = gateway.SignNow() };
        if (cardToken is not null)
        {
            headers["Card-Token"] = cardToken;
        }

        var (status, raw) = await gateway.PostRaw(body, headers);
        status.Should().Be(HttpStatusCode.OK, "JSON-RPC answers travel with HTTP 200: {0}", raw);
        using var document = JsonDocument.Parse(raw);
        return (document.RootElement.Clone(), raw);
    }

    /// <summary>Asserts an object has exactly these members, each of this JSON value kind.</summary>
    private static void ShouldHaveShape(JsonElement value, params (string Name, JsonValueKind Kind)[] members)
    {
        value.ValueKind.Should().Be(JsonValueKind.Object);
        value.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(members.Select(m => m.Name), "the docs' example has exactly these members");
        foreach (var (name, kind) in members)
        {
            value.GetProperty(name).ValueKind.Should().Be(kind, "the docs show {0} as a JSON {1}", name, kind);
        }
    }

    private static async Task<int> TransactionCount(GatewayClient gateway) =>
        (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Count;

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
