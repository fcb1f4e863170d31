namespace PaySys.Client.Tests;

/// <summary>
/// The client against every documented example of the three vendor docs pages, replayed by WireMock: it sends
/// the docs' params (the mapping only answers a call that contains them) and must read the documented
/// response, quirks included, into its typed result.
/// </summary>
public sealed class DocsExamplesTests : IDisposable
{
    private const string DocsCardId = "6A0A002A1289688F2CDA1F1C0686359C16";
    private const string DocsPhone = "998907702150";
    private const string DocsProduct = "11011bd8-955d-11ec-b909-0242ac120002";

    private readonly DocsGateway gateway = new();
    private readonly PaySysClient client;

    public DocsExamplesTests() => client = gateway.CreateClient();

    public void Dispose() => gateway.Dispose();

    [Fact]
    public void The_fixtures_hold_every_documented_pair()
    {
        DocsExample.All.Should().HaveCount(16, "16 documented requests: two of them for pam.prepare_payment");
        DocsExample.All.Select(e => e.ResponseText).Distinct().Should().HaveCount(15, "8 acquiring, 2 e-money and 5 vendor responses");
        DocsExample.All.Select(e => e.Name[..3]).Should().Contain(["000", "001", "002"]);
    }

    // ---- 000: acquiring ----

    [Fact]
    public async Task Card_registration()
    {
        var result = await client.RegisterCardAsync(new RegisterCardRequest("8600330410689500", "2304", DocsPhone));

        result.Should().Be(new CardRegistration(DocsCardId, "+99890*****50", 120));
    }

    [Fact]
    public async Task Card_confirm()
    {
        var result = await client.ConfirmCardAsync(DocsCardId, "254004");

        result.CardToken.Should().Be("reethaa7ae2jooqee90t2neiloh8wai2jo");
        result.CardData.Should().Be(new CardData(DocsCardId, "aloqa", "860033******1501", "2304", 0, DocsPhone, "TEST TEST2", 200_000, true));
    }

    [Fact]
    public async Task Prepare_payment_by_card_number()
    {
        var result = await client.PreparePaymentAsync(DocsPrepare() with { CardNumber = "8601312960622192", CardExpire = "2302" });

        result.Should().Be(new PreparedPayment(1_485_295, "+99890*****50", 120));
    }

    [Fact]
    public async Task Prepare_payment_by_card_id()
    {
        var result = await client.PreparePaymentAsync(DocsPrepare() with { CardId = DocsCardId });

        result.Should().Be(new PreparedPayment(1_485_295, "+99890*****50", 120));
    }

