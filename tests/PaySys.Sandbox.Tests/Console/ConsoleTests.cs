using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Sandbox.Tenants;
using PaySys.Sandbox.WebConsole;

namespace PaySys.Sandbox.Tests.WebConsole;

/// <summary>
/// The web console at /_sandbox/ui over HTTP: every page and form, its session cookie and anti-forgery token, the
/// admin token's login, and that no page ever shows a full card number or card token.
/// </summary>
public sealed class ConsoleTests : IDisposable
{
    private const long Amount = 300_000;

    private static readonly string[] Pages =
        ["", "/sms", "/sms/rows", "/cards", "/transactions", "/invoices", "/payouts", "/journal", "/faults", "/reset"];

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;
    private readonly ConsoleClient console;

    public ConsoleTests()
    {
        gateway = sandbox.CreateGateway();
        console = new ConsoleClient(sandbox.CreateClient());
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Every_page_answers_html_and_shows_cards_and_tokens_only_masked()
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        token.Should().NotBeNull();
        var paid = await Pay();
        await gateway.Ok("paysys.invoice_create", new { order_id = "order-1", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 12.5m });

        foreach (var path in Pages.Append($"/transactions/{paid}"))
        {
            var html = await console.Page(path);
            html.Should().NotContain(Cards.UzcardPan, "{0} never shows a full card number", path);
            html.Should().NotContain(token!, "{0} never shows a card token", path);
        }

        var cards = await console.Page("/cards");
        cards.Should().Contain("860049******3347").And.Contain(cardId).And.Contain(token![..4] + "…", "the token shows its first 4 characters only");
        (await console.Page("/transactions")).Should().Contain($">{paid}</a>").And.Contain("860049******3347");
        (await console.Page("/invoices")).Should().Contain("order-1").And.Contain("/payform?hash=");
    }

    [Fact]
    public async Task The_first_page_sets_an_http_only_same_site_strict_session_cookie()
    {
        var page = await console.Get("");

        page.Status.Should().Be(HttpStatusCode.OK);
        var cookie = page.SetCookies.Should().ContainSingle().Subject;
        cookie.Should().StartWith("paysys_console=").And.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/_sandbox/ui");
        page.Body.Should().Contain("name=\"csrf\"", "every form that changes state carries the anti-forgery token");
        (await console.Get("/sms")).SetCookies.Should().BeEmpty("the session is kept, not renewed on every page");
    }

    [Fact]
    public async Task A_form_without_the_session_or_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var before = (await gateway.Control(HttpMethod.Get, "clock"))["offset_seconds"]!.GetValue<long>();

        (await console.Post("/clock", ("seconds", "3600"))).Status.Should().Be(HttpStatusCode.Forbidden, "no session yet");
        await console.Page("");
        (await console.Post("/clock", [new("seconds", "3600")], withToken: false)).Status.Should().Be(HttpStatusCode.Forbidden, "no token");
        (await console.Post("/clock", ("seconds", "3600"), ("csrf", new string('0', 64)))).Status.Should().Be(HttpStatusCode.Forbidden);
        var other = new ConsoleClient(sandbox.CreateClient());
        await other.Page("");
        (await console.Post("/clock", [new("seconds", "3600"), new("csrf", other.AntiForgeryToken!)], withToken: false))
            .Status.Should().Be(HttpStatusCode.Forbidden, "another session's token is not this session's");

