using System.Net;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Snapshots;

/// <summary>GET/PUT /_sandbox/snapshot and named snapshots: export, reset, import answers every read as before.</summary>
public sealed class SnapshotTests : IDisposable
{
    private static readonly string[] Lists = ["cards", "transactions", "invoices", "payouts", "sms", "faults", "service", "callbacks", "callbacks/deliveries", "callbacks/faults"];

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public SnapshotTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Export_reset_import_answers_every_list_and_gateway_read_as_before()
    {
        var (held, completed, reversed, awaiting) = await BuildRichTenant();
        var before = await ReadEverything(held, completed, reversed, awaiting);
        var (_, document) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");

        await gateway.Control(HttpMethod.Post, "reset");
        (await ReadEverything(held, completed, reversed, awaiting)).Should().NotBe(before);
        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document);

        status.Should().Be(HttpStatusCode.OK, body);
        (await ReadEverything(held, completed, reversed, awaiting)).Should().Be(before);
        (await gateway.ControlRaw(HttpMethod.Get, "snapshot")).Body.Should().Be(document);
    }

    [Fact]
    public async Task The_fidelity_switches_travel_with_the_snapshot()
    {
        await gateway.ControlRaw(HttpMethod.Put, "fidelity", """{"reversal_window_days": 3, "refuse_repeated_order_id": true}""");
        var (_, switched) = await gateway.ControlRaw(HttpMethod.Get, "fidelity");
        var (_, document) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        await gateway.Control(HttpMethod.Post, "reset");
        (await gateway.ControlRaw(HttpMethod.Get, "fidelity")).Body.Should().NotBe(switched, "a reset returns the switches to the configured ones");

        (await gateway.ControlRaw(HttpMethod.Put, "snapshot", document)).Status.Should().Be(HttpStatusCode.OK);

        (await gateway.ControlRaw(HttpMethod.Get, "fidelity")).Body.Should().Be(switched);
    }

    [Fact]
    public async Task The_callback_fault_rules_travel_with_the_snapshot_with_their_ids_and_remaining_uses()
    {
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "pay", kind = "delay", delay_ms = 90_000, times = 2 });
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "*", kind = "wrong_signature", probability = 0.25 });
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "notify", kind = "drop" });
        var (_, rules) = await gateway.ControlRaw(HttpMethod.Get, "callbacks/faults");
        var (_, document) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        await gateway.Control(HttpMethod.Post, "reset");
        (await gateway.ControlRaw(HttpMethod.Get, "callbacks/faults")).Body.Should().NotBe(rules, "a reset clears them");

        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document);

        status.Should().Be(HttpStatusCode.OK, body);
        (await gateway.ControlRaw(HttpMethod.Get, "callbacks/faults")).Body.Should().Be(rules);
        var next = await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "cancel", kind = "duplicate" });
        next["id"]!.GetValue<string>().Should().Be("cf4", "ids keep counting past the imported rules");
    }

    [Fact]
    public async Task A_document_without_callback_faults_is_still_version_1_and_imports_with_none()
    {
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "pay", kind = "drop" });
        var (_, text) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        var document = JsonNode.Parse(text)!.AsObject();
        document["callbacks"]!.AsObject().Remove("faults").Should().BeTrue();

        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document.ToJsonString());

        status.Should().Be(HttpStatusCode.OK, body);
        (await gateway.Control(HttpMethod.Get, "callbacks/faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("method", "\"statement\"", "method must be one of pay, notify, cancel, *")]
    [InlineData("kind", "\"error\"", "kind must be one of delay, drop")]
    [InlineData("delay_ms", "86400001", "delay_ms must be between 0 and 86400000")]
    [InlineData("code", "-32400", "code and http_status are null")]
    public async Task A_callback_fault_rule_the_control_api_would_refuse_is_refused_on_import(string member, string value, string named)
    {
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "pay", kind = "delay", delay_ms = 1000 });
        var (_, text) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        var document = JsonNode.Parse(text)!.AsObject();
        document["callbacks"]!["faults"]!["rules"]![0]![member] = JsonNode.Parse(value);

        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("callbacks.faults.rules[0]").And.Contain(named);
        (await gateway.ControlRaw(HttpMethod.Get, "snapshot")).Body.Should().Be(text);
    }

    [Fact]
    public async Task Ids_keep_counting_after_an_import()
    {
        var (held, _, _, _) = await BuildRichTenant();
        var (_, document) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        await gateway.Control(HttpMethod.Post, "reset");
        await gateway.ControlRaw(HttpMethod.Put, "snapshot", document);

        var next = await Prepare(hold: false);

        next.Should().BeGreaterThan(held);
        (await gateway.PaymentStatus(held)).Should().Be("7");
    }

    [Fact]
    public async Task A_named_snapshot_restores_after_changes()
    {
        var held = await Confirm(await Prepare(hold: true));
        (await gateway.ControlRaw(HttpMethod.Post, "snapshots/held-payment")).Status.Should().Be(HttpStatusCode.OK);
        await gateway.Ok("hold.confirm", new { bank_transaction_id = held, status = "accept" });
        (await gateway.PaymentStatus(held)).Should().NotBe("7");

        var (status, body) = await gateway.ControlRaw(HttpMethod.Post, "snapshots/held-payment/restore");

        status.Should().Be(HttpStatusCode.OK, body);
        (await gateway.PaymentStatus(held)).Should().Be("7");
        (await gateway.Control(HttpMethod.Get, "snapshots"))["snapshots"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Equal("held-payment");
        (await gateway.ControlRaw(HttpMethod.Delete, "snapshots/held-payment")).Status.Should().Be(HttpStatusCode.OK);
        (await gateway.ControlRaw(HttpMethod.Post, "snapshots/held-payment/restore")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not json", "not valid")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"version\": 2}", "version 2")]
    [InlineData("{\"version\": 1}", "required member")]
    public async Task A_broken_document_is_refused_and_the_tenant_is_unchanged(string document, string named)
    {
        var held = await Confirm(await Prepare(hold: true));
        var before = await gateway.ControlRaw(HttpMethod.Get, "snapshot");

        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain(named).And.NotContain("PaySys.Sandbox");
        (await gateway.PaymentStatus(held)).Should().Be("7");
        (await gateway.ControlRaw(HttpMethod.Get, "snapshot")).Body.Should().Be(before.Body);
    }

    [Theory]
    [InlineData("payments", "pan", "8600999999999999", "held payments hold 0")]
    [InlineData("payments", "status", "Nonsense", "not valid")]
    [InlineData("payments", "bogus_member", "1", "does not know")]
    [InlineData("cards", "held", "-5", ">= 0")]
    public async Task An_inconsistent_document_is_refused_naming_what_is_wrong(string list, string member, string value, string named)
    {
        await Confirm(await Prepare(hold: true));
        var (_, text) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        var document = JsonNode.Parse(text)!.AsObject();
        var item = document[list]!.AsArray().Last()!.AsObject();
        item[member] = JsonNode.Parse(value.StartsWith('-') || char.IsAsciiDigit(value[0]) && value.Length < 5 ? value : $"\"{value}\"");

        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", document.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain(named);
        (await gateway.ControlRaw(HttpMethod.Get, "snapshot")).Body.Should().Be(text);
    }

    private async Task<(long Held, long Completed, long Reversed, long Awaiting)> BuildRichTenant()
    {
        await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var held = await Confirm(await Prepare(hold: true));
        var completed = await Confirm(await Prepare(hold: false));
        var reversed = await Confirm(await Prepare(hold: false));
        var reversedTransaction = (await gateway.Transaction(reversed))["transaction_id"]!.GetValue<long>();
        await gateway.Ok("transaction.reverse", new { transaction_id = reversedTransaction });
        var awaiting = await Prepare(hold: false);
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.payment", kind = "error", code = -32400, times = 3 });
        await gateway.Control(HttpMethod.Put, "callbacks", new { pay_url = "http://127.0.0.1:9/pay", secret = "callback-secret" });
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "pay", kind = "delay", delay_ms = 5000, times = 2 });
        await gateway.AdvanceClock(60);
        return (held, completed, reversed, awaiting);
    }

    private async Task<string> ReadEverything(params long[] payments)
    {
        var reads = new List<string>();
        foreach (var list in Lists)
        {
            reads.Add((await gateway.ControlRaw(HttpMethod.Get, list)).Body);
        }

        foreach (var payment in payments)
        {
            reads.Add((await gateway.Call("pam.check_payment", new { bank_transaction_id = payment }))["result"]?.ToJsonString() ?? "error");
        }

        return string.Join('\n', reads);
    }

    private async Task<long> Prepare(bool hold) =>
        (await gateway.Ok("pam.prepare_payment", new JsonObject
        {
            ["card_number"] = Cards.UzcardPan,
            ["card_expire"] = Cards.UzcardExpiry,
            ["phone_number"] = Cards.UzcardPhone,
            ["amount"] = 300_000,
            ["vendor_id"] = Cards.VendorId,
            ["product"] = "snapshot",
            ["hold"] = hold,
        }))["bank_transaction_id"]!.GetValue<long>();

    private async Task<long> Confirm(long bankTransactionId)
    {
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        return bankTransactionId;
    }
}