    [Fact]
    public async Task Confirm_payment_reads_string_ids_as_numbers_and_the_saved_card()
    {
        var result = await client.ConfirmPaymentAsync(1_485_295, "253890");

        result.Details.Should().Be(new PaymentDetails(
            "1429072927", "860053******9500", 167_075, 232_288, "003136441185", 100_000, "900000000", "97000000", 1_645_700_612));
        result.Details.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_645_700_612));
        result.Card.Should().Be(new SavedCard(DocsCardId, "f0bc2c517a194f148b76a965dd6b51be03a32917"));
    }

    [Fact]
    public async Task Hold_confirm()
    {
        var result = await client.ConfirmHoldAsync(108_137_783, HoldDecision.Accept);

        result.Status.Should().Be(PaymentStatuses.Completed);
    }

    [Fact]
    public async Task Check_payment_reads_status_2_sent_as_a_string()
    {
        var result = await client.CheckPaymentAsync(586_151);

        result.Should().Be(new PaymentCheck(232_288, PaymentStatuses.Completed, 100_000));
    }

    [Fact]
    public async Task Payment_with_a_card_token_sends_the_Card_Token_header()
    {
        var result = await client.PayWithTokenAsync("reethaa7ae2jooqee90t2neiloh8wai2jo", new TokenPaymentRequest
        {
            CardId = DocsCardId,
            PhoneNumber = DocsPhone,
            Amount = 100_000,
            VendorId = 100381,
            Product = "5d1a3442-d031-4683-8d77-165c4cfc8a9b",
        });

        result.Details.Should().Be(new PaymentDetails(
            DocsCardId, "860053******9500", 167_075, 232_288, "003136441185", 100_000, "900000000", "97000000", 1_645_769_446));
        result.Card.Should().BeNull("the docs' pam.payment answer has no card");
        gateway.Server.LogEntries.Should().ContainSingle()
            .Which.RequestMessage!.Headers!["Card-Token"].Should().Equal("reethaa7ae2jooqee90t2neiloh8wai2jo");
    }

    [Fact]
    public async Task Transaction_reverse()
    {
        var result = await client.ReverseAsync(7_508_737);

        result.Should().Be(new Reversal(7_508_737, "014173418653"));
    }

    // ---- 001: e-money ----

    [Fact]
    public async Task Pay_by_cash_reads_the_null_card_fields()
    {
        var result = await client.PayByCashAsync(new VendorForm { Account = "79123456789", Currency = "USD", Amount = 12_000, VendorId = 101596 });

        result.Details.Should().Be(new PayoutDetails("2b32d68e154573ec7b6d30d1f803c5a5", null, 2_355_076, null, null, 15_000, null, null, 1_653_907_664));
    }

    [Fact]
    public async Task Check_payout_unwraps_the_doubled_result()
    {
        var result = await client.CheckPayoutAsync(2_355_076);

        result.Should().Be(new PayoutCheck(null, 15_000, 1_653_907_664, PaymentStatuses.Completed));
    }

    // ---- 002: vendor API ----

    [Fact]
    public async Task Payment_info()
    {
        var result = await client.GetPaymentInfoAsync(11_422_530);

        result.Should().Be(new PaymentInfo(11_424_156, "1683530160817", 137_664_440, 1000, 860, PaymentStatuses.Completed, 1_683_530_177));
    }

    [Fact]
    public async Task Payment_cancel()
    {
        var result = await client.CancelPaymentAsync(11_422_530);

        result.Should().Be(new PaymentCancellation(11_424_156, 137_664_440, "1683530160817", PaymentStatuses.Cancelled));
    }

    [Fact]
    public async Task Payment_adjustments()
    {
        var result = await client.RefundAsync(new RefundRequest(11_422_530, 100_000, "UZS"));

        result.Should().Be(new Refund(11_424_156, "1683530160817", 137_664_440, PaymentStatuses.Returned));
    }

    [Fact]
    public async Task Fiscal_cheque()
    {
        var result = await client.GetFiscalChequeAsync(new FiscalChequeRequest(11_347_050, FiscalChequeType.Payment));

        result.Should().Be(new FiscalCheque(11_347_050, "https://ofd.soliq.uz/epi?t=EP000000000058&r=1020387&c=20230504110437&s=088681055845"));
    }

    [Fact]
    public async Task Invoice_create_reads_the_amount_sent_as_a_string()
    {
        var result = await client.CreateInvoiceAsync(new CreateInvoiceRequest
        {
            OrderId = "21258855-d57e-4c7c-9b7b-2215f9d1c992",
            VendorId = 104466,
            Currency = "UZS",
            Amount = 1000.22m,
            OrderNote = "Payment for tickets",
        });

        result.Should().Be(new Invoice(
            2_693_603, 104466, -1, "21258855-d57e-4c7c-9b7b-2215f9d1c992", 1000.22m, "UZS", 0, "Payment for tickets",
            "https://paysys.uz/payform?hash=22c1c9ac0f85522db3a07b089be13e7f", "22c1c9ac0f85522db3a07b089be13e7f", 1_690_547_824));
    }

    [Fact]
    public async Task A_call_that_differs_from_the_documented_params_is_not_answered()
    {
        var act = () => client.ReverseAsync(7_508_738);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound,
            "the mappings match on params, so a passing test above really sent the docs' params");
    }

    private static PreparePaymentRequest DocsPrepare() => new()
    {
        PhoneNumber = DocsPhone,
        Amount = 100_000,
        VendorId = 100381,
        Product = DocsProduct,
        Comment = "Month subscription",
        Hold = true,
        HoldingTime = 604_800,
        AfterExpired = HoldExpiryAction.Accept,
        Save = true,
    };
}
