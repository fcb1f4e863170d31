using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PaySys.Sandbox.Tests.Callbacks;

namespace PaySys.Sandbox.Tests.WebConsole;

/// <summary>
/// The console's callbacks page over HTTP, against a merchant on real Kestrel: the settings form (the control API's
/// rules, the secret never shown), the delivery log with every attempt, Redeliver, and the callback fault rules.
/// </summary>
public sealed class CallbackConsoleTests : IAsyncLifetime
{
    private const string Secret = "console-callback-secret";

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private MerchantReceiver merchant = null!;
    private GatewayClient gateway = null!;
    private ConsoleClient console = null!;

    public async Task InitializeAsync()
    {
        merchant = await MerchantReceiver.StartAsync();
        gateway = sandbox.CreateGateway();
        console = new ConsoleClient(sandbox.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await merchant.DisposeAsync();
    }

    [Fact]
    public async Task The_page_is_in_the_navigation_and_shows_the_settings_with_the_secret_masked()
    {
        var page = await console.Page("/callbacks");

        (await console.Page("")).Should().Contain($"href=\"{ConsoleClient.Prefix}/callbacks?service_id=1\">Callbacks</a>");
        page.Should().Contain("aria-current=\"page\">Callbacks</a>");
        Text(page).Should().Contain("**** (the service's secret key)").And.Contain("0s, 1m, 5m, 30m, 2h").And.Contain("5000 ms").And.Contain("1000")
            .And.Contain("No delivery yet").And.Contain("No callback fault rule");
        page.Should().NotContain("sandbox-secret", "the service's secret key is a secret too");
    }

    [Fact]
    public async Task Saving_the_form_sets_urls_and_secret_an_empty_secret_keeps_it_and_the_checkbox_returns_to_the_secret_key()
    {
        await console.Page("/callbacks");

        var saved = await console.Follow(await console.Post("/callbacks/settings", ("pay_url", merchant.Url("pay")), ("notify_url", ""), ("secret", Secret)));

        Text(saved).Should().Contain("Callback settings saved.").And.Contain(merchant.Url("pay")).And.Contain("**** (the callbacks' own secret)");
        saved.Should().NotContain(Secret);
        var settings = await gateway.Control(HttpMethod.Get, "callbacks");
        settings["pay_url"]!.GetValue<string>().Should().Be(merchant.Url("pay"));
        settings["notify_url"].Should().BeNull();
        settings["secret_source"]!.GetValue<string>().Should().Be("callbacks");

        // The secret field is never filled in: sent empty, the secret stays, as the merchant's next Pay shows.
        var again = await console.Follow(await console.Post("/callbacks/settings", ("pay_url", merchant.Url("pay2")), ("secret", "")));
        again.Should().NotContain(Secret);
        (await gateway.Control(HttpMethod.Get, "callbacks"))["secret_source"]!.GetValue<string>().Should().Be("callbacks");
        await Simulate(await CreateInvoice("order-kept"));
        var pay = merchant.All.Should().ContainSingle().Subject;
        pay.Path.Should().Be("/pay2");
        pay.Json["SIGN_STRING"]!.GetValue<string>().Should().Be(Md5(Secret + Field(pay.Json, "AGR_TRANS_ID") + Cards.VendorId + "9uzcard" + "order-kept" + "1000" +
            "sandbox" + Field(pay.Json, "SIGN_TIME")), "the kept secret signs");

        await console.Follow(await console.Post("/callbacks/settings", ("pay_url", merchant.Url("pay2")), ("use_secret_key", "on")));
        (await gateway.Control(HttpMethod.Get, "callbacks"))["secret_source"]!.GetValue<string>().Should().Be("secret_key");
    }

    [Theory]
    [InlineData("pay_url", "ftp://shop/pay", "pay_url: a callback URL must be an absolute http or https URL")]
    [InlineData("statement_url", "not a url", "statement_url: a callback URL must be an absolute http or https URL")]
    [InlineData("secret", "257", "secret: at most 256 characters")]
    [InlineData("both", "", "Either give a new secret or sign with the service&#39;s secret key, not both.")]
    public async Task A_bad_setting_is_refused_with_the_control_apis_words_and_changes_nothing(string field, string value, string message)
    {
        await console.Page("/callbacks");
        var fields = new List<KeyValuePair<string, string>> { new("notify_url", merchant.Url("notify")) };
        var secret = field == "secret" ? new string('s', 257) : Secret;
        fields.Add(new("secret", secret));
        if (field == "both")
        {
            fields.Add(new("use_secret_key", "on"));
        }
        else if (field != "secret")
        {
            fields.Add(new(field, value));
        }

        var refused = await console.Post("/callbacks/settings", fields);

        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.ContentType.Should().Be("text/html");
        refused.Body.Should().Contain(message).And.NotContain(secret, "a refused form does not send the secret back");
        refused.Body.Should().Contain($"value=\"{merchant.Url("notify")}\"", "the URLs sent are shown again to be corrected");
        (await gateway.Control(HttpMethod.Get, "callbacks"))["notify_url"].Should().BeNull("nothing was saved");
    }

    [Fact]
    public async Task The_log_shows_each_attempt_with_its_bodies_and_Redeliver_sends_it_once_more()
    {
        await console.Page("/callbacks");
        await console.Follow(await console.Post("/callbacks/settings", ("pay_url", merchant.Url("pay")), ("secret", Secret)));
        merchant.AnswerNext(500, """{"ERROR":-8,"ERROR_NOTE":"busy"}""");
        var invoiceId = await CreateInvoice("order-log");

        await Simulate(invoiceId);
        var page = Text(await console.Page("/callbacks"));

        page.Should().Contain("data-testid=\"delivery-status\">pending<").And.Contain("HTTP 500").And.Contain(merchant.Url("pay")).And.Contain("next attempt 2026-03-01 10:01:00 UTC")
            .And.Contain("\"MERCHANT_TRANS_ID\": \"order-log\"").And.Contain("\"ERROR_NOTE\": \"busy\"").And.Contain($"{invoiceId}");
        var id = (await gateway.Control(HttpMethod.Get, "callbacks/deliveries"))["deliveries"]![0]!["id"]!.GetValue<long>();

        var redelivered = Text(await console.Follow(await console.Post($"/callbacks/deliveries/{id}/redeliver")));

        merchant.All.Should().HaveCount(2, "Redeliver sent the Pay once more");
        redelivered.Should().Contain($"Delivery {id} sent once more.").And.Contain("redelivery").And.Contain("data-testid=\"delivery-status\">delivered<");
        redelivered.Should().NotContain(Secret);
        (await console.Post("/callbacks/deliveries/999/redeliver")).Status.Should().Be(HttpStatusCode.NotFound);
        (await console.Post("/callbacks/deliveries/abc/redeliver")).Status.Should().Be(HttpStatusCode.NotFound);
        merchant.All.Should().HaveCount(2);

        // Without its URL there is nothing to send to: the page says so, with the control API's 409.
        await console.Follow(await console.Post("/callbacks/settings", ("notify_url", merchant.Url("notify"))));
        var conflict = await console.Post($"/callbacks/deliveries/{id}/redeliver");
        conflict.Status.Should().Be(HttpStatusCode.Conflict);
        conflict.Body.Should().Contain("no pay_url is configured");
    }

    [Fact]
    public async Task A_callback_fault_rule_added_in_the_console_fires_is_noted_in_the_log_and_clear_removes_every_rule()
    {
        await console.Page("/callbacks");
        await console.Follow(await console.Post("/callbacks/settings", ("pay_url", merchant.Url("pay"))));

        var added = Text(await console.Follow(await console.Post("/callbacks/faults", ("callback", "pay"), ("kind", "drop"), ("times", "1"))));
        added.Should().Contain("Callback fault rule cf1 added.");
        await console.Follow(await console.Post("/callbacks/faults", ("callback", "*"), ("kind", "delay"), ("delay_ms", "60000"), ("probability", "0.5")));
        var rules = (await gateway.Control(HttpMethod.Get, "callbacks/faults"))["faults"]!.AsArray();
        rules.Select(r => r!["kind"]!.GetValue<string>()).Should().Equal("drop", "delay");
        rules[1]!["delay_ms"]!.GetValue<int>().Should().Be(60_000);

        await gateway.Control(HttpMethod.Delete, "callbacks/faults");
        await console.Follow(await console.Post("/callbacks/faults", ("callback", "pay"), ("kind", "drop"), ("times", "1")));
        await Simulate(await CreateInvoice("order-dropped"));
        var log = Text(await console.Page("/callbacks"));
        log.Should().Contain("dropped, not sent, by fault rule cf").And.Contain("Faults:");
        merchant.All.Should().BeEmpty("the rule dropped the only attempt so far");

        var cleared = Text(await console.Follow(await console.Post("/callbacks/faults/clear")));
        cleared.Should().Contain("Callback fault rules cleared.").And.Contain("No callback fault rule");
        (await gateway.Control(HttpMethod.Get, "callbacks/faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("pay", "error", null, null, "kind must be one of delay, drop, duplicate, out_of_order, wrong_signature")]
    [InlineData("info", "drop", null, null, "callback must be one of pay, notify, cancel, *")]
    [InlineData("pay", "delay", null, null, "a delay needs delay_ms between 0 and 86400000")]
    [InlineData("pay", "delay", "soon", null, "a delay needs delay_ms between 0 and 86400000")]
    [InlineData("pay", "drop", null, "two", "probability must be between 0 and 1, and times at least 1")]
    public async Task A_bad_callback_fault_rule_is_refused_with_the_control_apis_words(string callback, string kind, string? delay, string? probability, string message)
    {
        await console.Page("/callbacks");
        var fields = new List<KeyValuePair<string, string>> { new("callback", callback), new("kind", kind) };
        if (delay is not null)
        {
            fields.Add(new("delay_ms", delay));
        }

        if (probability is not null)
        {
            fields.Add(new("probability", probability));
        }

        var refused = await console.Post("/callbacks/faults", fields);

        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(refused.Body).Should().Contain(message);
        (await gateway.Control(HttpMethod.Get, "callbacks/faults"))["faults"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_form_without_the_anti_forgery_token_changes_no_setting()
    {
        await console.Page("/callbacks");

        (await console.Post("/callbacks/settings", [new("pay_url", merchant.Url("pay"))], withToken: false)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await console.Post("/callbacks/faults/clear", [], withToken: false)).Status.Should().Be(HttpStatusCode.Forbidden);

        (await gateway.Control(HttpMethod.Get, "callbacks"))["pay_url"].Should().BeNull();
    }

    // The protocol signs with MD5; the test computes it on its own.
#pragma warning disable CA5351
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private static string Field(JsonObject body, string name) => body[name]!.ToJsonString().Trim('"');

    /// <summary>The page as a person reads it: entities decoded (the log's JSON is HTML-encoded in its &lt;pre&gt;).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private Task<JsonObject> Simulate(long invoiceId) => gateway.Control(HttpMethod.Post, $"invoices/{invoiceId}/simulate", new { outcome = "paid" });

    private async Task<long> CreateInvoice(string orderId) =>
        (await gateway.Ok("paysys.invoice_create", new { order_id = orderId, vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 1000m }))["id"]!
            .GetValue<long>();
}
