using PaySys.Client;
using PaySys.Contract.Tests.Infrastructure;

namespace PaySys.Contract.Tests;

/// <summary>
/// The vendor API on its success paths, each response validated against its result schema: payment info, refund
/// (payment_adjustments), payment_cancel, the fiscal cheque and invoice_create; and the 7-day cancel window on the
/// sandbox's clock.
/// </summary>
[Collection(ContractTargetGroup.Name)]
public sealed class VendorContractTests(ContractTargetFixture fixture) : IDisposable
{
    private readonly ContractTarget target = fixture.Target;
    private readonly Journeys journeys = new(fixture.Target);
    private readonly ContractScope scope = fixture.Target.Monitor.BeginScope();

    public void Dispose() => scope.Dispose();

    [OtpFact]
    public async Task Payment_info_describes_a_completed_payment()
    {
        var product = Journeys.NewProduct();
        var paid = await journeys.PaidAsync(45_000, product);

        var info = await target.Client.GetPaymentInfoAsync(paid.TransactionId);

        info.Should().Be(new PaymentInfo(paid.TransactionId, product, paid.BankTransactionId, 45_000, 860, PaymentStatuses.Completed, paid.Date));
    }

    [OtpFact]
    public async Task A_refund_within_the_cap_returns_status_6()
    {
        var product = Journeys.NewProduct();
        var paid = await journeys.PaidAsync(100_000, product);

        var refund = await target.Client.RefundAsync(new RefundRequest(paid.TransactionId, 10_000, "UZS"));

        refund.Should().Be(new Refund(paid.TransactionId, product, paid.BankTransactionId, PaymentStatuses.Returned));
        (await target.Client.GetPaymentInfoAsync(paid.TransactionId)).Status.Should().Be(PaymentStatuses.Returned);
    }

    [OtpFact]
    public async Task Payment_cancel_returns_status_3()
    {
        var product = Journeys.NewProduct();
        var paid = await journeys.PaidAsync(80_000, product);

        var cancellation = await target.Client.CancelPaymentAsync(paid.TransactionId);

        cancellation.Should().Be(new PaymentCancellation(paid.TransactionId, paid.BankTransactionId, product, PaymentStatuses.Cancelled));
        (await target.Client.CheckPaymentAsync(paid.BankTransactionId)).Status.Should().Be(PaymentStatuses.Cancelled);
    }

    [OtpFact]
    public async Task The_fiscal_cheque_of_a_payment_is_a_link()
    {
        var paid = await journeys.PaidAsync(12_345);

        var cheque = await target.Client.GetFiscalChequeAsync(paid.TransactionId);

        cheque.TransactionId.Should().Be(paid.TransactionId);
        Uri.TryCreate(cheque.Cheque, UriKind.Absolute, out _).Should().BeTrue("cheque is the receipt's URL, got {0}", cheque.Cheque);
    }

    [Fact]
    public async Task Invoice_create_returns_the_amount_as_a_decimal_string_and_a_pay_link()
    {
        var orderId = Journeys.NewProduct();

        var invoice = await target.Client.CreateInvoiceAsync(new CreateInvoiceRequest
        {
            OrderId = orderId,
            VendorId = target.VendorId,
            Currency = "UZS",
            Amount = 1000.22m,
            OrderNote = "contract suite",
        });

        invoice.OrderId.Should().Be(orderId);
        invoice.Amount.Should().Be(1000.22m);
        invoice.PaymentId.Should().Be(CreateInvoiceRequest.PaySysPaymentId);
        invoice.Status.Should().Be(0);
        Uri.TryCreate(invoice.PaymentUrl, UriKind.Absolute, out _).Should().BeTrue("payment_url is the pay page, got {0}", invoice.PaymentUrl);
        scope.Responses.Should().ContainSingle().Which.Should().Be(new CheckedResponse("paysys.invoice_create", null, Valid: true));
    }

    [SandboxFact]
    public async Task Payment_cancel_is_refused_once_7_days_have_passed()
    {
        var paid = await journeys.PaidAsync(30_000);

        await target.SandboxControl.AdvanceClockAsync(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var late = () => target.Client.CancelPaymentAsync(paid.TransactionId);

        (await late.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed);
        scope.Responses[^1].Should().Be(new CheckedResponse("paysys.payment_cancel", PaySysErrorCodes.TransactionNotAllowed, Valid: true));
    }
}
