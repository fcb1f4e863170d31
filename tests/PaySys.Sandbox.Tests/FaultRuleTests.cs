using System.Net;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

public sealed class FaultRuleTests : IDisposable
{
    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();

    public void Dispose() => sandbox.Dispose();

    private static object CheckParams => new { bank_transaction_id = 1 };

    [Fact]
    public async Task An_error_rule_answers_its_catalogue_code_before_the_handler_and_is_used_up_after_times()
    {
        var gateway = sandbox.CreateGateway();
        var added = await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "error", code = -32400, times = 2 });
        added["id"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        var first = await gateway.Error("pam.check_payment", CheckParams, -32400);
        await gateway.Error("pam.check_payment", CheckParams, -32400);
        await gateway.Error("pam.check_payment", CheckParams, -32314);

        first["message"]!.GetValue<string>().Should().Contain("fault rule");
        (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray().Should().BeEmpty("both uses are spent");
    }

    [Fact]
    public async Task A_rule_applies_to_its_method_only_and_star_to_every_method()
    {
        var gateway = sandbox.CreateGateway();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "transaction.reverse", kind = "error", code = -32318 });

        await gateway.Error("pam.check_payment", CheckParams, -32314);
        await gateway.Error("transaction.reverse", new { transaction_id = 1 }, -32318);

        await gateway.Control(HttpMethod.Delete, "faults");
        await gateway.Control(HttpMethod.Post, "faults", new { method = "*", kind = "error", code = -32315 });
        await gateway.Error("pam.check_payment", CheckParams, -32315);
    }

    [Fact]
    public async Task A_faulted_call_changes_no_state()
    {
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.prepare_payment", kind = "error", code = -32318 });

        await gateway.Error("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount = 1000,
            vendor_id = Cards.VendorId,
            product = "p",
        }, -32318);

        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before);
        (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();
        (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_http_status_rule_answers_that_status_with_a_json_body()
    {
        var gateway = sandbox.CreateGateway();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "http_status", http_status = 503 });

        var (status, body) = await gateway.PostRaw("""{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""",
            new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain("fault rule");
    }

    [Fact]
    public async Task A_malformed_rule_answers_200_with_a_body_that_is_not_json()
    {
        var gateway = sandbox.CreateGateway();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "malformed" });

        var (status, body) = await gateway.PostRaw("""{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""",
            new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        status.Should().Be(HttpStatusCode.OK);
        var parse = () => JsonNode.Parse(body);
        parse.Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public async Task A_drop_rule_aborts_the_connection()
    {
        var gateway = sandbox.CreateGateway();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "drop" });

        var call = () => gateway.PostRaw("""{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""",
            new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        await call.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task A_delay_rule_waits_on_the_clock_and_then_lets_the_call_through()
    {
        var clock = new TimerCountingClock(SandboxFactory.Start);
        using var delayed = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:FixedOtp"] = Cards.FixedOtp }, clock);
        var gateway = delayed.CreateGateway();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "delay", delay_ms = 5_000 });

        var pending = gateway.Call("pam.check_payment", CheckParams);

        // Wait (without sleeping) until the server has armed its 5 s delay on the fake real clock.
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (!clock.Armed(TimeSpan.FromSeconds(5)) && !pending.IsCompleted && patience.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Yield();
        }

        pending.IsCompleted.Should().BeFalse("the delay runs on the (fake) real clock, which has not moved: {0}",
            pending.IsCompleted ? (await pending).ToJsonString() : "");
        clock.Armed(TimeSpan.FromSeconds(5)).Should().BeTrue("the server should wait on a 5 s timer");
        clock.Advance(TimeSpan.FromSeconds(5));

        var response = await pending.WaitAsync(TimeSpan.FromSeconds(120));
        response["error"]!["code"]!.GetValue<int>().Should().Be(-32314, "after the delay the handler runs as usual");
    }

    [Fact]
    public async Task Probability_zero_never_fires_and_the_journal_records_faulted_calls()
    {
        var gateway = sandbox.CreateGateway();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "error", code = -32400, probability = 0.0 });
        await gateway.Error("pam.check_payment", CheckParams, -32314);

        await gateway.Control(HttpMethod.Delete, "faults");
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "error", code = -32400 });
        await gateway.Error("pam.check_payment", CheckParams, -32400);

        var journal = (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();
        journal[^1]!["response"]!["error"]!["code"]!.GetValue<int>().Should().Be(-32400);
    }

    [Fact]
    public async Task Rules_can_be_listed_removed_one_by_one_and_are_wiped_by_reset()
    {
        var gateway = sandbox.CreateGateway();
        var first = (await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "malformed", times = 3 }))["id"]!.GetValue<string>();
        await gateway.Control(HttpMethod.Post, "faults", new { method = "hold.confirm", kind = "delay", delay_ms = 10 });

        var listed = (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray();
        listed.Should().HaveCount(2);
        listed[0]!["times"]!.GetValue<int>().Should().Be(3);
        listed[0]!["probability"]!.GetValue<double>().Should().Be(1);

        await gateway.Control(HttpMethod.Delete, $"faults/{first}");
        (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray().Should().ContainSingle();
        (await gateway.ControlRaw(HttpMethod.Delete, $"faults/{first}")).Status.Should().Be(HttpStatusCode.NotFound);

        await gateway.Control(HttpMethod.Post, "reset");
        (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"method":"no.such_method","kind":"error","code":-32400}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"explode"}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"error","code":-1}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"error"}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"http_status","http_status":200}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"delay"}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"drop","probability":1.5}""")]
    [InlineData("""{"method":"pam.check_payment","kind":"drop","times":0}""")]
    [InlineData("""not json""")]
    public async Task Invalid_rules_are_400_and_add_nothing(string body)
    {
        var gateway = sandbox.CreateGateway();

        var (status, answer) = await gateway.ControlRaw(HttpMethod.Post, "faults", body);

        status.Should().Be(HttpStatusCode.BadRequest, answer);
        (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    /// <summary>A fake real clock that says when something started waiting on it for a given time.</summary>
    private sealed class TimerCountingClock(DateTimeOffset start) : Microsoft.Extensions.Time.Testing.FakeTimeProvider(start)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<TimeSpan> dueTimes = [];

        public bool Armed(TimeSpan dueTime) => dueTimes.Contains(dueTime);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted once the timer exists: counted before, a test that advances the clock as soon as it sees the
            // count could move it before the timer is registered, and the timer would then never fire.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            dueTimes.Add(dueTime);
            return timer;
        }
    }
}
