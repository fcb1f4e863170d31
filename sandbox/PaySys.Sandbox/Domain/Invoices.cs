using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// A tenant's invoices and the pay-page flow on them: start an attempt (OTP sent, 1), confirm it (paid, 2,
/// with a completed transaction whose product is the order id), or cancel (3). An invoice is paid at most once:
/// a new attempt or a cancel voids the attempt awaiting its code, so only the latest attempt can ever take money,
/// and the invoice's status is read off that attempt's payment whoever moves it (page, gateway, expiry).
/// Callers hold the tenant's gate.
/// </summary>
public sealed class Invoices(TenantState state, SandboxIds ids, TenantSettings settings)
{
    private readonly List<Invoice> inOrder = [];
    private readonly Dictionary<string, Invoice> byHash = new(StringComparer.Ordinal);

    public IReadOnlyList<Invoice> All => inOrder;

    public Invoice Create(Func<string> newHash, string orderId, long vendorId, decimal amount, string currency, string? orderNote, Operation op)
    {
        state.Acquiring.EnsureVendor(vendorId);
        if (state.Rules.OneInvoicePerOrderId && inOrder.Find(i => string.Equals(i.OrderId, orderId, StringComparison.Ordinal)) is { } earlier)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"order_id is already invoiced (invoice {earlier.Id}), and this service refuses a repeated order_id");
        }

        state.Limits.EnsureRoomForInvoice(inOrder.Count);
        long tiyin;
        try
        {
            tiyin = settings.Rates.MajorToTiyin(amount, currency);
        }
        catch (OverflowException)
        {
            throw new Refusal(Reasons.MissingParameters, $"amount {amount} {currency} is too large", Subject.Amount);
        }

        if (tiyin <= 0)
        {
            throw new Refusal(Reasons.MissingParameters, $"amount {amount} {currency} is less than one tiyin", Subject.Amount);
        }

        var invoice = new Invoice(ids.NextInvoiceId(), newHash(), orderId, vendorId, amount, currency, tiyin, orderNote, op.Now);
        inOrder.Add(invoice);
        byHash.Add(invoice.Hash, invoice);
        return invoice;
    }

    /// <summary>An invoice as a snapshot kept it, counted against the tenant's caps like a new one.</summary>
    public void Adopt(Invoice invoice)
    {
        state.Limits.EnsureRoomForInvoice(inOrder.Count);
        inOrder.Add(invoice);
        byHash.Add(invoice.Hash, invoice);
    }

    public Invoice? Find(string hash) => byHash.GetValueOrDefault(hash);

    /// <summary>The customer submitted a card: prepare a payment and send its code.</summary>
    public Payment StartPayment(Invoice invoice, string pan, string expiry, string phone, Operation op)
    {
        EnsurePayable(invoice);
        var order = new PaymentOrder(invoice.AmountTiyin, invoice.VendorId, invoice.OrderId, invoice.OrderNote, phone,
            Save: false, Hold: false, settings.DefaultHoldingTimeSeconds, HoldExpiryAction.Cancel);
        var payment = state.Acquiring.Prepare(new CardReference(null, pan, expiry), order, op);
        // Voided only once the new attempt stands: a refused card leaves the old attempt and its code as they were.
        VoidAwaitingAttempt(invoice, op);
        payment.Invoice = invoice;
        invoice.StartAttempt(payment);
        return payment;
    }

    /// <summary>The customer submitted the code: confirm the payment; the invoice is paid when it completes.</summary>
    public Payment ConfirmPayment(Invoice invoice, string code, Operation op)
    {
        // A failed attempt (-1: its code expired or burned) still goes to the payment, which answers -32308 like the gateway.
        if (invoice.Status is not (InvoiceStatus.BeingPaid or InvoiceStatus.Error) || invoice.Payment is null)
        {
            throw new Refusal(Reasons.TransactionNotAllowed, "there is no payment awaiting a code on this invoice");
        }

        // Acquiring.Confirm queues the Pay callback, as it does when the vendor API confirms the same payment.
        return state.Acquiring.Confirm(invoice.Payment.BankTransactionId, code, op).Payment;
    }

    /// <summary>The customer pressed Cancel: an attempt awaiting its code is voided with it, so that code cannot pay any more.</summary>
    public void Cancel(Invoice invoice, Operation op)
    {
        EnsurePayable(invoice);
        VoidAwaitingAttempt(invoice, op);
        invoice.Close();
    }

    private void VoidAwaitingAttempt(Invoice invoice, Operation op)
    {
        if (invoice.Payment is { } attempt && PaymentStateMachine.CanApply(attempt.Status, PaymentEvent.Voided))
        {
            state.Acquiring.Void(attempt, op);
        }
    }

    private static void EnsurePayable(Invoice invoice)
    {
        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
                throw new Refusal(Reasons.TransactionNotAllowed,
                    $"the invoice is already paid (transaction {invoice.Payment!.TransactionId}); the merchant can cancel or refund its payment");
            case InvoiceStatus.Cancelled when invoice.CapturedPayment is { } returned:
                throw new Refusal(Reasons.TransactionCancelled,
                    $"the invoice's payment (transaction {returned.TransactionId}) was {(returned.Status == PaymentStatus.Returned ? "refunded" : "cancelled")}; an invoice is paid at most once");
            case InvoiceStatus.Cancelled:
                throw new Refusal(Reasons.TransactionCancelled, "the invoice is cancelled");
        }
    }
}
