namespace PaySys.Sandbox.Domain;

/// <summary>The hosted page's callbacks (Web-kassa), each sent to its own URL in the merchant's cabinet.</summary>
public enum CallbackKind
{
    Info,
    Pay,
    Notify,
    Cancel,
    Statement,
}

/// <summary>
/// The merchant's callback URLs and signing secret, as the vendor's cabinet holds them. A callback without a URL is not
/// sent; without a secret of its own the merchant signs with its service's secret key.
/// </summary>
public sealed record CallbackEndpoints(string? InfoUrl, string? PayUrl, string? NotifyUrl, string? CancelUrl, string? StatementUrl, string? Secret)
{
    public static CallbackEndpoints None { get; } = new(null, null, null, null, null, null);

    public string? UrlOf(CallbackKind kind) => kind switch
    {
        CallbackKind.Info => InfoUrl,
        CallbackKind.Pay => PayUrl,
        CallbackKind.Notify => NotifyUrl,
        CallbackKind.Cancel => CancelUrl,
        CallbackKind.Statement => StatementUrl,
        _ => null,
    };
}

/// <summary>
/// How callbacks are retried (on the tenant's virtual clock) and how many deliveries a tenant keeps. The vendor publishes
/// no retry policy: this one is the sandbox's choice (README).
/// </summary>
/// <param name="Schedule">The wait before each attempt, the first counted from the event, every later one from the
/// previous attempt's due time; after the last attempt fails the delivery gives up.</param>
/// <param name="QueueSize">Deliveries kept per tenant, pending and finished; the oldest finished ones make room.</param>
/// <param name="Doorbell">Where a tenant rings when it has a callback to send at once.</param>
public sealed record CallbackPolicy(IReadOnlyList<TimeSpan> Schedule, int QueueSize, CallbackDoorbell Doorbell)
{
    public static IReadOnlyList<TimeSpan> DefaultSchedule { get; } =
        [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public const int DefaultQueueSize = 1000;

    /// <summary>Attempts one delivery keeps in its log, redeliveries included: the oldest go first.</summary>
    public const int MaxAttemptsKept = 20;
}
