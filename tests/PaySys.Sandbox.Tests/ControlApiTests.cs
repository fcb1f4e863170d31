using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>SPEC §9–§10: the control API under /_sandbox, route by route.</summary>
public sealed class ControlApiTests : IDisposable
{
    private const long InitialBalance = 1_000_000_000;
    private const string NewPan = "8600111122223333";
    private const string NewPhone = "998901234567";

    private static readonly long StartUnix = SandboxFactory.Start.ToUnixTimeSeconds();

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();

    public void Dispose() => sandbox.Dispose();

    // ---- health ----

    [Fact]
    public async Task Health_is_200_ok()
    {
        using var http = sandbox.CreateClient();

        using var response = await http.GetAsync(new Uri("/_sandbox/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString().Should().Be("{\"status\":\"ok\"}");
    }

    // ---- clock ----

    [Fact]
    public async Task Get_clock_shows_the_real_time_and_a_zero_offset_at_start()
    {
        var clock = await Gateway().Control(HttpMethod.Get, "clock");

        clock.Select(p => p.Key).Should().BeEquivalentTo("now", "offset_seconds");
        clock["now"]!.GetValue<long>().Should().Be(StartUnix);
        clock["offset_seconds"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Advancing_the_clock_moves_now_and_offset_and_get_agrees()
    {
        var gateway = Gateway();

        var advanced = await gateway.AdvanceClock(3_600);
        var again = await gateway.AdvanceClock(60);
        var read = await gateway.Control(HttpMethod.Get, "clock");

        advanced["now"]!.GetValue<long>().Should().Be(StartUnix + 3_600);
        advanced["offset_seconds"]!.GetValue<long>().Should().Be(3_600);
        again["offset_seconds"]!.GetValue<long>().Should().Be(3_660);
        read["now"]!.GetValue<long>().Should().Be(StartUnix + 3_660);
        read["offset_seconds"]!.GetValue<long>().Should().Be(3_660);
    }

    [Fact]
    public async Task Setting_the_clock_moves_now_to_the_given_time_in_the_past_or_future()
    {
        var gateway = Gateway();
        var docsDate = new DateTimeOffset(2022, 2, 24, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var future = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        var past = await gateway.Control(HttpMethod.Post, "clock", new { set = docsDate });
        var ahead = await gateway.Control(HttpMethod.Post, "clock", new { set = future });

        past["now"]!.GetValue<long>().Should().Be(docsDate);
        past["offset_seconds"]!.GetValue<long>().Should().Be(docsDate - StartUnix);
        ahead["now"]!.GetValue<long>().Should().Be(future);
        ahead["offset_seconds"]!.GetValue<long>().Should().Be(future - StartUnix);
    }

    [Fact]
    public async Task The_virtual_clock_runs_with_the_real_clock_keeping_its_offset()
    {
        var gateway = Gateway();
        await gateway.AdvanceClock(100);

        sandbox.RealClock.Advance(TimeSpan.FromMinutes(5));
        var clock = await gateway.Control(HttpMethod.Get, "clock");

        clock["now"]!.GetValue<long>().Should().Be(StartUnix + 300 + 100);
        clock["offset_seconds"]!.GetValue<long>().Should().Be(100);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"advance_seconds\":-1}")]
    [InlineData("{\"advance_seconds\":\"60\"}")]
    [InlineData("{\"advance_seconds\":60,\"set\":1700000000}")]
    [InlineData("{\"set\":-5}")]
    [InlineData("{\"set\":99999999999999}")]
    public async Task A_bad_clock_body_is_400_and_leaves_the_clock_alone(string body)
    {
        var gateway = Gateway();

        var (status, text) = await gateway.ControlRaw(HttpMethod.Post, "clock", body);
        var clock = await gateway.Control(HttpMethod.Get, "clock");

        status.Should().Be(HttpStatusCode.BadRequest, text);
        JsonNode.Parse(text)!["error"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        text.Should().NotContain("   at ");
        clock["offset_seconds"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Advancing_the_clock_past_year_3000_is_400_and_leaves_the_tenant_working()
    {
        var gateway = Gateway();

        var (status, text) = await gateway.ControlRaw(HttpMethod.Post, "clock", "{\"advance_seconds\":253402300799}");
        var clock = await gateway.Control(HttpMethod.Get, "clock");
        var registered = await gateway.Ok("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone));

        status.Should().Be(HttpStatusCode.BadRequest, text);
        clock["offset_seconds"]!.GetValue<long>().Should().Be(0);
        registered["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Fact]
    public async Task Advancing_the_clock_is_bounded_by_where_it_lands()
    {
        var gateway = Gateway();
        var lastDay = new DateTimeOffset(2999, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        await gateway.Control(HttpMethod.Post, "clock", new { set = lastDay });

        var withinDay = await gateway.ControlRaw(HttpMethod.Post, "clock", "{\"advance_seconds\":3600}");
        var pastTheEnd = await gateway.ControlRaw(HttpMethod.Post, "clock", "{\"advance_seconds\":172800}");
        var clock = await gateway.Control(HttpMethod.Get, "clock");

        withinDay.Status.Should().Be(HttpStatusCode.OK);
        pastTheEnd.Status.Should().Be(HttpStatusCode.BadRequest, pastTheEnd.Body);
        clock["now"]!.GetValue<long>().Should().Be(lastDay + 3600);
    }

    [Fact]
    public async Task Moving_the_clock_applies_due_otp_expiries_before_answering()
    {
        var gateway = Gateway();
        var prepared = await Prepare(gateway, 10_000);

        await gateway.AdvanceClock(121);
        var transaction = await gateway.Transaction(prepared);

        transaction["status"]!.GetValue<int>().Should().Be(-1);
        var expired = transaction["history"]!.AsArray()[^1]!;
        expired["event"]!.GetValue<string>().Should().Be("otp_expired");
        expired["at"]!.GetValue<long>().Should().Be(StartUnix + 120, "the expiry happened when the OTP's lifetime ended");
    }

    // ---- sms ----

    [Fact]
    public async Task Sms_has_every_field_with_a_six_digit_string_code_valid_for_120_seconds()
    {
        using var random = new SandboxFactory();
        var gateway = random.CreateGateway();
        var cardId = await Register(gateway, Cards.UzcardPan, Cards.UzcardPhone);

        var messages = (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray();

        var sms = messages.Should().ContainSingle().Which!.AsObject();
        sms.Select(p => p.Key).Should().BeEquivalentTo("phone", "text", "code", "purpose", "reference", "sent_at", "expires_at");
        sms["phone"]!.GetValue<string>().Should().Be(Cards.UzcardPhone);
        sms["code"]!.GetValueKind().Should().Be(JsonValueKind.String);
        var code = sms["code"]!.GetValue<string>();
        code.Should().MatchRegex("^[0-9]{6}$");
        sms["text"]!.GetValue<string>().Should().Contain(code).And.Contain("860049******3347").And.NotContain(Cards.UzcardPan);
        sms["purpose"]!.GetValue<string>().Should().Be("card_registration");
        sms["reference"]!.GetValue<string>().Should().Be(cardId);
        sms["sent_at"]!.GetValue<long>().Should().Be(StartUnix);
        (sms["expires_at"]!.GetValue<long>() - sms["sent_at"]!.GetValue<long>()).Should().Be(120);
    }

    [Fact]
    public async Task Sms_is_newest_last_and_filters_by_phone_and_reference()
    {
        var gateway = Gateway();
        var uzcardId = await Register(gateway, Cards.UzcardPan, Cards.UzcardPhone);
        await gateway.AdvanceClock(10);
        var humoId = await Register(gateway, Cards.HumoPan, Cards.HumoPhone);
        await gateway.AdvanceClock(10);
        var bankTransactionId = await Prepare(gateway, 10_000);
        var reference = bankTransactionId.ToString(CultureInfo.InvariantCulture);

        var all = (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray();
        var uzcardPhone = (await gateway.Control(HttpMethod.Get, $"sms?phone={Cards.UzcardPhone}"))["messages"]!.AsArray();
        var humoPhone = (await gateway.Control(HttpMethod.Get, $"sms?phone={Cards.HumoPhone}"))["messages"]!.AsArray();
        var byPayment = (await gateway.Control(HttpMethod.Get, $"sms?reference={reference}"))["messages"]!.AsArray();
        var byHumoCard = (await gateway.Control(HttpMethod.Get, $"sms?reference={humoId}"))["messages"]!.AsArray();
        var both = (await gateway.Control(HttpMethod.Get, $"sms?phone={Cards.HumoPhone}&reference={uzcardId}"))["messages"]!.AsArray();
        var nobody = (await gateway.Control(HttpMethod.Get, "sms?phone=998000000000"))["messages"]!.AsArray();

        all.Select(m => m!["reference"]!.GetValue<string>()).Should().Equal(uzcardId, humoId, reference);
        all.Select(m => m!["sent_at"]!.GetValue<long>()).Should().Equal(StartUnix, StartUnix + 10, StartUnix + 20);
        uzcardPhone.Select(m => m!["reference"]!.GetValue<string>()).Should().Equal(uzcardId, reference);
        humoPhone.Select(m => m!["reference"]!.GetValue<string>()).Should().Equal(humoId);
        byPayment.Should().ContainSingle().Which!["purpose"]!.GetValue<string>().Should().Be("payment");
        byHumoCard.Should().ContainSingle().Which!["phone"]!.GetValue<string>().Should().Be(Cards.HumoPhone);
        both.Should().BeEmpty("the filters combine");
        nobody.Should().BeEmpty();
    }

    // ---- reset ----

    [Fact]
    public async Task Reset_wipes_the_tenant_and_restores_balances_and_the_clock()
    {
        var gateway = Gateway();
        var cardId = await Register(gateway, Cards.UzcardPan, Cards.UzcardPhone);
        await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        await Pay(gateway, 300_000);
        await gateway.Control(HttpMethod.Post, "cards", NewCard(balance: 5_000));
        await gateway.AdvanceClock(7_200);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(InitialBalance - 300_000, "the payment is visible before the reset");

        var reset = await gateway.Control(HttpMethod.Post, "reset");

        reset["status"]!.GetValue<string>().Should().Be("reset");
        (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();
        (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Should().BeEmpty();
        (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray().Should().BeEmpty();
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(InitialBalance);
        var clock = await gateway.Control(HttpMethod.Get, "clock");
        clock["offset_seconds"]!.GetValue<long>().Should().Be(0);
        clock["now"]!.GetValue<long>().Should().Be(StartUnix);
        (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray()
            .Select(c => c!["pan"]!.GetValue<string>()).Should().NotContain(NewPan);
        await gateway.Error("pam.prepare_payment", new
        {
            card_id = cardId,
            phone_number = Cards.UzcardPhone,
            amount = 10_000,
            vendor_id = Cards.VendorId,
            product = "after-reset",
        }, -32301);
    }

    [Fact]
    public async Task Reset_unblocks_the_service_and_vendors()
    {
        var gateway = Gateway();
        await gateway.Control(HttpMethod.Post, "service", new { blocked = true });
        await gateway.Control(HttpMethod.Post, $"vendors/{Cards.VendorId}", new { blocked = true });

        await gateway.Control(HttpMethod.Post, "reset");

        var service = await gateway.Control(HttpMethod.Get, "service");
        service["blocked"]!.GetValue<bool>().Should().BeFalse();
        service["vendors"]!.AsArray().Should().OnlyContain(v => !v!["blocked"]!.GetValue<bool>());
        (await Prepare(gateway, 10_000)).Should().BePositive();
    }

    // ---- cards ----

    [Fact]
    public async Task Get_cards_lists_every_card_of_the_published_catalogue()
    {
        var published = JsonNode.Parse(await File.ReadAllTextAsync(ContractsFile("cards.json")))!["cards"]!.AsArray();

        var cards = (await Gateway().Control(HttpMethod.Get, "cards"))["cards"]!.AsArray();

        cards.Select(c => c!["pan"]!.GetValue<string>()).Should().BeEquivalentTo(published.Select(c => c!["pan"]!.GetValue<string>()));
        foreach (var expected in published)
        {
            var pan = expected!["pan"]!.GetValue<string>();
            var card = cards.Single(c => c!["pan"]!.GetValue<string>() == pan)!;
            foreach (var field in new[] { "expiry", "phone", "holder", "behaviour", "description" })
            {
                card[field]!.GetValue<string>().Should().Be(expected[field]!.GetValue<string>(), "{0} of {1}", field, pan);
            }

            card["balance"]!.GetValue<long>().Should().Be(expected["balance"]!.GetValue<long>(), "balance of {0}", pan);
            card["held"]!.GetValue<long>().Should().Be(0);
        }
    }

    [Fact]
    public async Task Get_cards_carries_every_failure_behaviour_name()
    {
        var cards = (await Gateway().Control(HttpMethod.Get, "cards"))["cards"]!.AsArray();

        cards.Select(c => c!["behaviour"]!.GetValue<string>()).Should().Contain(
            "success", "insufficient_funds", "blocked", "expired", "sms_disabled", "registration_fails", "token_fails", "processing_down", "slow", "sms_informing_off", "settles_late");
        cards.Single(c => c!["pan"]!.GetValue<string>() == Cards.BlockedPan)!["behaviour"]!.GetValue<string>().Should().Be("blocked");
    }

    [Fact]
    public async Task Get_cards_shows_balance_after_debits_and_held_for_open_holds()
    {
        var gateway = Gateway();

        await Pay(gateway, 100_000);
        await Pay(gateway, 25_000, hold: true);

        var card = await gateway.Card(Cards.UzcardPan);
        card["balance"]!.GetValue<long>().Should().Be(InitialBalance - 125_000);
        card["held"]!.GetValue<long>().Should().Be(25_000);
        (await gateway.Card(Cards.HumoPan))["balance"]!.GetValue<long>().Should().Be(InitialBalance);
    }

    [Fact]
    public async Task A_card_added_through_the_control_api_can_be_registered_and_paid_with()
    {
        var gateway = Gateway();

        var added = await gateway.Control(HttpMethod.Post, "cards", NewCard(balance: 50_000));
        var cardId = await Register(gateway, NewPan, NewPhone);
        var confirmed = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        var prepared = await gateway.Ok("pam.prepare_payment", new
        {
            card_id = cardId,
            phone_number = NewPhone,
            amount = 20_000,
            vendor_id = Cards.VendorId,
            product = "new-card",
        });
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = prepared["bank_transaction_id"]!.GetValue<long>(), confirmation_code = Cards.FixedOtp });

        added["pan"]!.GetValue<string>().Should().Be(NewPan);
        added["balance"]!.GetValue<long>().Should().Be(50_000);
        confirmed["card_data"]!["fullName"]!.GetValue<string>().Should().Be("NEW CARD");
        (await gateway.Balance(NewPan)).Should().Be(30_000);
    }

    [Fact]
    public async Task Adding_a_card_with_an_existing_pan_replaces_it()
    {
        var gateway = Gateway();
        var countBefore = (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray().Count;

        await gateway.Control(HttpMethod.Post, "cards", new
        {
            pan = Cards.UzcardPan,
            expiry = Cards.UzcardExpiry,
            phone = Cards.UzcardPhone,
            holder = "REPLACED",
            balance = 150,
            behaviour = "success",
            description = "now poor",
        });

        var cards = (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray();
        cards.Should().HaveCount(countBefore);
        var card = cards.Should().ContainSingle(c => c!["pan"]!.GetValue<string>() == Cards.UzcardPan).Which!;
        card["holder"]!.GetValue<string>().Should().Be("REPLACED");
        card["balance"]!.GetValue<long>().Should().Be(150);
        var error = await gateway.Error("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount = 151,
            vendor_id = Cards.VendorId,
            product = "too-much",
        }, -32309);
        error["message"]!.GetValue<string>().Should().NotContain(Cards.UzcardPan);
    }

    [Theory]
    [InlineData("{\"pan\":\"123\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("{\"pan\":\"860011112222333A\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("{\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("{\"pan\":\"8600111122223333\",\"expiry\":\"3013\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("{\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"12345\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("{\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("{\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":-1,\"behaviour\":\"success\"}")]
    [InlineData("{\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"lucky\"}")]
    [InlineData("{\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1}")]
    [InlineData("{\"pan\":8600111122223333,\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}")]
    [InlineData("not json")]
    [InlineData("null")]
    public async Task A_bad_card_is_400_and_changes_nothing(string body)
    {
        var gateway = Gateway();
        var before = (await gateway.Control(HttpMethod.Get, "cards")).ToJsonString();

        var (status, text) = await gateway.ControlRaw(HttpMethod.Post, "cards", body);

        status.Should().Be(HttpStatusCode.BadRequest, text);
        JsonNode.Parse(text)!["error"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        text.Should().NotContain("   at ");
        (await gateway.Control(HttpMethod.Get, "cards")).ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task An_unknown_behaviour_is_rejected_naming_the_allowed_ones()
    {
        var (status, text) = await Gateway().ControlRaw(HttpMethod.Post, "cards", JsonSerializer.Serialize(NewCard(behaviour: "lucky")));

        status.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(text)!["error"]!.GetValue<string>().Should().Contain("behaviour").And.Contain("insufficient_funds");
    }

    // ---- transactions ----

    [Fact]
    public async Task Transactions_show_each_payment_with_its_history()
    {
        var gateway = Gateway();
        var prepared = await Prepare(gateway, 77_000);
        await gateway.AdvanceClock(30);
        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = prepared, confirmation_code = Cards.FixedOtp });

        var list = (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();

        var transaction = list.Should().ContainSingle().Which!;
        transaction["bank_transaction_id"]!.GetValue<long>().Should().Be(prepared);
        transaction["transaction_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture)
            .Should().Be(paid["details"]!["transaction_id"]!.GetValue<string>());
        transaction["status"]!.GetValue<int>().Should().Be(2);
        transaction["amount"]!.GetValue<long>().Should().Be(77_000);
        var history = transaction["history"]!.AsArray();
        history.Should().HaveCount(2);
        history.Should().AllSatisfy(h => h!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("at", "status", "event"));
        history.Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "paid");
        history.Select(h => h!["status"]!.GetValue<int>()).Should().Equal(1, 2);
        history.Select(h => h!["at"]!.GetValue<long>()).Should().Equal(StartUnix, StartUnix + 30);
    }

    [Fact]
    public async Task Transactions_follow_a_hold_through_accept()
    {
        var gateway = Gateway();
        var held = await Pay(gateway, 40_000, hold: true);

        await gateway.Ok("hold.confirm", new { bank_transaction_id = held, status = "accept" });

        var transaction = await gateway.Transaction(held);
        transaction["status"]!.GetValue<int>().Should().Be(2);
        transaction["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "held", "hold_accepted");
        transaction["history"]!.AsArray().Select(h => h!["status"]!.GetValue<int>()).Should().Equal(1, 7, 2);
    }

    // ---- journal ----

    [Fact]
    public async Task Journal_entries_have_at_method_request_and_response_newest_last()
    {
        var gateway = Gateway();
        await gateway.AdvanceClock(5);
        await gateway.Error("pam.check_payment", new { bank_transaction_id = 1 }, -32314);
        await gateway.AdvanceClock(5);
        await Register(gateway, Cards.HumoPan, Cards.HumoPhone);

        var entries = (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();

        entries.Should().HaveCount(2);
        entries.Should().AllSatisfy(e => e!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("at", "method", "request", "response"));
        entries.Select(e => e!["method"]!.GetValue<string>()).Should().Equal("pam.check_payment", "paysys.card_registration");
        entries.Select(e => e!["at"]!.GetValue<long>()).Should().Equal(StartUnix + 5, StartUnix + 10);
        entries[0]!["request"]!["params"]!["bank_transaction_id"]!.GetValue<int>().Should().Be(1);
        entries[0]!["response"]!["error"]!["code"]!.GetValue<int>().Should().Be(-32314);
        entries[1]!["response"]!["error"].Should().BeNull();
        entries[1]!["response"]!["result"]!["time_out"]!.GetValue<int>().Should().Be(120);
    }

    [Fact]
    public async Task Journal_is_bounded_to_the_configured_size_keeping_the_newest()
    {
        using var small = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:JournalSize"] = "5" });
        var gateway = small.CreateGateway();

        for (var id = 1; id <= 8; id++)
        {
            await gateway.Error("pam.check_payment", new { bank_transaction_id = id }, -32314);
        }

        var entries = (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();
        entries.Select(e => e!["request"]!["params"]!["bank_transaction_id"]!.GetValue<int>()).Should().Equal(4, 5, 6, 7, 8);
    }

    [Fact]
    public async Task Journal_never_holds_a_full_card_number()
    {
        var gateway = Gateway();
        var cardId = await Register(gateway, Cards.UzcardPan, Cards.UzcardPhone);
        await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        await gateway.Error("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = "8600123412341234", card_expire = "3012" }, -32302);
        await Pay(gateway, 10_000);

        var journal = await gateway.Control(HttpMethod.Get, "journal");
        var entries = journal["entries"]!.AsArray();

        entries.Should().HaveCount(5);
        entries[0]!["request"]!["params"]!["card_number"]!.GetValue<string>().Should().Be("860049******3347");
        entries[2]!["request"]!["params"]!["card_number"]!.GetValue<string>().Should().Be("860012******1234");
        var text = journal.ToJsonString();
        text.Should().NotContain(Cards.UzcardPan).And.NotContain("8600123412341234");
        // A 16-digit run inside a random hex id (mx_id, card_token) is no PAN: about 1 run in 100 has one.
        text.Should().NotMatchRegex("(?<![0-9a-fA-F])[0-9]{16}(?![0-9a-fA-F])");
    }

    [Fact]
    public async Task Journal_skips_calls_that_fail_auth()
    {
        var gateway = Gateway();
        var stranger = sandbox.CreateGateway("1", "wrong-secret");

        await stranger.Error("pam.check_payment", new { bank_transaction_id = 1 }, -32504);

        (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray().Should().BeEmpty();
    }

    // ---- admin token ----

    public static TheoryData<string, string, string?> ProtectedRoutes => new()
    {
        { "GET", "clock", null },
        { "POST", "clock", "{\"advance_seconds\":0}" },
        { "GET", "sms", null },
        { "POST", "reset", null },
        { "GET", "cards", null },
        { "POST", "cards", "{\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"X\",\"balance\":1,\"behaviour\":\"success\"}" },
        { "GET", "transactions", null },
        { "GET", "journal", null },
        { "GET", "service", null },
        { "POST", "service", "{\"blocked\":false}" },
        { "POST", "vendors/100381", "{\"blocked\":false}" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task With_an_admin_token_every_control_route_needs_it(string verb, string path, string? body)
    {
        using var guarded = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = "secret" });
        var gateway = guarded.CreateGateway();

        var without = await gateway.ControlRaw(new HttpMethod(verb), path, body);
        var wrong = await gateway.ControlRaw(new HttpMethod(verb), path, body, new Dictionary<string, string> { ["X-Sandbox-Token"] = "Secret" });
        var with = await gateway.ControlRaw(new HttpMethod(verb), path, body, new Dictionary<string, string> { ["X-Sandbox-Token"] = "secret" });

        without.Status.Should().Be(HttpStatusCode.Unauthorized);
        JsonNode.Parse(without.Body)!["error"]!.GetValue<string>().Should().Contain("X-Sandbox-Token");
        wrong.Status.Should().Be(HttpStatusCode.Unauthorized);
        with.Status.Should().Be(HttpStatusCode.OK, with.Body);
    }

    [Fact]
    public async Task With_an_admin_token_health_and_the_gateway_stay_open()
    {
        using var guarded = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = "secret" });
        var gateway = guarded.CreateGateway();

        using var health = await gateway.Http.GetAsync(new Uri("/_sandbox/health", UriKind.Relative));
        var registered = await gateway.Ok("paysys.card_registration", new
        {
            phone_number = Cards.UzcardPhone,
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
        });

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        registered["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Fact]
    public async Task Without_an_admin_token_the_control_api_is_open()
    {
        var (status, _) = await Gateway().ControlRaw(HttpMethod.Get, "clock");

        status.Should().Be(HttpStatusCode.OK);
    }

    // ---- tenants ----

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task An_unknown_service_id_on_a_control_route_is_404(string verb, string path, string? body)
    {
        var stranger = sandbox.CreateGateway("42", "sandbox-secret");

        var (status, text) = await stranger.ControlRaw(new HttpMethod(verb), path, body);

        status.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(text)!["error"]!.GetValue<string>().Should().Contain("42");
    }

    [Fact]
    public async Task Control_routes_default_to_the_default_merchant()
    {
        var gateway = Gateway();
        await gateway.AdvanceClock(900);
        using var http = sandbox.CreateClient();

        var clock = JsonNode.Parse(await http.GetStringAsync(new Uri("/_sandbox/clock", UriKind.Relative)))!;

        clock["offset_seconds"]!.GetValue<long>().Should().Be(900);
    }

    // ---- service and vendor switches ----

    [Fact]
    public async Task Blocking_the_service_makes_gateway_calls_service_blocked_until_unblocked()
    {
        var gateway = Gateway();

        var blocked = await gateway.Control(HttpMethod.Post, "service", new { blocked = true });
        var whileBlocked = await gateway.Error("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone), -32315);
        await gateway.Error("pam.check_payment", new { bank_transaction_id = 1 }, -32315);
        var unblocked = await gateway.Control(HttpMethod.Post, "service", new { blocked = false });
        var afterwards = await gateway.Ok("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone));

        blocked["blocked"]!.GetValue<bool>().Should().BeTrue();
        whileBlocked["message"]!.GetValue<string>().Should().Contain("service 1");
        unblocked["blocked"]!.GetValue<bool>().Should().BeFalse();
        afterwards["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Fact]
    public async Task Blocking_a_vendor_makes_its_payments_vendor_blocked_until_unblocked()
    {
        var gateway = Gateway();

        var blocked = await gateway.Control(HttpMethod.Post, "vendors/100381", new { blocked = true });
        var error = await gateway.Error("pam.prepare_payment", PaymentParams(10_000, 100381), -32319);
        var otherVendor = await gateway.Ok("pam.prepare_payment", PaymentParams(10_000, 104466));
        await gateway.Control(HttpMethod.Post, "vendors/100381", new { blocked = false });
        var afterwards = await gateway.Ok("pam.prepare_payment", PaymentParams(10_000, 100381));

        blocked["vendors"]!.AsArray().Single(v => v!["vendor_id"]!.GetValue<long>() == 100381)!["blocked"]!.GetValue<bool>().Should().BeTrue();
        error["data"]!["param"]!.GetValue<string>().Should().Be("vendor_id");
        otherVendor["bank_transaction_id"]!.GetValue<long>().Should().BePositive();
        afterwards["bank_transaction_id"]!.GetValue<long>().Should().BePositive();
    }

    [Theory]
    [InlineData("vendors/999999", "{\"blocked\":true}", HttpStatusCode.NotFound)]
    [InlineData("vendors/100381", "{}", HttpStatusCode.BadRequest)]
    [InlineData("vendors/100381", "{\"blocked\":\"yes\"}", HttpStatusCode.BadRequest)]
    [InlineData("service", "{}", HttpStatusCode.BadRequest)]
    [InlineData("service", "not json", HttpStatusCode.BadRequest)]
    public async Task A_bad_switch_is_rejected(string path, string body, HttpStatusCode expected)
    {
        var gateway = Gateway();

        var (status, _) = await gateway.ControlRaw(HttpMethod.Post, path, body);
        var service = await gateway.Control(HttpMethod.Get, "service");

        status.Should().Be(expected);
        service["blocked"]!.GetValue<bool>().Should().BeFalse();
        service["vendors"]!.AsArray().Should().OnlyContain(v => !v!["blocked"]!.GetValue<bool>());
    }

    // ---- helpers ----

    private GatewayClient Gateway() => sandbox.CreateGateway();

    private static object RegistrationParams(string pan, string phone) => new
    {
        phone_number = phone,
        card_number = pan,
        card_expire = Cards.UzcardExpiry,
    };

    private static object PaymentParams(long amount, long vendorId, bool hold = false) => new
    {
        card_number = Cards.UzcardPan,
        card_expire = Cards.UzcardExpiry,
        phone_number = Cards.UzcardPhone,
        amount,
        vendor_id = vendorId,
        product = "order-control",
        hold,
    };

    private static object NewCard(long balance = 5_000, string behaviour = "success") => new
    {
        pan = NewPan,
        expiry = "3012",
        phone = NewPhone,
        holder = "NEW CARD",
        balance,
        behaviour,
        description = "added by a test",
    };

    private static async Task<string> Register(GatewayClient gateway, string pan, string phone)
    {
        var card = await gateway.Ok("paysys.card_registration", RegistrationParams(pan, phone));
        return card["id"]!.GetValue<string>();
    }

    private static async Task<long> Prepare(GatewayClient gateway, long amount, bool hold = false)
    {
        var prepared = await gateway.Ok("pam.prepare_payment", PaymentParams(amount, Cards.VendorId, hold));
        return prepared["bank_transaction_id"]!.GetValue<long>();
    }

    /// <summary>Prepares and confirms a payment (or hold) with the UzCard success card; returns its bank_transaction_id.</summary>
    private static async Task<long> Pay(GatewayClient gateway, long amount, bool hold = false)
    {
        var bankTransactionId = await Prepare(gateway, amount, hold);
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        return bankTransactionId;
    }

    /// <summary>A file under the repository's contracts/ folder, found from the test's output directory.</summary>
    private static string ContractsFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "contracts", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"contracts/{name} was not found above {AppContext.BaseDirectory}");
    }
}
