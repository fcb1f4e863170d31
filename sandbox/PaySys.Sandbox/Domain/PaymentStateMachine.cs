using System.Collections.Frozen;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>What happened to a payment; each is one edge of the transition table.</summary>
public enum PaymentEvent
{
    Prepared,
    Created,
    OtpConfirmed,
    OtpConfirmedHold,
    TokenPaid,
    TokenHeld,
    OtpBurned,
    OtpExpired,
    HoldAccepted,
    HoldCancelled,
    HoldExpiredAccepted,
    HoldExpiredCancelled,
    Reversed,
    VendorCancelled,
    Refunded,

    /// <summary>Abandoned while awaiting its code: a newer attempt or Cancel on its invoice's pay page replaced it.</summary>
    Voided,

    /// <summary>The right code, for a card whose payments settle late: debited, "processing" (0) until <see cref="Settled"/>.</summary>
    OtpAccepted,

    /// <summary>A token payment for a card whose payments settle late: debited, still "processing" (0).</summary>
    TokenAccepted,

    /// <summary>The processing finished a payment that was accepted: it is completed.</summary>
    Settled,
}

/// <summary>
/// The payment lifecycle as one explicit table. Anything not in the table is rejected with the
/// catalogue's code for the state the payment is in, before any money moves.
/// </summary>
public static class PaymentStateMachine
{
    private static readonly FrozenDictionary<(PaymentStatus From, PaymentEvent Event), PaymentStatus> Transitions =
        new Dictionary<(PaymentStatus, PaymentEvent), PaymentStatus>
        {
            [(PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpConfirmed)] = PaymentStatus.Completed,
            [(PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpConfirmedHold)] = PaymentStatus.Held,
            [(PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpBurned)] = PaymentStatus.Error,
            [(PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpExpired)] = PaymentStatus.Error,
            [(PaymentStatus.AwaitingConfirmation, PaymentEvent.Voided)] = PaymentStatus.Cancelled,
            [(PaymentStatus.Created, PaymentEvent.TokenPaid)] = PaymentStatus.Completed,
            [(PaymentStatus.Created, PaymentEvent.TokenHeld)] = PaymentStatus.Held,
            [(PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpAccepted)] = PaymentStatus.Created,
            [(PaymentStatus.Created, PaymentEvent.TokenAccepted)] = PaymentStatus.Created,
            [(PaymentStatus.Created, PaymentEvent.Settled)] = PaymentStatus.Completed,
            [(PaymentStatus.Held, PaymentEvent.HoldAccepted)] = PaymentStatus.Completed,
            [(PaymentStatus.Held, PaymentEvent.HoldCancelled)] = PaymentStatus.Cancelled,
            [(PaymentStatus.Held, PaymentEvent.HoldExpiredAccepted)] = PaymentStatus.Completed,
            [(PaymentStatus.Held, PaymentEvent.HoldExpiredCancelled)] = PaymentStatus.Cancelled,
            [(PaymentStatus.Completed, PaymentEvent.Reversed)] = PaymentStatus.Cancelled,
            [(PaymentStatus.Held, PaymentEvent.Reversed)] = PaymentStatus.Cancelled,
            [(PaymentStatus.Completed, PaymentEvent.VendorCancelled)] = PaymentStatus.Cancelled,
            [(PaymentStatus.Completed, PaymentEvent.Refunded)] = PaymentStatus.Returned,
            [(PaymentStatus.Returned, PaymentEvent.Refunded)] = PaymentStatus.Returned,
        }.ToFrozenDictionary();

    public static bool CanApply(PaymentStatus from, PaymentEvent paymentEvent) =>
        Transitions.ContainsKey((from, paymentEvent));

    /// <summary>The status <paramref name="paymentEvent"/> leads to from <paramref name="from"/>, when the table has that edge.</summary>
    public static bool TryNext(PaymentStatus from, PaymentEvent paymentEvent, out PaymentStatus next) =>
        Transitions.TryGetValue((from, paymentEvent), out next);

    /// <summary>The status after <paramref name="paymentEvent"/>, or the catalogue error explaining why it is not allowed.</summary>
    public static PaymentStatus Next(Payment payment, PaymentEvent paymentEvent) =>
        Transitions.TryGetValue((payment.Status, paymentEvent), out var next)
            ? next
            : throw Rejection(payment, paymentEvent);

    public static void EnsureCanApply(Payment payment, PaymentEvent paymentEvent) => Next(payment, paymentEvent);

    private static Refusal Rejection(Payment payment, PaymentEvent paymentEvent)
    {
        var subject = $"transaction {payment.BankTransactionId} is {Describe(payment.Status)} (status {(int)payment.Status})";
        // paysys.payment_cancel is allowed once: a second cancel is "not allowed" (-32312), not "cancelled" (-32313).
        if (payment.Status == PaymentStatus.Cancelled && paymentEvent != PaymentEvent.VendorCancelled)
        {
            return new Refusal(Reasons.TransactionCancelled, payment.History[^1].Event == PaymentEvent.Voided
                ? $"{subject}: its invoice's pay page voided it (a new attempt or Cancel), so its code can no longer pay"
                : subject);
        }

        if (payment.Status == PaymentStatus.Error && paymentEvent is PaymentEvent.OtpConfirmed or PaymentEvent.OtpConfirmedHold)
        {
            return new Refusal(Reasons.WrongCode, $"{subject}: its code was burned or expired, prepare a new payment");
        }

        var allowedFrom = Transitions.Keys.Where(k => k.Event == paymentEvent).Select(k => Describe(k.From)).Distinct();
        return new Refusal(Reasons.TransactionNotAllowed, $"{subject}; this needs a transaction that is {string.Join(" or ", allowedFrom)}");
    }

    public static string Describe(PaymentStatus status) => status switch
    {
        PaymentStatus.Error => "failed",
        PaymentStatus.Created => "processing",
        PaymentStatus.AwaitingConfirmation => "awaiting confirmation",
        PaymentStatus.Completed => "completed",
        PaymentStatus.Cancelled => "cancelled",
        PaymentStatus.Returned => "returned",
        PaymentStatus.Held => "held",
        _ => status.ToString(),
    };

    public static string WireName(PaymentEvent paymentEvent) => paymentEvent switch
    {
        PaymentEvent.Prepared => "prepared",
        PaymentEvent.Created => "created",
        PaymentEvent.OtpConfirmed => "paid",
        PaymentEvent.OtpConfirmedHold => "held",
        PaymentEvent.TokenPaid => "paid_by_token",
        PaymentEvent.TokenHeld => "held_by_token",
        PaymentEvent.OtpBurned => "otp_burned",
        PaymentEvent.OtpExpired => "otp_expired",
        PaymentEvent.HoldAccepted => "hold_accepted",
        PaymentEvent.HoldCancelled => "hold_cancelled",
        PaymentEvent.HoldExpiredAccepted => "hold_expired_accepted",
        PaymentEvent.HoldExpiredCancelled => "hold_expired_cancelled",
        PaymentEvent.Reversed => "reversed",
        PaymentEvent.VendorCancelled => "cancelled_by_vendor",
        PaymentEvent.Refunded => "refunded",
        PaymentEvent.Voided => "voided",
        PaymentEvent.OtpAccepted => "accepted",
        PaymentEvent.TokenAccepted => "accepted_by_token",
        PaymentEvent.Settled => "settled",
        _ => paymentEvent.ToString(),
    };
}
