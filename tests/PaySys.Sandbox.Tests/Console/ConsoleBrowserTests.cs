using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PaySys.Sandbox.Testing;
using static Microsoft.Playwright.Assertions;

namespace PaySys.Sandbox.Tests.WebConsole;

/// <summary>
/// The console in a real headless Chromium (Debian's, never a downloaded one) against a sandbox with an admin token
/// on a real socket: QA sign in, watch a card's code arrive in the live inbox, pay, read the timeline, move the
/// clock past a hold's expiry, and break a call with a fault rule that the journal then explains.
/// </summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private const string AdminToken = "console-admin-token";

    private PaySysSandbox? sandbox;

    public async Task InitializeAsync() => sandbox = await PaySysSandbox.StartAsync(o => o.AdminToken = AdminToken);

    public async Task DisposeAsync()
    {
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task QA_sign_in_read_codes_live_pay_see_the_timeline_expire_a_hold_and_see_a_fault_explained()
    {
        var gateway = new GatewayClient(sandbox!.CreateHttpClient(), TimeProvider.System, "1", "sandbox-secret");
        var console = new Uri(sandbox.BaseAddress, "/_sandbox/ui").ToString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactAttribute.LaunchChromiumAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        // Nothing of the console without the admin token: the login form comes first.
        var answer = await page.GotoAsync(console + "/sms");
        answer!.Status.Should().Be(401);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshot(page, "login");
        await page.GetByLabel("Admin token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("not the admin token");
        await page.GetByLabel("Admin token").FillAsync(AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SMS inbox" })).ToBeVisibleAsync();
        (await context.CookiesAsync()).Single().HttpOnly.Should().BeTrue();

        // The inbox is open; the card's code appears in it without a reload.
        await page.EvaluateAsync("() => window.stillTheSamePage = true");
        var cardId = (await gateway.Ok("paysys.card_registration", new { card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry, phone_number = Cards.UzcardPhone }))["id"]!.GetValue<string>();
        var newest = page.GetByTestId("sms").First;
        await Expect(newest).ToContainTextAsync(cardId);
        var registrationCode = await newest.GetByTestId("sms-code").InnerTextAsync();
        registrationCode.Should().MatchRegex("^[0-9]{6}$");
        await newest.GetByRole(AriaRole.Button, new() { Name = $"Copy code {registrationCode}" }).ClickAsync();
        await Expect(newest.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Copy code") })).ToHaveTextAsync(new Regex($"^(Copied|{registrationCode})$"));
        await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = registrationCode });

        // A hold payment: its code arrives on top of the same page, still without a reload.
        var bankTransactionId = (await gateway.Ok("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount = 250_000,
            vendor_id = Cards.VendorId,
            product = "browser-hold",
            hold = true,
            holding_time = 3600,
            after_expired = "cancel",
        }))["bank_transaction_id"]!.GetValue<long>();
        await Expect(newest).ToContainTextAsync(bankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var paymentCode = await newest.GetByTestId("sms-code").InnerTextAsync();
        (await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true")).Should().BeTrue("the inbox updated itself");
        await Screenshot(page, "sms-inbox");
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = paymentCode });

        // The transaction's timeline: which call moved it, when.
        await page.GetByRole(AriaRole.Link, new() { Name = "Transactions", Exact = true }).ClickAsync();
        await Screenshot(page, "transactions");
        await page.GetByRole(AriaRole.Link, new() { Name = bankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("held (7)");
        await Expect(page.GetByTestId("step")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("step").Nth(1)).ToContainTextAsync("pam.confirm_payment");
        await Screenshot(page, "transaction");

        // A day later on the virtual clock the hold has expired and was cancelled.
        await page.GetByRole(AriaRole.Link, new() { Name = "Clock", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+1 day" }).ClickAsync();
        await Expect(page.GetByTestId("triggered")).ToContainTextAsync($"Transaction {bankTransactionId}");
        await Expect(page.GetByTestId("triggered")).ToContainTextAsync("hold expired and was cancelled");
        await Screenshot(page, "clock");
        await page.GetByTestId("triggered").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("cancelled (3)");
        await Expect(page.GetByTestId("step").Nth(2)).ToContainTextAsync("the virtual clock (expiry)");

        // A fault rule added in the console refuses the next check, and the journal says why.
        await page.GetByRole(AriaRole.Link, new() { Name = "Faults & switches" }).ClickAsync();
        var errorRule = page.GetByTestId("add-error");
        await errorRule.GetByLabel("Method").SelectOptionAsync("pam.check_payment");
        await errorRule.GetByLabel("Error").SelectOptionAsync("-32318");
        await errorRule.GetByRole(AriaRole.Button, new() { Name = "Add error rule" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Fault rule f1 added.");
        await Expect(page.GetByTestId("fault")).ToContainTextAsync("processing_unavailable");
        await Screenshot(page, "faults");
        await gateway.Error("pam.check_payment", new { bank_transaction_id = bankTransactionId }, -32318);
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal" }).ClickAsync();
        await page.GetByLabel("Outcome").SelectOptionAsync("-32318");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByTestId("call")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("why")).ToHaveTextAsync("Why: Fault rule f1 (error) answered -32318 processing_unavailable instead of calling the method.");
        await page.GetByText("Request and response").ClickAsync();
        await Screenshot(page, "journal");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cards" }).ClickAsync();
        await Expect(page.GetByTestId("registered")).ToContainTextAsync(cardId);
        await Screenshot(page, "cards");
        (await page.ContentAsync()).Should().NotContain(Cards.UzcardPan, "a full card number is never shown");

        // Readable at phone width too.
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByRole(AriaRole.Link, new() { Name = "SMS inbox" }).ClickAsync();
        await Expect(page.GetByTestId("sms").First).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390 + 1, "nothing but tables scrolls sideways");
        await Screenshot(page, "sms-inbox-phone");
    }

    /// <summary>
    /// Keeps each screenshot with the test output; with PAYSYS_UPDATE_SCREENSHOTS=1 it also replaces docs/console/*.png
    /// for the README (a run never rewrites a tracked file otherwise: fonts differ per machine).
    /// </summary>
    private static async Task Screenshot(IPage page, string name)
    {
        var png = await page.ScreenshotAsync(new() { FullPage = true });
        png.Should().NotBeEmpty();
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, $"console-{name}.png"), png);
        if (Environment.GetEnvironmentVariable("PAYSYS_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaySysSandbox.sln")))
            {
                Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "console"));
                File.WriteAllBytes(Path.Combine(dir.FullName, "docs", "console", $"{name}.png"), png);
                return;
            }
        }
    }
}
