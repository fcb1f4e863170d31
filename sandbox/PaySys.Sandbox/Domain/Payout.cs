namespace PaySys.Sandbox.Domain;

public enum PayoutBehaviour
{
    Success,
    UserNotFound,
    ProcessingDown,
    PayoutFails,
    PayoutStuck,
}

public sealed record PayoutHistoryEntry(DateTimeOffset At, PaymentStatus Status, string Event);

/// <summary>An e-wallet payout (pam.pay_by_cash): pending (1) until the payout delay passes, then completed (2) or failed (-1).</summary>
public sealed class Payout(long transactionId, string requestId, string account, long amount, string currency, long vendorId,
    string? wallet, DateTimeOffset createdAt)
{
    public long TransactionId { get; } = transactionId;

    public string RequestId { get; } = requestId;

    public string Account { get; } = account;

    public long Amount { get; } = amount;

    public string Currency { get; } = currency;

    public long VendorId { get; } = vendorId;

    public string? Wallet { get; } = wallet;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public PaymentStatus Status { get; private set; } = PaymentStatus.AwaitingConfirmation;

    public List<PayoutHistoryEntry> History { get; } = [new(createdAt, PaymentStatus.AwaitingConfirmation, "accepted")];

    /// <summary>The status and history a snapshot kept.</summary>
    public void Restore(PaymentStatus status, IEnumerable<PayoutHistoryEntry> history)
    {
        Status = status;
        History.Clear();
        History.AddRange(history);
    }

    public void Settle(bool succeeded, DateTimeOffset at)
    {
        Status = succeeded ? PaymentStatus.Completed : PaymentStatus.Error;
        History.Add(new PayoutHistoryEntry(at, Status, succeeded ? "paid_out" : "failed"));
    }
}
