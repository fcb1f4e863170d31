using System.Net;
using System.Text.RegularExpressions;
using PaySys.Sandbox.Tests.Hardening;

namespace PaySys.Sandbox.Tests;

/// <summary>The pay page and the receipt as a shopper sees them: grouped input, kept values, the way on after paying.</summary>
public sealed partial class PayPageShopperTests
{
    private static string Grouped(string digits) => string.Join(' ', digits.Chunk(4).Select(c => new string(c)));

    private static async Task<string> NewInvoice(GatewayClient gateway, string currency = "USD", decimal amount = 10.5m, long vendorId = Cards.VendorId) =>
        (await gateway.Ok("paysys.invoice_create", new { order_id = "shopper-order", vendor_id = vendorId, payment_id = -1, currency, amount, order_note = "tickets" }))["hash"]!.GetValue<string>();

    [Fact]
    public async Task A_grouped_card_number_and_phone_are_accepted_and_the_fields_fit_them()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(sandbox.CreateClient());
        var hash = await NewInvoice(gateway);

        var form = await customer.Show(hash);
        form.Should().Contain("""name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="16 digits, spaces allowed" maxlength="19" """);
        Placeholder().Matches(form).Select(m => m.Groups[1].Value).Should().HaveCount(3).And.OnlyContain(p => p.Any(char.IsWhiteSpace) && !p.Any(c => c == '*' || c == '/') && !System.Text.RegularExpressions.Regex.IsMatch(p, @"\d{4}"),
            "a placeholder that reads like a card number, an expiry or a phone looks like a filled-in value: it says what to type in words");

        var phone = $"+{Cards.UzcardPhone[..3]} {Cards.UzcardPhone[3..5]} {Cards.UzcardPhone[5..8]} {Cards.UzcardPhone[8..10]} {Cards.UzcardPhone[10..]}";
        var codeForm = await customer.Pay(hash, Grouped(Cards.UzcardPan), Cards.UzcardExpiry, phone);

        PayPageCustomer.Attempt(codeForm).Should().NotBeNull("the grouped card number and phone started a payment: {0}", codeForm);
        PayPageCustomer.PaidTransaction(await customer.Confirm(hash, Cards.FixedOtp)).Should().NotBeNull();
    }

    [Fact]
    public async Task After_a_refusal_the_form_keeps_what_was_typed_but_never_a_complete_card_number()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var customer = new PayPageCustomer(sandbox.CreateClient());
        var hash = await NewInvoice(sandbox.CreateGateway());

        var typo = await customer.Pay(hash, "8600 4907 4431 334", Cards.UzcardExpiry, Cards.UzcardPhone);
        typo.Should().Contain("data-testid=\"error\"").And.Contain("value=\"8600 4907 4431 334\"")
            .And.Contain($"value=\"{Cards.UzcardExpiry}\"").And.Contain($"value=\"{Cards.UzcardPhone}\"");

        var badExpiry = await customer.Pay(hash, Grouped(Cards.UzcardPan), "9999", Cards.UzcardPhone);
        badExpiry.Should().Contain("data-testid=\"error\"").And.Contain("value=\"9999\"").And.Contain($"value=\"{Cards.UzcardPhone}\"")
            .And.Contain("data-testid=\"retype-card\"").And.Contain("860049******3347")
            .And.NotContain(Cards.UzcardPan).And.NotContain(Grouped(Cards.UzcardPan));
    }

    [Fact]
    public async Task The_paid_page_links_to_the_receipt_which_shows_the_invoice_currency_and_the_net_after_refunds()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var http = sandbox.CreateClient();
        var customer = new PayPageCustomer(http);
        var hash = await NewInvoice(gateway);
        await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var paid = await customer.Confirm(hash, Cards.FixedOtp);
        var transactionId = PayPageCustomer.PaidTransaction(paid)!.Value;

        var link = WebUtility.HtmlDecode(ReceiptLink().Match(paid).Groups[1].Value);
        link.Should().StartWith("/receipt?");
        paid.Should().NotContain("data-testid=\"return\"", "no vendor ReturnUrl is configured");
        var cheque = (await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = transactionId, type = "payment" }))["cheque"]!.GetValue<string>();
        new Uri(cheque).PathAndQuery.Should().Be(link, "the API hands out the receipt the pay page issued");

        var receipt = await http.GetStringAsync(new Uri(link, UriKind.Relative));
        receipt.Should().Contain("data-testid=\"invoice-amount\">Invoice").And.Contain("10.50 USD").And.NotContain("data-testid=\"net\"");

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 1_000_000 });
        var refunded = await http.GetStringAsync(new Uri(link, UriKind.Relative));
        var total = 1_050 * 12_650L;
        refunded.Should().Contain($"data-testid=\"refunded\">{Pages.PageLayout.Sum(1_000_000)}")
            .And.Contain($"data-testid=\"net\">{Pages.PageLayout.Sum(total - 1_000_000)}");
    }

    [Fact]
    public async Task A_configured_vendor_return_url_is_the_way_back_to_the_merchant_and_anything_but_http_is_ignored()
    {
        using var sandbox = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
        {
            ["Sandbox:Merchants:0:Vendors:0:VendorId"] = "100381",
            ["Sandbox:Merchants:0:Vendors:0:ReturnUrl"] = "https://shop.example/orders?id=7",
            ["Sandbox:Merchants:0:Vendors:1:VendorId"] = "104466",
            ["Sandbox:Merchants:0:Vendors:1:ReturnUrl"] = "javascript:alert(1)",
        });
        var gateway = sandbox.CreateGateway();
        var customer = new PayPageCustomer(sandbox.CreateClient());

        var hash = await NewInvoice(gateway, "UZS", 1000);
        await customer.Pay(hash, Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        (await customer.Confirm(hash, Cards.FixedOtp)).Should().Contain("data-testid=\"return\" href=\"https://shop.example/orders?id=7\"");

        var cancelled = await customer.Cancel(await NewInvoice(gateway, "UZS", 1000, vendorId: 104466));
        cancelled.Should().Contain("data-testid=\"cancelled\"").And.NotContain("data-testid=\"return\"").And.NotContain("javascript:");
    }

    [GeneratedRegex("""placeholder="([^"]*)" """)]
    private static partial Regex Placeholder();

    [GeneratedRegex("data-testid=\"receipt\" href=\"([^\"]+)\"")]
    private static partial Regex ReceiptLink();
}
