using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PaySys.Sandbox.Testing;
using PaySys.Sandbox.Tests.Callbacks;
using static Microsoft.Playwright.Assertions;

namespace PaySys.Sandbox.Tests.WebConsole;

/// <summary>
/// The console's callbacks page in a real headless Chromium (Debian's): QA points the Pay callback at a merchant on
/// loopback Kestrel, pays an invoice, reads the failed attempt and its bodies in the log, and redelivers it.
/// </summary>
public sealed class CallbackConsoleBrowserTests : IAsyncLifetime
{
    private const string Secret = "browser-callback-secret";

    private PaySysSandbox? sandbox;
    private MerchantReceiver? merchant;

    public async Task InitializeAsync()
    {
        merchant = await MerchantReceiver.StartAsync();
        // One scheduled attempt only: the failed Pay then waits for QA's Redeliver, not for the real clock's retry.
        sandbox = await PaySysSandbox.StartAsync(o => o.CallbackRetrySchedule = [TimeSpan.Zero]);
    }

    public async Task DisposeAsync()
    {
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }

        if (merchant is not null)
        {
            await merchant.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task QA_sets_the_pay_url_pays_an_invoice_reads_the_failed_attempt_and_redelivers_it()
    {
        var gateway = new GatewayClient(sandbox!.CreateHttpClient(), TimeProvider.System, "1", "sandbox-secret");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactAttribute.LaunchChromiumAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        // From the first page through the navigation, as QA would find it.
        await page.GotoAsync(new Uri(sandbox.BaseAddress, "/_sandbox/ui").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Callbacks", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merchant callbacks" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("secret")).ToHaveTextAsync("**** (the service's secret key)");

        await page.GetByLabel("Pay URL").FillAsync(merchant!.Url("pay"));
        await page.GetByLabel("New secret").FillAsync(Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Callback settings saved.");
        await Expect(page.GetByTestId("pay_url")).ToHaveTextAsync(merchant.Url("pay"));
        await Expect(page.GetByTestId("secret")).ToHaveTextAsync("**** (the callbacks' own secret)");
        (await page.GetByLabel("New secret").InputValueAsync()).Should().BeEmpty("the secret is never filled back in");

        // A bad URL is explained on the page, and nothing is saved.
        await page.GetByLabel("Notify URL").FillAsync("ftp://shop/notify");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("notify_url: a callback URL must be an absolute http or https URL");
        await page.GetByLabel("Notify URL").FillAsync("");

        // The merchant is down for the first Pay; the invoice is paid through simulate.
        merchant.AnswerNext(503, """{"ERROR":-8,"ERROR_NOTE":"maintenance"}""");
        var invoiceId = (await gateway.Ok("paysys.invoice_create", new { order_id = "browser-order", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 1500m }))["id"]!
            .GetValue<long>();
        await sandbox.Callbacks.PayInvoiceAsync(invoiceId);
        merchant.All.Should().ContainSingle();

        await page.GetByRole(AriaRole.Link, new() { Name = "Callbacks", Exact = true }).ClickAsync();
        var delivery = page.GetByTestId("delivery");
        await Expect(delivery).ToHaveCountAsync(1);
        await Expect(delivery).ToContainTextAsync(invoiceId.ToString(CultureInfo.InvariantCulture));
        await Expect(delivery.GetByTestId("delivery-status")).ToHaveTextAsync("failed");
        await Expect(delivery.GetByTestId("attempt")).ToContainTextAsync("HTTP 503");
        await Expect(delivery.GetByTestId("attempt")).ToContainTextAsync(merchant.Url("pay"));
        await delivery.GetByText("Request and answer").ClickAsync();
        await Expect(delivery.GetByTestId("request")).ToContainTextAsync("\"MERCHANT_TRANS_ID\": \"browser-order\"");
        await Expect(delivery.GetByTestId("response")).ToContainTextAsync("maintenance");

        await delivery.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Redeliver delivery") }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("sent once more");
        await Expect(page.GetByTestId("delivery").GetByTestId("delivery-status")).ToHaveTextAsync("delivered");
        await Expect(page.GetByTestId("delivery").GetByTestId("attempt")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("delivery").GetByTestId("attempt").Nth(1)).ToContainTextAsync("redelivery");
        merchant.All.Should().HaveCount(2, "Redeliver sent the Pay once more");
        merchant.All[1].Json["MERCHANT_TRANS_ID"]!.GetValue<string>().Should().Be("browser-order");
        (await page.ContentAsync()).Should().NotContain(Secret, "the secret is never in the page");

        var png = await page.ScreenshotAsync(new() { FullPage = true });
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "console-callbacks.png"), png);
    }
}
