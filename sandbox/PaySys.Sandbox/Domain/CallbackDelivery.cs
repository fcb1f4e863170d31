namespace PaySys.Sandbox.Domain;

public enum CallbackDeliveryStatus
{
    /// <summary>Waiting for its due time, or for the callback before it in its chain.</summary>
    Pending,

    /// <summary>An attempt is on its way to the merchant.</summary>
    Sending,

    /// <summary>The merchant answered ERROR 0.</summary>
    Delivered,

    /// <summary>Every attempt of the retry schedule failed: given up.</summary>
    Failed,

    /// <summary>Its URL was removed before it fell due: not sent.</summary>
    Skipped,
}

/// <summary>
/// The callbacks about one paid invoice, in the order the merchant must see them (Pay, Notify "2", then Cancel, Notify "3"),
/// and what they carry: the invoice's facts, and the merchant's own id once its Pay answer gave one.
/// </summary>
public sealed class CallbackChain(long invoiceId, long agrTransId, long vendorId, int paymentId, string paymentName, string merchantTransId, string amount)
{
    public long InvoiceId { get; } = invoiceId;

    /// <summary>The gateway's transaction id.</summary>
    public long AgrTransId { get; } = agrTransId;

    public long VendorId { get; } = vendorId;

    public int PaymentId { get; } = paymentId;

    public string PaymentName { get; } = paymentName;

    /// <summary>The merchant's order id (the invoice's order_id).</summary>
    public string MerchantTransId { get; } = merchantTransId;

    /// <summary>In sums, as MERCHANT_TRANS_AMOUNT carries it.</summary>
    public string Amount { get; } = amount;

    /// <summary>The merchant's id from its Pay answer; Notify and Cancel carry it ("" when there was none).</summary>
    public string? VendorTransId { get; set; }

    public List<CallbackDelivery> Deliveries { get; } = [];

    /// <summary>The delivery whose turn it is: the first one that has not finished.</summary>
    public CallbackDelivery? Current => Deliveries.FirstOrDefault(d => !d.IsFinished);
}

/// <summary>One callback the sandbox owes the merchant, and every attempt to deliver it.</summary>
public sealed class CallbackDelivery(long id, CallbackKind kind, CallbackChain chain, string? status, DateTimeOffset queuedAt)
{
    public long Id { get; } = id;

    public CallbackKind Kind { get; } = kind;

    public CallbackChain Chain { get; } = chain;

    /// <summary>The STATUS a Notify carries ("2" paid, "3" cancelled); null for the other callbacks.</summary>
    public string? NotifyStatus { get; } = status;

    public DateTimeOffset QueuedAt { get; } = queuedAt;

    public CallbackDeliveryStatus Status { get; set; } = CallbackDeliveryStatus.Pending;

    /// <summary>When the next scheduled attempt falls due (virtual clock); later attempts are counted from it.</summary>
    public DateTimeOffset NextAttemptAt { get; set; } = queuedAt;

    /// <summary>Attempts made by the retry schedule (redeliveries not counted).</summary>
    public int ScheduledAttempts { get; set; }

    /// <summary>The attempts, oldest first, at most <see cref="CallbackPolicy.MaxAttemptsKept"/>.</summary>
    public List<CallbackAttempt> Attempts { get; } = [];

    /// <summary>What the tenant's callback fault rules did to this delivery, oldest first, for the log.</summary>
    public List<string> Faults { get; } = [];

    /// <summary>The scheduled attempt a delay rule already postponed, so one attempt is delayed at most once.</summary>
    public int? DelayedAttempt { get; set; }

    public bool IsFinished => Status is CallbackDeliveryStatus.Delivered or CallbackDeliveryStatus.Failed or CallbackDeliveryStatus.Skipped;
}

/// <summary>
/// What came back from one attempt, as the sender saw it: the HTTP status and body, the merchant's ERROR, ERROR_NOTE and
/// VENDOR_TRANS_ID when the body had them, or why there was no answer (timeout, refused, redirect…).
/// </summary>
public sealed record CallbackAnswer(int? HttpStatus, string? Body, int? Error, string? ErrorNote, string? VendorTransId, string? Failure, long LatencyMs)
{
    public bool Succeeded => Failure is null && HttpStatus is >= 200 and < 300 && Error == 0;

    /// <summary>In a few words, for the delivery log.</summary>
    public string Outcome => this switch
    {
        { Failure: { } failure } => failure,
        { HttpStatus: not (>= 200 and < 300) } => $"HTTP {HttpStatus}",
        { Error: null } => "the answer has no ERROR",
        { Error: 0 } => "delivered",
        { Error: { } code } => $"the merchant answered ERROR {code} ({MerchantErrors.Describe(code)})",
    };
}

/// <summary>One attempt as the delivery log keeps it (virtual time; the secret and card numbers masked).</summary>
public sealed record CallbackAttempt(DateTimeOffset At, string Url, string Request, bool Redelivery, CallbackAnswer Answer);

/// <summary>An attempt about to leave: the sender posts <see cref="Message"/> and hands the answer back to the outbox.</summary>
/// <see cref="Duplicate"/>: the second copy a duplicate fault sends; its answer is logged but does not move the delivery.
public sealed record CallbackSend(CallbackDelivery Delivery, CallbackMessage Message, DateTimeOffset At, bool Redelivery, CallbackDeliveryStatus StatusBefore,
    bool Duplicate = false);

/// <summary>The merchant's documented answer codes (paysys-callbacks.md).</summary>
public static class MerchantErrors
{
    public const int Success = 0;
    public const int SignCheckFailed = -1;
    public const int IncorrectAmount = -2;
    public const int AlreadyPaid = -4;
    public const int UserDoesNotExist = -5;
    public const int TransactionDoesNotExist = -6;
    public const int TransactionCancelled = -9;

    public static string Describe(int code) => code switch
    {
        Success => "success",
        SignCheckFailed => "SIGN CHECK FAILED",
        IncorrectAmount => "incorrect amount",
        -3 => "action not found",
        AlreadyPaid => "already paid",
        UserDoesNotExist => "user does not exist",
        TransactionDoesNotExist => "transaction does not exist",
        -7 => "failed to update user",
        -8 => "error in request from the gateway",
        TransactionCancelled => "transaction cancelled",
        -10 => "vendor not found",
        -11 => "transaction type not correct",
        _ => "not a documented code",
    };
}
