using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The hosted pages in a real headless Chromium (Debian's, never a downloaded one) against the sandbox on a
/// real socket: a customer pays an invoice on its payment_url with the code from the SMS outbox, the merchant
/// reconciles it over the vendor API and opens its fiscal receipt.
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private const string OrderId = "browser-order-2693603";

    private readonly KestrelSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [BrowserFact]
    public async Task Customer_pays_an_invoice_on_the_pay_page_and_the_merchant_sees_the_payment_and_its_receipt()
    {
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);
        var invoice = await gateway.Ok("paysys.invoice_create", new
        {
            order_id = OrderId,
            vendor_id = 104466,
            payment_id = -1,
            currency = "UZS",
            amount = 1000.22m,
            order_note = "Payment for tickets",
        });
        var paymentUrl = invoice["payment_url"]!.GetValue<string>();
        paymentUrl.Should().StartWith(new Uri(sandbox.BaseAddress, "/payform?hash=").ToString(), "the pay page is served by the sandbox itself");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactAttribute.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 640, Height = 700 } });
        page.SetDefaultTimeout(30_000);

        // The customer opens the link, sees the invoice and fills in a magic card and its phone.
        await page.GotoAsync(paymentUrl);
        await Expect(page).ToHaveTitleAsync(new Regex("^Pay invoice \\d+$"));
        await Expect(page.GetByTestId("amount")).ToHaveTextAsync("1,000.22 UZS");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("(0)");
        await Expect(page.GetByText("Payment for tickets")).ToBeVisibleAsync();
        await page.GetByLabel("Card number").FillAsync(Cards.UzcardPan);
        await page.GetByLabel("Expiry (YYMM)").FillAsync(Cards.UzcardExpiry);
        await page.GetByLabel("Phone linked to the card").FillAsync(Cards.UzcardPhone);
        var screenshot = await page.ScreenshotAsync(new() { FullPage = true });
        SaveScreenshot(screenshot);

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay", Exact = true }).ClickAsync();

        // The code goes to the card's phone: the test reads it from the sandbox's SMS outbox.
        await Expect(page.GetByLabel("Code from SMS")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("(1)");
        var attempt = (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Single()!;
        attempt["status"]!.GetValue<int>().Should().Be(1);
        var bankTransactionId = attempt["bank_transaction_id"]!.GetValue<long>();
        var code = await gateway.LatestCode(bankTransactionId.ToString(CultureInfo.InvariantCulture));
        code.Should().MatchRegex("^[0-9]{6}$");
        await page.GetByLabel("Code from SMS").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("paid")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("paid")).ToContainTextAsync("860049******3347");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Status: paid (2)");
        (await page.ContentAsync()).Should().NotContain(Cards.UzcardPan, "a full card number is never shown");

        // The merchant reconciles the payment over the vendor API.
        var paid = (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Single()!;
        paid["status"]!.GetValue<int>().Should().Be(2);
        var transactionId = paid["transaction_id"]!.GetValue<long>();
        var info = await gateway.Ok("paysys.payment_info", new { transaction_id = transactionId });
        info["vendor_user_id"]!.GetValue<string>().Should().Be(OrderId);
        info["bank_transaction_id"]!.GetValue<long>().Should().Be(bankTransactionId);
        info["amount"]!.GetValue<long>().Should().Be(100_022);
        info["currency"]!.GetValue<int>().Should().Be(860);
        info["status"]!.GetValue<int>().Should().Be(2);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - 100_022);

        // ... and opens the payment's fiscal receipt.
        var cheque = (await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = transactionId, type = "payment" }))["cheque"]!.GetValue<string>();
        var fiscalSign = new Uri(cheque).Query.Split('&').Single(p => p.StartsWith("s=", StringComparison.Ordinal))[2..];
        await page.GotoAsync(cheque);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fiscal receipt" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("amount")).ToHaveTextAsync(new Regex("^1\\s000\\.22 UZS$"));
        await Expect(page.GetByText(fiscalSign, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText(OrderId, new() { Exact = true })).ToBeVisibleAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of this receipt's address" });
        await Expect(qr).ToBeVisibleAsync();
        (await qr.EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(0, "the QR image decodes");
    }

    [BrowserFact]
    public async Task A_shopper_types_the_card_grouped_mistypes_the_phone_keeps_what_was_typed_and_reaches_the_receipt()
    {
        var gateway = sandbox.CreateGateway();
        var invoice = await gateway.Ok("paysys.invoice_create", new
        {
            order_id = OrderId + "-typed",
            vendor_id = 104466,
            payment_id = -1,
            currency = "UZS",
            amount = 500m,
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactAttribute.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(invoice["payment_url"]!.GetValue<string>());

        var card = page.GetByLabel("Card number");
        (await card.GetAttributeAsync("placeholder")).Should().NotMatchRegex("[0-9]{4}|[#X_*]{4}",
            "a placeholder in words cannot be mistaken for a filled-in field");
        var grouped = string.Join(' ', Cards.UzcardPan.Chunk(4).Select(c => new string(c)));
        await card.PressSequentiallyAsync(grouped);
        await Expect(card).ToHaveValueAsync(grouped, new() { Timeout = 5_000 });
        await page.GetByLabel("Expiry (YYMM)").PressSequentiallyAsync(Cards.UzcardExpiry);
        var wrongPhone = "998 90 000 00 01";
        await page.GetByLabel("Phone linked to the card").PressSequentiallyAsync(wrongPhone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay", Exact = true }).ClickAsync();

        // Refused: the page says why, keeps the expiry and the phone, and asks for the card again, masked.
        await Expect(page.GetByTestId("error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("(0)");
        await Expect(page.GetByLabel("Expiry (YYMM)")).ToHaveValueAsync(Cards.UzcardExpiry);
        await Expect(page.GetByLabel("Phone linked to the card")).ToHaveValueAsync(wrongPhone);
        await Expect(page.GetByTestId("retype-card")).ToContainTextAsync("3347");
        var refused = await page.ContentAsync();
        refused.Should().NotContain(Cards.UzcardPan).And.NotContain(grouped, "a full card number is never written back");

        await card.PressSequentiallyAsync(grouped);
        await page.GetByLabel("Phone linked to the card").FillAsync(Cards.UzcardPhone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Code from SMS")).ToBeVisibleAsync();
        var attempt = (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Single()!;
        var code = await gateway.LatestCode(attempt["bank_transaction_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Code from SMS").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Status: paid (2)");

        // The paid page's own link leads to the receipt, in the invoice's currency.
        await page.GetByTestId("receipt").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fiscal receipt" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("amount")).ToHaveTextAsync(new Regex("^500\\.00 UZS$"));
    }

    /// <summary>
    /// Keeps the card-form screenshot with the test output. With PAYSYS_UPDATE_SCREENSHOTS=1 it also replaces
    /// docs/pay-page.png for the README; otherwise a run never rewrites a tracked file (fonts differ per machine).
    /// </summary>
    private static void SaveScreenshot(byte[] png)
    {
        png.Should().NotBeEmpty();
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "pay-page.png"), png);
        if (Environment.GetEnvironmentVariable("PAYSYS_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaySysSandbox.sln")))
            {
                Directory.CreateDirectory(Path.Combine(dir.FullName, "docs"));
                File.WriteAllBytes(Path.Combine(dir.FullName, "docs", "pay-page.png"), png);
                return;
            }
        }
    }
}
