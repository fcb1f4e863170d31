using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>Fiscal receipts exist only for payments that took money (completed, or completed and partly refunded).</summary>
public static class FiscalReceipts
{
    public static Payment Issue(Payment payment, Func<string> newFiscalSign)
    {
        if (payment.Status == PaymentStatus.Cancelled)
        {
            throw new Refusal(Reasons.TransactionCancelled, $"transaction {payment.TransactionId} is cancelled and has no receipt");
        }

        if (payment.Status is not (PaymentStatus.Completed or PaymentStatus.Returned))
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"transaction {payment.TransactionId} is {PaymentStateMachine.Describe(payment.Status)}; receipts exist only for completed payments");
        }

        payment.ReceiptId ??= newFiscalSign();
        return payment;
    }
}
