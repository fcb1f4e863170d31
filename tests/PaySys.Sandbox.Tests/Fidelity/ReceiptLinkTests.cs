using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Fidelity;

/// <summary>
/// The cheque link (issue 21, item 4): the sandbox's own by default; with PAYSYS_RECEIPT_LINK_HOST and
/// PAYSYS_RECEIPT_LINK_PATH shaped like production's, and the receipt page is served at that path as well as at /receipt.
/// </summary>
public sealed class ReceiptLinkTests
{
    [Fact]
    public async Task By_default_the_cheque_points_at_the_sandboxs_receipt_page()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var cheque = await Cheque(gateway);

        new Uri(cheque).AbsolutePath.Should().Be("/receipt");
        (await gateway.Http.GetAsync(new Uri(cheque).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_host_and_path_shape_the_link_and_both_paths_serve_the_page()
    {
        using var sandbox = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
        {
            ["Sandbox:ReceiptLinkHost"] = "https://ofd.soliq.uz",
            ["Sandbox:ReceiptLinkPath"] = "epi",
        });
        var gateway = sandbox.CreateGateway();

        var cheque = await Cheque(gateway);
        var query = new Uri(cheque).Query;

        cheque.Should().MatchRegex(@"^https://ofd\.soliq\.uz/epi\?t=EP[0-9]{12}&r=[0-9]+&c=[0-9]{14}&s=[0-9]{12}$");
        (await gateway.Http.GetAsync("/epi" + query)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gateway.Http.GetAsync("/receipt" + query)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gateway.Http.GetAsync("/epi?r=1&s=000000000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<string> Cheque(GatewayClient gateway)
    {
        var (cardId, token) = await gateway.RegisterCard(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
        var paid = await gateway.Ok("pam.payment", new JsonObject
        {
            ["card_id"] = cardId,
            ["phone_number"] = Cards.UzcardPhone,
            ["amount"] = 10_000,
            ["vendor_id"] = Cards.VendorId,
            ["product"] = "5d1a3442-d031-4683-8d77-165c4cfc8a9b",
        }, new Dictionary<string, string> { ["Card-Token"] = token! });
        var transactionId = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return (await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = transactionId, type = "payment" }))["cheque"]!.GetValue<string>();
    }
}
