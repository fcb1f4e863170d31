using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>What a refusal is about, in payment words; each adapter names it its own way (a param, a form field, a route).</summary>
public enum Subject
{
    None,
    CardNumber,
    CardExpiry,
    RegisteredCard,
    CardToken,
    Phone,
    Code,
    Vendor,
    Amount,
    BankTransaction,
    Transaction,
    PayoutAccount,
    Payout,
}

/// <summary>How an adapter names a <see cref="Subject"/> in the text of a refusal.</summary>
public delegate string SubjectNames(Subject subject);

/// <summary>Facts a refusal carries beyond its words, for callers that act on them.</summary>
public abstract record RefusalFacts;

/// <summary>A per-tenant cap was reached.</summary>
public sealed record LimitReached(int Limit) : RefusalFacts;

/// <summary>A refund would pass the payment's refundable cap (all sums in tiyin but the last, in the refund's currency).</summary>
public sealed record RefundCapExceeded(long Refundable, long Refunded, long Cap, string Currency, long RefundableInCurrency) : RefusalFacts;

/// <summary>
/// A domain rule said no: a reason from the catalogue (contracts/errors.json), what it is about and why, in payment words.
/// Thrown before any state changes (wrong OTP attempts excepted: counting them is the documented behaviour).
/// The gateway turns it into a JSON-RPC error, the control API into a 4xx body, the pages into a message.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "A refusal is a payment word; it is thrown, but it is no fault.")]
public sealed class Refusal : Exception
{
    private readonly Func<SubjectNames, string> detail;

    public Refusal(ErrorDefinition reason, string detail, Subject about = Subject.None, RefusalFacts? facts = null)
        : this(reason, about, _ => detail, facts)
    {
    }

    /// <summary>A refusal whose words name its subject (or others): <paramref name="detail"/> gets the adapter's names.</summary>
    public Refusal(ErrorDefinition reason, Subject about, Func<SubjectNames, string> detail, RefusalFacts? facts = null)
        : base($"{reason.Message}: {detail(subject => subject.ToString())}")
    {
        Reason = reason;
        About = about;
        Facts = facts;
        this.detail = detail;
    }

    public ErrorDefinition Reason { get; }

    public Subject About { get; }

    public RefusalFacts? Facts { get; }

    /// <summary>The catalogue message and why, with subjects named by <paramref name="names"/>.</summary>
    public string Describe(SubjectNames names) => $"{Reason.Message}: {detail(names)}";
}