        (await gateway.Control(HttpMethod.Get, "clock"))["offset_seconds"]!.GetValue<long>().Should().Be(before);
    }

    [Fact]
    public async Task Advancing_the_clock_past_a_hold_shows_the_expiry_it_triggered_and_the_timeline_the_cause()
    {
        var held = await Pay(hold: true, holdingTime: 90);
        await console.Page("");

        var moved = await console.Post("/clock", ("seconds", "120"));
        var page = await console.Follow(moved);

        moved.Location.Should().Contain("moved_from=").And.Contain("moved_to=");
        page.Should().Contain("data-testid=\"triggered\"").And.Contain($"Transaction {held}").And.Contain("hold expired and was cancelled");
        (await gateway.PaymentStatus(held)).Should().Be("3");
        (await gateway.Control(HttpMethod.Get, "clock"))["offset_seconds"]!.GetValue<long>().Should().Be(120);

        var timeline = await console.Page($"/transactions/{held}");
        timeline.Should().Contain("<code>pam.prepare_payment</code>").And.Contain("<code>pam.confirm_payment</code>")
            .And.Contain("the virtual clock (expiry)").And.Contain("cancelled (3)");
        timeline.Should().Contain(SandboxFactory.Start.AddSeconds(90).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            "the expiry happened at its own due time on the virtual clock");
    }

    [Fact]
    public async Task A_custom_move_advances_by_its_unit_and_a_bad_one_is_explained_without_moving()
    {
        await console.Page("");

        await console.Follow(await console.Post("/clock", ("amount", "3"), ("unit", "h")));
        (await gateway.Control(HttpMethod.Get, "clock"))["offset_seconds"]!.GetValue<long>().Should().Be(3 * 3600);

        foreach (var bad in new[] { new[] { ("seconds", "-5") }, [("amount", "x"), ("unit", "h")], [("amount", "1"), ("unit", "years")],
                     [("amount", "99999999999999999"), ("unit", "d")], [("seconds", "99999999999999")] })
        {
            var refused = await console.Post("/clock", bad);
            refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.Body);
            refused.Body.Should().Contain("data-testid=\"error\"");
        }

        (await gateway.Control(HttpMethod.Get, "clock"))["offset_seconds"]!.GetValue<long>().Should().Be(3 * 3600);
    }

    [Fact]
    public async Task The_sms_inbox_lists_codes_newest_first_and_its_rows_are_polled_alone()
    {
        await gateway.Ok("paysys.card_registration", new { card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        var paying = await Prepare();

        var inbox = await console.Page("/sms");
        var rows = await console.Page("/sms/rows");

        inbox.Should().Contain("data-poll=\"/_sandbox/ui/sms/rows?service_id=1\"").And.Contain("data-copy=\"666666\"");
        rows.Should().NotContain("<html", "the polled fragment is the rows alone");
        rows.IndexOf($">{paying}</a>", StringComparison.Ordinal).Should().BeLessThan(rows.IndexOf("card registration", StringComparison.Ordinal),
            "the newest SMS (the payment's) comes first");
    }

    [Fact]
    public async Task A_fault_rule_added_in_the_console_fires_and_the_journal_explains_the_refused_call()
    {
        await console.Page("/faults");

        var added = await console.Post("/faults", ("kind", "error"), ("method", "pam.check_payment"), ("code", "-32318"), ("times", "1"));
        var faults = await console.Follow(added);
        faults.Should().Contain("Fault rule f1 added").And.Contain("pam.check_payment").And.Contain("-32318 processing_unavailable");

        await gateway.Error("pam.check_payment", new { bank_transaction_id = 1 }, -32318);
        var journal = await console.Page("/journal", "code=-32318");
        journal.Should().Contain("Fault rule f1 (error) answered -32318 processing_unavailable instead of calling the method.");
        (await console.Page("/faults")).Should().Contain("No fault rule", "the rule was used up");

        await console.Follow(await console.Post("/faults", ("kind", "http_status"), ("method", "*"), ("http_status", "503")));
        var (status, _) = await gateway.PostRaw("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{}}", new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });
        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await console.Page("/journal", "status=503")).Should().Contain("Fault rule f2 (http_status) answered HTTP 503");
        (await console.Page("/journal", "status=200")).Should().Contain("(error) answered -32318").And.NotContain("answered HTTP 503");

        await console.Follow(await console.Post("/faults/f2/remove"));
        (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Every_fault_kind_has_a_form_and_a_bad_rule_is_refused_with_the_control_apis_words()
    {
        var page = await console.Page("/faults");
        foreach (var kind in new[] { "delay", "error", "http_status", "malformed", "drop" })
        {
            page.Should().Contain($"data-testid=\"add-{kind}\"");
        }

        var refused = await console.Post("/faults", ("kind", "http_status"), ("method", "*"), ("http_status", "200"));
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Body.Should().Contain("an http_status needs http_status between 400 and 599");
        (await console.Post("/faults", ("kind", "boom"), ("method", "*"))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await console.Post("/faults", ("kind", "delay"), ("method", "*"), ("delay_ms", "10"), ("probability", "two"))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await console.Post("/faults/f99/remove")).Status.Should().Be(HttpStatusCode.NotFound);
        (await gateway.Control(HttpMethod.Get, "faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_journal_names_the_magic_card_the_state_guard_and_the_expired_code_that_refused_a_call()
    {
        await gateway.Error("pam.prepare_payment", Order(Cards.InsufficientFundsPan, "3012", Cards.PhoneOf(Cards.InsufficientFundsPan)), -32309);
        var paid = await Pay();
        await gateway.Error("hold.confirm", new { bank_transaction_id = paid, status = "accept" }, -32312);
        var prepared = await Prepare();
        await gateway.AdvanceClock(600);
        await gateway.Error("pam.confirm_payment", new { bank_transaction_id = prepared, confirmation_code = Cards.FixedOtp }, -32308);

        var journal = await console.Page("/journal", "code=error");

        journal.Should().Contain("Magic card 860000******0001 (insufficient_funds)");
        journal.Should().Contain("State guard: transaction").And.Contain("-32312 transaction_not_allowed");
        journal.Should().Contain("-32308 wrong_code");
        (await console.Page("/journal", "method=pam.prepare_payment&code=ok")).Should().Contain("<code>pam.prepare_payment</code>").And.NotContain("Magic card 860000");
        journal.Should().NotContain(Cards.InsufficientFundsPan);
    }

    [Fact]
    public async Task Transactions_are_filtered_and_paged_newest_first()
    {
        for (var i = 0; i < 55; i++)
        {
            await Prepare();
        }

        var paid = await Pay();

        var first = await console.Page("/transactions", "status=1");
        first.Should().Contain("55 of 56 transaction(s) match").And.Contain("page 1 of 2").And.Contain("rel=\"next\"");
        first.Split("data-testid=\"transaction\"").Length.Should().Be(51, "a page holds 50 transactions");
        (await console.Page("/transactions", "status=1&page=1")).Split("data-testid=\"transaction\"").Length.Should().Be(6);
        var unfiltered = await console.Page("/transactions", "page=1");
        unfiltered.Should().Contain("56 of 56").And.Contain("page 2 of 2").And.Contain("rel=\"prev\"");
        unfiltered.Split("data-testid=\"transaction\"").Length.Should().Be(7, "the oldest 6 of 56, unfiltered");
        unfiltered.Should().NotContain($">{paid}</a>", "the newest transaction is on the first page");
        (await console.Page("/transactions", "status=2")).Should().Contain("1 of 56").And.Contain($">{paid}</a>");
        (await console.Page("/transactions", "card=0001")).Should().Contain("0 of 56");
        (await console.Page("/transactions", "card=3347&method=otp&min=2999.99&max=3000&from=2026-03-01&to=2026-03-01")).Should().Contain("56 of 56");
        (await console.Page("/transactions", "method=token")).Should().Contain("0 of 56");
        var odd = await console.Page("/transactions", "status=abc&min=lots&from=yesterday&page=x");
        odd.Should().Contain("56 of 56").And.Contain("Ignored what could not be read: status, min, from");
    }

    [Fact]
    public async Task Console_pages_are_never_cached_or_framed_by_another_site()
    {
        using var response = await sandbox.CreateClient().GetAsync("/_sandbox/ui/cards");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("frame-ancestors 'none'");
    }

    [Fact]
    public async Task With_open_tenants_the_picker_lists_every_tenant_seen_and_a_look_or_a_forged_form_opens_none()
    {
        using var open = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:OpenTenants"] = "true", ["Sandbox:FixedOtp"] = Cards.FixedOtp });
        await open.CreateGateway("shop_a").Ok("paysys.card_registration", new { card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        var visitor = new ConsoleClient(open.CreateClient(), "shop_b");

        var page = await visitor.Page("");
        (await visitor.Post("/clock", [new("seconds", "60"), new("csrf", "forged")], withToken: false)).Status.Should().Be(HttpStatusCode.Forbidden);

        page.Should().Contain("<option value=\"1\">service 1</option>").And.Contain("service shop_a").And.Contain("selected>service shop_b");
        var tenants = open.Services.GetRequiredService<TenantRegistry>().All.Select(t => t.ServiceId);
        tenants.Should().BeEquivalentTo(["1", "shop_a"], "looking at shop_b, or a forged form for it, does not open it");
        (await visitor.Page("/sms")).Should().Contain("No SMS yet");
    }

    [Fact]
    public async Task A_transaction_that_does_not_exist_and_a_tenant_that_does_not_exist_answer_404_pages()
    {
        var missing = await console.Get("/transactions/999");
        missing.Status.Should().Be(HttpStatusCode.NotFound);
        missing.ContentType.Should().Be("text/html");
        (await console.Get("/transactions/abc")).Status.Should().Be(HttpStatusCode.NotFound);

        var stranger = new ConsoleClient(sandbox.CreateClient(), "777");
        var page = await stranger.Get("");
        page.Status.Should().Be(HttpStatusCode.NotFound);
        page.Body.Should().Contain("service_id 777 is not a known service");
    }

    [Fact]
    public async Task Service_and_vendor_switches_turn_the_gateway_off_and_on()
    {
        await console.Page("/faults");

        await console.Follow(await console.Post("/service", ("blocked", "true")));
        await gateway.Error("pam.check_payment", new { bank_transaction_id = 1 }, -32315);
        (await console.Page("/faults")).Should().Contain("switched off (-32315)");
        await console.Follow(await console.Post("/service", ("blocked", "false")));
        await console.Follow(await console.Post($"/vendors/{Cards.VendorId}", ("blocked", "true")));

        var service = await gateway.Control(HttpMethod.Get, "service");
        service["blocked"]!.GetValue<bool>().Should().BeFalse();
        service["vendors"]!.AsArray().Single(v => v!["vendor_id"]!.GetValue<long>() == Cards.VendorId)!["blocked"]!.GetValue<bool>().Should().BeTrue();
        (await console.Post("/vendors/1", ("blocked", "true"))).Status.Should().Be(HttpStatusCode.NotFound);
        (await console.Post("/service", ("blocked", "maybe"))).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reset_needs_the_service_id_typed_to_confirm_and_then_wipes_the_tenant()
    {
        await Pay();
        await console.Page("/reset");

        var unconfirmed = await console.Post("/reset", ("confirm", "yes"));
        unconfirmed.Status.Should().Be(HttpStatusCode.BadRequest);
        (await gateway.Transactions()).Should().HaveCount(1, "nothing was reset");

        var done = await console.Follow(await console.Post("/reset", ("confirm", "1")));
        done.Should().Contain("Service 1 was reset.");
        (await gateway.Transactions()).Should().BeEmpty();
    }

    [Fact]
    public async Task With_an_admin_token_nothing_is_reachable_before_the_login_form_sets_its_cookie()
    {
        using var guarded = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = "s3cret-token" });
        var visitor = new ConsoleClient(guarded.CreateClient());

        foreach (var path in Pages.Append("/transactions/1"))
        {
            var page = await visitor.Get(path);
            page.Status.Should().Be(HttpStatusCode.Unauthorized, "GET {0} without the cookie", path);
            page.Body.Should().Contain("type=\"password\"", "the 401 carries the login form").And.Contain($"name=\"next\" value=\"{ConsoleClient.Prefix}{path}?service_id=1\"");
            page.SetCookies.Should().BeEmpty();
        }

        (await visitor.Post("/clock", ("seconds", "60"))).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await visitor.Post("/reset", ("confirm", "1"))).Status.Should().Be(HttpStatusCode.Unauthorized);

        var unsigned = new ConsoleClient(sandbox.CreateClient());
        await unsigned.Page("");
        visitor.Cookie = unsigned.Cookie;
        (await visitor.Get("")).Status.Should().Be(HttpStatusCode.Unauthorized, "a cookie issued without the token does not open a console that has one");

        var login = await visitor.Send(new HttpRequestMessage(HttpMethod.Get, "/_sandbox/ui/login?next=%2F_sandbox%2Fui%2Fsms%3Fservice_id%3D1"));
        login.Status.Should().Be(HttpStatusCode.Unauthorized);
        login.Body.Should().Contain("type=\"password\"").And.NotContain("s3cret-token");
        var wrong = await SignIn(visitor, "guess");
        wrong.Status.Should().Be(HttpStatusCode.Unauthorized);
        wrong.SetCookies.Should().BeEmpty();

        var signedIn = await SignIn(visitor, "s3cret-token", next: "/_sandbox/ui/sms?service_id=1");
        signedIn.Status.Should().Be(HttpStatusCode.Redirect);
        signedIn.Location.Should().Be("/_sandbox/ui/sms?service_id=1");
        signedIn.SetCookies.Single().Should().Contain("httponly").And.Contain("samesite=strict").And.NotContain("s3cret-token");
        (await visitor.Page("/sms")).Should().Contain("SMS inbox").And.Contain("Log out");
        (await visitor.Post("/clock", ("seconds", "60"))).Status.Should().Be(HttpStatusCode.Redirect);

        var logout = await visitor.Post("/logout");
        logout.Location.Should().Be("/_sandbox/ui/login");
        (await visitor.Get("")).Status.Should().Be(HttpStatusCode.Unauthorized, "after logging out the cookie is gone");
    }

    [Fact]
    public async Task With_an_admin_token_the_control_apis_header_opens_the_console_too()
    {
        using var guarded = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = "s3cret-token" });
        var script = new ConsoleClient(guarded.CreateClient());
        script.Http.DefaultRequestHeaders.Add("X-Sandbox-Token", "s3cret-token");

        (await script.Page("/cards")).Should().Contain("Cards");
        (await script.Follow(await script.Post("/clock", [new("seconds", "60")], withToken: false))).Should().Contain("data-testid=\"triggered\"");
        var wrong = new ConsoleClient(guarded.CreateClient());
        wrong.Http.DefaultRequestHeaders.Add("X-Sandbox-Token", "s3cret-tokeN");
        (await wrong.Get("/cards")).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/_sandbox/ui")]
    [InlineData("/_sandbox/ui//evil.example")]
    [InlineData("/elsewhere")]
    public async Task The_login_form_only_sends_the_person_on_to_a_console_page(string next)
    {
        using var guarded = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = "s3cret-token" });
        var visitor = new ConsoleClient(guarded.CreateClient());

        var signedIn = await SignIn(visitor, "s3cret-token", next);

        signedIn.Location.Should().Be(ConsoleEndpoints.Prefix);
    }

    [Fact]
    public async Task Without_an_admin_token_the_login_form_sends_the_person_to_the_console()
    {
        var login = await console.Send(new HttpRequestMessage(HttpMethod.Get, "/_sandbox/ui/login"));

        login.Status.Should().Be(HttpStatusCode.Redirect);
        login.Location.Should().Be(ConsoleEndpoints.Prefix);
    }

    private static Task<ConsolePage> SignIn(ConsoleClient visitor, string token, string next = "/_sandbox/ui") =>
        visitor.Send(new HttpRequestMessage(HttpMethod.Post, "/_sandbox/ui/login")
        {
            Content = new FormUrlEncodedContent([new("token", token), new("next", next)]),
        });

    private static JsonObject Order(string pan, string expiry, string phone, bool hold = false, long? holdingTime = null)
    {
        var order = new JsonObject
        {
            ["card_number"] = pan,
            ["card_expire"] = expiry,
            ["phone_number"] = phone,
            ["amount"] = Amount,
            ["vendor_id"] = Cards.VendorId,
            ["product"] = "console-order",
            ["hold"] = hold,
        };
        if (holdingTime is { } seconds)
        {
            order["holding_time"] = seconds;
            order["after_expired"] = "cancel";
        }

        return order;
    }

    private async Task<long> Prepare(bool hold = false, long? holdingTime = null) =>
        (await gateway.Ok("pam.prepare_payment", Order(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone, hold, holdingTime)))["bank_transaction_id"]!.GetValue<long>();

    private async Task<long> Pay(bool hold = false, long? holdingTime = null)
    {
        var id = await Prepare(hold, holdingTime);
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = id, confirmation_code = Cards.FixedOtp });
        return id;
    }
}
