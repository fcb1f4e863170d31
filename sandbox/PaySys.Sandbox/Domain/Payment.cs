namespace PaySys.Sandbox.Domain;

public enum HoldExpiryAction
{
    Cancel,
    Accept,
}

/// <summary>
/// One step of a payment's history; a struct, so the history list holds its entries inline. <paramref name="At"/> is on
/// the virtual clock, <paramref name="Wall"/> the real time it happened; <paramref name="Call"/> the gateway method that
/// caused it (null when an expiry, the pay page or the control API did).
/// </summary>
public readonly record struct PaymentHistoryEntry(DateTimeOffset At, PaymentStatus Status, PaymentEvent Event, DateTimeOffset Wall, string? Call);

/// <summary>What a merchant asked for when it started a payment.</summary>
public sealed record PaymentOrder(
    long Amount,
    long VendorId,
    string Product,
    string? Comment,
    string PhoneNumber,
    bool Save,
    bool Hold,
    long HoldingTimeSeconds,
    HoldExpiryAction AfterExpired);

/// <summary>An acquiring transaction: money moves only through <see cref="Apply(PaymentEvent, Operation)"/>'s callers in <see cref="Acquiring"/>.</summary>
public sealed class Payment
{
    public Payment(long bankTransactionId, long transactionId, CardAccount card, string? cardId, PaymentOrder order,
        Operation step, PaymentEvent origin, string referenceNumber)
    {
        BankTransactionId = bankTransactionId;
        TransactionId = transactionId;
        Card = card;
        CardId = cardId;
        Order = order;
        CreatedAt = step.Now;
        ReferenceNumber = referenceNumber;
        Status = origin == PaymentEvent.Prepared ? PaymentStatus.AwaitingConfirmation : PaymentStatus.Created;
        History = [new PaymentHistoryEntry(step.Now, Status, origin, step.Wall, step.Call)];
    }

    /// <summary>A payment as a snapshot kept it: its status, completion and history as they were.</summary>
    public Payment(long bankTransactionId, long transactionId, CardAccount card, PaymentOrder order, DateTimeOffset createdAt,
        string referenceNumber, PaymentStatus status, DateTimeOffset? completedAt, IEnumerable<PaymentHistoryEntry> history)
    {
        BankTransactionId = bankTransactionId;
        TransactionId = transactionId;
        Card = card;
        Order = order;
        CreatedAt = createdAt;
        ReferenceNumber = referenceNumber;
        Status = status;
        CompletedAt = completedAt;
        History = [.. history];
    }

    public long BankTransactionId { get; }

    public long TransactionId { get; }

    public CardAccount Card { get; }

    /// <summary>The registered card's id, when the payment was made by card id or saved its card.</summary>
    public string? CardId { get; set; }

    public PaymentOrder Order { get; }

    public long Amount => Order.Amount;

    public DateTimeOffset CreatedAt { get; }

    public string ReferenceNumber { get; }

    public PaymentStatus Status { get; private set; }

    public OtpChallenge? Otp { get; set; }

    /// <summary>The intermediate request id reported as details.id once the payment is confirmed.</summary>
    public string? RequestId { get; set; }

    public string? ReversalReference { get; set; }

    public List<PaymentHistoryEntry> History { get; }

    /// <summary>When the money was taken (status 2), the start of the 7-day cancel window.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The sum of refunds so far, in tiyin.</summary>
    public long RefundedAmount { get; set; }

    /// <summary>How many refunds there were (each adds a step to <see cref="History"/>; capped per payment).</summary>
    public int RefundCount { get; set; }

    /// <summary>
    /// The invoice this payment is a pay-page attempt of, so that whoever completes, cancels or refunds it (the page, the
    /// control API or a vendor-API call) sends that invoice's merchant callbacks.
    /// </summary>
    public Invoice? Invoice { get; set; }

    /// <summary>The fiscal receipt's public id, issued by the first paysys.get_fiscal_cheque.</summary>
    public string? ReceiptId { get; set; }

    /// <summary>The event as the step's call, at the step's now.</summary>
    public void Apply(PaymentEvent paymentEvent, Operation step) => Apply(paymentEvent, step.Now, step.Wall, step.Call);

    /// <summary>The event at <paramref name="at"/> (virtual; an expiry's due time) and <paramref name="wall"/> (real), caused by <paramref name="call"/>.</summary>
    public void Apply(PaymentEvent paymentEvent, DateTimeOffset at, DateTimeOffset wall, string? call)
    {
        Status = PaymentStateMachine.Next(this, paymentEvent);
        CompletedAt ??= Status == PaymentStatus.Completed ? at : null;
        History.Add(new PaymentHistoryEntry(at, Status, paymentEvent, wall, call));
    }
}
