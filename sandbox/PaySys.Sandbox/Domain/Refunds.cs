using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// The vendor API's money rules: a full cancel once within the cancel window, and refunds capped at the
/// payment amount minus the vendor's commission. Callers hold the tenant's gate, which makes parallel
/// refunds of one payment serialise: their sum can never pass the cap.
/// </summary>
public sealed class Refunds(TenantState state, Merchant merchant, TenantSettings settings)
{
    public CurrencyRates Rates => settings.Rates;

    public Payment Cancel(long transactionId, Operation op)
    {
        var payment = state.Payments.FindByTransactionId(transactionId);
        PaymentStateMachine.EnsureCanApply(payment, PaymentEvent.VendorCancelled);
        var windowEnd = payment.CompletedAt!.Value.AddSeconds(settings.CancelWindowSeconds);
        if (op.Now > windowEnd)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"the cancel window of transaction {transactionId} closed at {windowEnd.ToUnixTimeSeconds()} ({settings.CancelWindowSeconds} s after the payment); refund it with paysys.payment_adjustments");
        }

        payment.Card.Credit(payment.Amount);
        payment.Apply(PaymentEvent.VendorCancelled, op);
        state.Callbacks.PaymentCancelled(payment, op);
        return payment;
    }

    public Payment Refund(long transactionId, long amount, string currency, Operation op)
    {
        var payment = state.Payments.FindByTransactionId(transactionId);
        PaymentStateMachine.EnsureCanApply(payment, PaymentEvent.Refunded);
        state.Limits.EnsureRoomForRefund(payment);
        var tiyin = ToTiyin(amount, currency);
        var cap = Cap(payment);
        var refundable = cap - payment.RefundedAmount;
        if (tiyin > refundable)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"a refund of {tiyin} tiyin would pass the cap of {cap} tiyin (amount {payment.Amount} minus the vendor's commission {Commission(payment)}); {refundable} tiyin can still be refunded",
                Subject.Amount,
                new RefundCapExceeded(refundable, payment.RefundedAmount, cap, currency,
                    currency == CurrencyRates.Sum ? refundable : Rates.TiyinToMinor(refundable, currency)));
        }

        var firstRefund = payment.Status == PaymentStatus.Completed;
        payment.Card.Credit(tiyin);
        payment.RefundedAmount += tiyin;
        payment.RefundCount++;
        payment.Apply(PaymentEvent.Refunded, op);
        if (firstRefund)
        {
            // A refunded invoice reads as cancelled (3); the hosted page's callbacks have no refund of their own, so the
            // merchant hears Cancel then Notify "3" once, on the first refund.
            state.Callbacks.PaymentCancelled(payment, op);
        }

        return payment;
    }

    /// <summary>What the acquirer keeps on refunds: floor(amount × the vendor's commission rate).</summary>
    public long Commission(Payment payment) =>
        (long)decimal.Floor(payment.Amount * merchant.Vendors[payment.Order.VendorId].Commission);

    public long Cap(Payment payment) => payment.Amount - Commission(payment);

    private long ToTiyin(long amount, string currency)
    {
        long tiyin;
        try
        {
            tiyin = Rates.MinorToTiyin(amount, currency);
        }
        catch (OverflowException)
        {
            throw new Refusal(Reasons.MissingParameters, $"amount {amount} {currency} is too large", Subject.Amount);
        }

        return tiyin > 0
            ? tiyin
            : throw new Refusal(Reasons.MissingParameters, $"amount {amount} {currency} is less than one tiyin", Subject.Amount);
    }
}
