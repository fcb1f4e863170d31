using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// What the pay page would do with an invoice, without a browser (POST /_sandbox/invoices/{id}/simulate): pay it with the
/// tenant's first serviceable UzCard success card (the code comes from the outbox, as a customer would read it), or cancel
/// it. Cancelling a paid invoice cancels its payment as paysys.payment_cancel would, which the pay page itself cannot do.
/// Callers hold the tenant's gate.
/// </summary>
public static class InvoiceSimulation
{
    public static Invoice Pay(TenantState state, Invoice invoice, Operation op)
    {
        var card = state.Cards.Accounts
            .Where(a => a.Behaviour == CardBehaviour.Success && a.Pan.StartsWith("8600", StringComparison.Ordinal) && !a.IsExpiredAt(op.Now))
            .OrderBy(a => a.Pan, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new Refusal(Reasons.TransactionNotAllowed, "the tenant's catalogue has no serviceable UzCard success card to pay with (POST /_sandbox/cards)");
        var payment = state.Invoices.StartPayment(invoice, card.Pan, card.Spec.Expiry, card.Phone, op);
        state.Invoices.ConfirmPayment(invoice, payment.Otp!.Code, op);
        return invoice;
    }

    public static Invoice Cancel(TenantState state, Invoice invoice, Operation op)
    {
        if (invoice.Status == InvoiceStatus.Paid && invoice.Payment is { } payment)
        {
            state.Refunds.Cancel(payment.TransactionId, op);
        }
        else
        {
            state.Invoices.Cancel(invoice, op);
        }

        return invoice;
    }
}
