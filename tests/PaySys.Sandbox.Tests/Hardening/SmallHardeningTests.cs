using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Issue 14, item 7 (the smaller findings of the outside attack) and duplicated members in control-API bodies: a
/// replaced card keeps its open holds; the virtual clock never goes back once a tenant has something timed; ids never
/// repeat across restarts; rpc.discover is cheap and limited per client; the banner shows no configured secret; a
/// control body with a member twice is refused naming it.
/// </summary>
public sealed class SmallHardeningTests : IDisposable
{
    private const long Amount = 300_000;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public SmallHardeningTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    // ---- a. replacing a card carries its open holds ----

    [Fact]
    public async Task Replacing_a_card_keeps_its_open_hold_in_held_and_settles_it_against_the_new_card()
    {
        var held = await Prepare(hold: true);
        await Confirm(held);

        await ReplaceUzcard(balance: 5_000_000);

        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount, "the hold is still open on the card");
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(5_000_000, "the replacement sets the available balance");
        await gateway.Ok("hold.confirm", new { bank_transaction_id = held, status = "cancel" });
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(5_000_000 + Amount, "the released hold comes back to the card the tenant sees");
    }

    [Fact]
    public async Task A_payment_started_before_a_replacement_debits_the_replaced_card()
    {
        var pending = await Prepare(hold: false);

        await ReplaceUzcard(balance: 5_000_000);
        await Confirm(pending);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(5_000_000 - Amount);
    }

    // ---- b. the virtual clock only moves forward ----

    [Fact]
    public async Task Setting_the_clock_back_after_a_payment_is_400_naming_the_virtual_now_and_moves_nothing()
    {
        await Confirm(await Prepare(hold: false));
        await gateway.AdvanceClock(3600);
        var now = (await gateway.Control(HttpMethod.Get, "clock"))["now"]!.GetValue<long>();

        var (status, body) = await gateway.ControlRaw(HttpMethod.Post, "clock", """{"set":0}""");

        status.Should().Be(HttpStatusCode.BadRequest, body);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain("only moves forward").And.Contain(now.ToString(CultureInfo.InvariantCulture));
        (await gateway.Control(HttpMethod.Get, "clock"))["now"]!.GetValue<long>().Should().Be(now);
    }

    [Fact]
    public async Task A_negative_advance_is_400_naming_the_virtual_now()
    {
        var now = (await gateway.Control(HttpMethod.Get, "clock"))["now"]!.GetValue<long>();

        var (status, body) = await gateway.ControlRaw(HttpMethod.Post, "clock", """{"advance_seconds":-60}""");

        status.Should().Be(HttpStatusCode.BadRequest, body);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain("only moves forward").And.Contain(now.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_closed_cancel_window_stays_closed_because_the_clock_cannot_be_set_back_into_it()
    {
        var bankTransactionId = await Prepare(hold: false);
        var paid = await Confirm(bankTransactionId);
        var transactionId = long.Parse(paid["details"]!["transaction_id"]!.ToString(), CultureInfo.InvariantCulture);
        var paidAt = SandboxFactory.Start.ToUnixTimeSeconds();
        await gateway.AdvanceClock(8 * 86_400);

        var (status, _) = await gateway.ControlRaw(HttpMethod.Post, "clock", $$"""{"set":{{paidAt + 60}}}""");

        status.Should().Be(HttpStatusCode.BadRequest);
        await gateway.Error("paysys.payment_cancel", new { transaction_id = transactionId }, -32312);
    }

    [Fact]
    public async Task With_something_timed_the_clock_still_moves_forward_and_to_its_own_second()
    {
        await Prepare(hold: false);
        var now = (await gateway.Control(HttpMethod.Get, "clock"))["now"]!.GetValue<long>();

        var same = await gateway.Control(HttpMethod.Post, "clock", new { set = now });
        var ahead = await gateway.Control(HttpMethod.Post, "clock", new { set = now + 100 });

        same["now"]!.GetValue<long>().Should().Be(now);
        ahead["now"]!.GetValue<long>().Should().Be(now + 100);
    }

    [Fact]
    public async Task After_a_reset_the_clock_can_be_set_back_to_the_docs_date_again()
    {
        await Confirm(await Prepare(hold: false));
        var docsDate = new DateTimeOffset(2022, 2, 24, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        (await gateway.ControlRaw(HttpMethod.Post, "clock", $$"""{"set":{{docsDate}}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        await gateway.Control(HttpMethod.Post, "reset");
        var set = await gateway.Control(HttpMethod.Post, "clock", new { set = docsDate });

        set["now"]!.GetValue<long>().Should().Be(docsDate);
    }

    // ---- c. ids never repeat across runs ----

    [Fact]
    public async Task A_sandbox_started_a_second_later_gives_ids_above_every_id_of_the_earlier_run()
    {
        List<long> earlier;
        await using (var first = SandboxFactory.WithFixedOtp())
        {
            earlier = await IdsOf(first.CreateGateway(), payments: 20);
        }

        var clock = new FakeTimeProvider(SandboxFactory.Start.AddSeconds(1));
        await using var restarted = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:FixedOtp"] = Cards.FixedOtp }, clock);
        var later = await IdsOf(restarted.CreateGateway(), payments: 1);

        later.Min().Should().BeGreaterThan(earlier.Max(), "a stored id must never name another payment after a restart");
    }

    [Fact]
    public async Task Ids_are_distinct_across_kinds_deterministic_under_a_fake_clock_and_never_card_shaped()
    {
        var ids = await IdsOf(gateway, payments: 5);
        await using var twin = SandboxFactory.WithFixedOtp();
        var twinIds = await IdsOf(twin.CreateGateway(), payments: 5);

        ids.Should().OnlyHaveUniqueItems("bank_transaction_id, transaction_id and request id come from one sequence");
        twinIds.Should().Equal(ids, "the same fake real clock gives the same ids, so tests can rely on them");
        ids.Should().OnlyContain(id => id >= SandboxIds.LowestStart && id < 1_000_000_000_000_000, "10 to 15 digits, below a card number's 16");
        SandboxIds.StartAt(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)).Should().BeLessThan(1_000_000_000_000_000);
        SandboxIds.StartAt(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero)).Should().Be(SandboxIds.LowestStart);
    }

    // ---- d. rpc.discover: cached, and limited per client ----

    [Fact]
    public async Task Discover_answers_the_document_byte_for_byte_in_the_usual_envelope()
    {
        var (status, body) = await gateway.PostRaw("""{"id":"d-1","method":"rpc.discover"}""");

        status.Should().Be(HttpStatusCode.OK);
        body.Should().StartWith("""{"id":"d-1","error":null,"result":{""").And.MatchRegex("""},"mx_id":"[0-9a-f]{32}"}$""");
        var result = JsonNode.Parse(body)!["result"]!.ToJsonString();
        result.Should().Be(JsonNode.Parse(Contracts.OpenRpcDocument.Json.Span)!.ToJsonString());
    }

    [Fact]
    public async Task Discover_beyond_the_burst_is_429_with_a_json_body_until_the_allowance_refills()
    {
        for (var i = 0; i < Rpc.DiscoverAllowance.Burst; i++)
        {
            (await Discover()).Status.Should().Be(HttpStatusCode.OK, "call {0} is within the burst", i);
        }

        var (status, body) = await Discover();
        var other = await gateway.Call("pam.check_payment", new { bank_transaction_id = 1 });
        sandbox.RealClock.Advance(TimeSpan.FromSeconds(1));
        var refilled = new List<HttpStatusCode>();
        for (var i = 0; i <= Rpc.DiscoverAllowance.PerSecond; i++)
        {
            refilled.Add((await Discover()).Status);
        }

        status.Should().Be(HttpStatusCode.TooManyRequests);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain("rpc.discover");
        body.Length.Should().BeLessThan(300);
        other["error"]!["code"]!.GetValue<int>().Should().Be(-32314, "other methods are not limited");
        refilled.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Rpc.DiscoverAllowance.PerSecond), HttpStatusCode.TooManyRequests]);
    }

    // ---- e. the banner shows no configured secret ----

    [Fact]
    public void Startup_banner_shows_the_built_in_secret_but_never_a_configured_one()
    {
        var configured = new SandboxOptions { OpenTenants = true, OpenTenantsSecret = "open-tenants-s3cret" };
        configured.Merchants.Add(new MerchantOptions { ServiceId = "42", SecretKey = "merchant-s3cret" });

        var shown = StartupBanner.Describe(configured, ["http://0.0.0.0:8080"], 14);
        var defaults = StartupBanner.Describe(new SandboxOptions { OpenTenants = true }, ["http://0.0.0.0:8080"], 14);

        shown.Should().NotContain("merchant-s3cret").And.NotContain("open-tenants-s3cret")
            .And.Contain("service_id 42, secret_key (configured, not shown)");
        defaults.Should().Contain("service_id 1, secret_key sandbox-secret").And.Contain("signed with secret_key sandbox-secret");
    }

    // ---- f. a control body with a member twice is refused ----

    public static TheoryData<string, string, string> DuplicatedBodies => new()
    {
        { "clock", """{"advance_seconds":60,"advance_seconds":0}""", "advance_seconds" },
        { "clock", """{"set":1900000000,"s\u0065t":1900000001}""", "set" },
        { "cards", """{"pan":"8600111122223333","expiry":"3012","phone":"998901234567","holder":"H","balance":100,"balance":5,"behaviour":"success"}""", "balance" },
        { "faults", """{"method":"pam.check_payment","kind":"error","code":-32318,"method":"*"}""", "method" },
        { "service", """{"blocked":true,"blocked":false}""", "blocked" },
    };

    [Theory]
    [MemberData(nameof(DuplicatedBodies))]
    public async Task A_control_body_with_a_member_twice_is_400_naming_it_and_changes_nothing(string route, string body, string member)
    {
        var before = await State();

        var (status, answer) = await gateway.ControlRaw(HttpMethod.Post, route, body);

        status.Should().Be(HttpStatusCode.BadRequest, answer);
        JsonNode.Parse(answer)!["error"]!.GetValue<string>().Should().Contain($"'{member}'");
        (await State()).Should().Be(before);
    }

    [Fact]
    public async Task A_duplicated_card_number_member_is_echoed_masked()
    {
        var (status, answer) = await gateway.ControlRaw(HttpMethod.Post, "cards", """{"8600490744313347":1,"8600490744313347":2}""");

        status.Should().Be(HttpStatusCode.BadRequest);
        answer.Should().NotContain("8600490744313347").And.Contain("860049******3347");
    }

    private async Task<string> State()
    {
        var parts = new List<string>();
        foreach (var route in new[] { "clock", "cards", "faults", "service" })
        {
            var view = await gateway.Control(HttpMethod.Get, route);
            view.Remove("offset_seconds");
            parts.Add(view.ToJsonString());
        }

        return string.Join("\n", parts);
    }

    private Task<(HttpStatusCode Status, string Body)> Discover() => gateway.PostRaw("""{"id":1,"method":"rpc.discover"}""");

    private Task<JsonObject> ReplaceUzcard(long balance) => gateway.Control(HttpMethod.Post, "cards", new
    {
        pan = Cards.UzcardPan,
        expiry = Cards.UzcardExpiry,
        phone = Cards.UzcardPhone,
        holder = "REPLACED",
        balance,
        behaviour = "success",
    });

    private async Task<long> Prepare(bool hold) => (await gateway.Ok("pam.prepare_payment", new
    {
        card_number = Cards.UzcardPan,
        card_expire = Cards.UzcardExpiry,
        phone_number = Cards.UzcardPhone,
        amount = Amount,
        vendor_id = Cards.VendorId,
        product = "order-small",
        hold,
    }))["bank_transaction_id"]!.GetValue<long>();

    private Task<JsonObject> Confirm(long bankTransactionId) =>
        gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

    /// <summary>Every integer id a run of payments shows: bank_transaction_id, transaction_id and the intermediate id.</summary>
    private static async Task<List<long>> IdsOf(GatewayClient client, int payments)
    {
        var ids = new List<long>();
        for (var i = 0; i < payments; i++)
        {
            var bankTransactionId = (await client.Ok("pam.prepare_payment", new
            {
                card_number = Cards.UzcardPan,
                card_expire = Cards.UzcardExpiry,
                phone_number = Cards.UzcardPhone,
                amount = 1_000,
                vendor_id = Cards.VendorId,
                product = $"order-{i}",
            }))["bank_transaction_id"]!.GetValue<long>();
            var details = (await client.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }))["details"]!;
            ids.Add(bankTransactionId);
            ids.Add(long.Parse(details["transaction_id"]!.ToString(), CultureInfo.InvariantCulture));
            ids.Add(long.Parse(details["id"]!.ToString(), CultureInfo.InvariantCulture));
        }

        return ids;
    }
}
