using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// How much one tenant may hold, so that no tenant grows without bound (SandboxOptions, PAYSYS_MAX_*). Reaching a cap
/// is one catalogue error, -32312 "not allowed", whose message names the cap, its setting and the way out, and whose
/// data is {"limit": N}. The SMS outbox and the journal are rings instead: they keep their newest entries.
/// </summary>
public sealed record TenantLimits(int MaxTransactions, int MaxCards, int MaxInvoices, int MaxRefundsPerPayment, int MaxFaultRules)
{
    public static TenantLimits Defaults { get; } = new(100_000, 10_000, 100_000, 1_000, 1_000);

    /// <summary>Payments and payouts together: every pam.prepare_payment, pam.payment, invoice payment and pam.pay_by_cash stores one.</summary>
    public void EnsureRoomForTransaction(int held) =>
        EnsureRoom(held, MaxTransactions, "transactions", "PAYSYS_MAX_TRANSACTIONS_PER_TENANT");

    public void EnsureRoomForCard(int held) =>
        EnsureRoom(held, MaxCards, "cards in its catalogue", "PAYSYS_MAX_CARDS_PER_TENANT");

    public void EnsureRoomForInvoice(int held) =>
        EnsureRoom(held, MaxInvoices, "invoices", "PAYSYS_MAX_INVOICES_PER_TENANT");

    public void EnsureRoomForFaultRule(int held) =>
        EnsureRoom(held, MaxFaultRules, "fault rules", "PAYSYS_MAX_FAULT_RULES_PER_TENANT");

    public void EnsureRoomForRefund(Payment payment)
    {
        if (payment.RefundCount >= MaxRefundsPerPayment)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"transaction {payment.TransactionId} has had the maximum of {MaxRefundsPerPayment} refunds (PAYSYS_MAX_REFUNDS_PER_PAYMENT)",
                facts: new LimitReached(MaxRefundsPerPayment));
        }
    }

    private static void EnsureRoom(int held, int max, string what, string variable)
    {
        if (held >= max)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"not allowed: the tenant holds the maximum of {max} {what} ({variable}); reset it with POST /_sandbox/reset",
                facts: new LimitReached(max));
        }
    }
}
