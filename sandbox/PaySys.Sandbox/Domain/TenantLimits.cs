using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// How much one tenant may hold, so that no tenant grows without bound (SandboxOptions, PAYSYS_MAX_*). Reaching a cap
/// is one catalogue error, -32312 "not allowed", whose message names the cap, its setting and the way out, and whose
/// data is {"limit": N}. The SMS outbox and the journal are rings instead: they keep their newest entries.
/// Each store that grows also reports its bytes to the sandbox's <see cref="MemoryBudget"/> through the tenant state's
/// footprint (<see cref="CountingInto"/>): when the budget is used up the same error names the budget instead.
/// </summary>
public sealed record TenantLimits(int MaxTransactions, int MaxCards, int MaxInvoices, int MaxRefundsPerPayment, int MaxFaultRules)
{
    public static TenantLimits Defaults { get; } = new(100_000, 10_000, 100_000, 1_000, 1_000);

    /// <summary>Where the stores' bytes are counted: one per tenant state. A field, not a property: options bind to this record.</summary>
    private TenantFootprint footprint = TenantFootprint.Untracked;

    /// <summary>The same caps, counting the stores' bytes into <paramref name="counted"/> (each tenant state has its own).</summary>
    public TenantLimits CountingInto(TenantFootprint counted)
    {
        var limits = this with { };
        limits.footprint = counted;
        return limits;
    }

    /// <summary>Payments and payouts together: every pam.prepare_payment, pam.payment, invoice payment and pam.pay_by_cash stores one.</summary>
    public void EnsureRoomForTransaction(int held)
    {
        EnsureRoom(held, MaxTransactions, "transactions", "PAYSYS_MAX_TRANSACTIONS_PER_TENANT");
        footprint.Resize(StoredKind.Transactions, held + 1, StoredSizes.Transaction, "transaction");
    }

    public void EnsureRoomForCard(int held)
    {
        EnsureRoom(held, MaxCards, "cards in its catalogue", "PAYSYS_MAX_CARDS_PER_TENANT");
        footprint.Resize(StoredKind.Cards, held + 1, StoredSizes.Card, "card");
    }

    public void EnsureRoomForInvoice(int held)
    {
        EnsureRoom(held, MaxInvoices, "invoices", "PAYSYS_MAX_INVOICES_PER_TENANT");
        footprint.Resize(StoredKind.Invoices, held + 1, StoredSizes.Invoice, "invoice");
    }

    public void EnsureRoomForFaultRule(int held)
    {
        EnsureRoom(held, MaxFaultRules, "fault rules", "PAYSYS_MAX_FAULT_RULES_PER_TENANT");
        footprint.Resize(StoredKind.FaultRules, held + 1, StoredSizes.FaultRule, "fault rule");
    }

    public void EnsureRoomForRefund(Payment payment)
    {
        if (payment.RefundCount >= MaxRefundsPerPayment)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"transaction {payment.TransactionId} has had the maximum of {MaxRefundsPerPayment} refunds (PAYSYS_MAX_REFUNDS_PER_PAYMENT)",
                facts: new LimitReached(MaxRefundsPerPayment));
        }

        // Counted before the refund is known to pass its cap: a refused refund over-counts 64 bytes until a reset.
        footprint.Grow(StoredKind.Refunds, StoredSizes.Refund, "refund");
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
