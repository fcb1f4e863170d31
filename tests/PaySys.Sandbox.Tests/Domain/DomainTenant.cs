using Microsoft.Extensions.Time.Testing;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Domain;

// Not PaySys.Sandbox.Tests.Domain: that would hide the server's Domain namespace from the other tests (Domain.CardMasking).
namespace PaySys.Sandbox.Tests.DomainRules;

/// <summary>
/// One tenant of the domain and nothing around it: no HTTP, no JSON, no options. Its real clock is a
/// <see cref="FakeTimeProvider"/> that never moves by itself, so every instant in these tests is exact. Every
/// step goes through <see cref="Tenant.Run{T}"/>, as the gateway's do. The vendor keeps 1 % on refunds, the OTP
/// is always <see cref="Code"/> and lives 120 s, the UzCard magic card pays.
/// </summary>
public sealed class DomainTenant
{
    public const string Code = "666666";
    public const string WrongCode = "000000";
    public const long VendorId = 100381;
    public const int OtpLifetimeSeconds = 120;
    public const long CancelWindowSeconds = 604_800;
    public const decimal UsdRate = 12_700m;

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public DomainTenant(TenantLimits? limits = null, int otpAttempts = 3)
    {
        RealClock = new FakeTimeProvider(Start);
        var merchant = new Merchant(new MerchantProfile(
            "1", "sandbox-secret", "Domain test merchant", "900000000", "97000000", BlockedAtStart: false,
            [new Vendor(VendorId, 0.01m, BlockedAtStart: false)]));
        var settings = new TenantSettings(
            new OtpSettings(Code, OtpLifetimeSeconds, otpAttempts),
            SmsOutboxSize: 100,
            DefaultHoldingTimeSeconds: 604_800,
            HoldExpiryAction.Cancel,
            CancelWindowSeconds,
            PayoutDelaySeconds: 30,
            new CurrencyRates(new Dictionary<string, decimal> { ["USD"] = UsdRate }),
            limits ?? TenantLimits.Defaults);
        Tenant = new Tenant(merchant, RealClock, settings, new JournalBounds(MaxEntries: 100, MaxBytes: 1 << 20), new SandboxIds(RealClock), new MemoryBudget(megabytes: 64));
    }

    public FakeTimeProvider RealClock { get; }

    public Tenant Tenant { get; }

    /// <summary>The UzCard magic card's account in this tenant (balance 10 000 000 UZS at the start).</summary>
    public CardAccount Uzcard => Run((state, _) => state.Cards.FindAccount(MagicCards.Uzcard.Pan));

    public T Run<T>(Func<TenantState, Operation, T> step) => Tenant.Run(op => step(Tenant.State, op));

    /// <summary>Moves the tenant's virtual clock, as <c>POST /_sandbox/clock</c> does; what falls due applies on the next step.</summary>
    public void Advance(long seconds) => Tenant.Clock.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>The refusal <paramref name="step"/> ends in; the test fails when it does not refuse.</summary>
    public Refusal Refused<T>(Func<TenantState, Operation, T> step)
    {
        var act = () => Run(step);
        return act.Should().Throw<Refusal>().Which;
    }

    public static PaymentOrder Order(long amount, bool hold = false, long holdingTimeSeconds = 604_800, HoldExpiryAction afterExpired = HoldExpiryAction.Cancel) =>
        new(amount, VendorId, "order-1", Comment: null, MagicCards.Uzcard.Phone, Save: false, hold, holdingTimeSeconds, afterExpired);

    /// <summary>pam.prepare_payment by the UzCard's number: the payment waits for its code (status 1).</summary>
    public Payment Prepare(PaymentOrder order) =>
        Run((state, op) => state.Acquiring.Prepare(new CardReference(null, MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry), order, op));

    public Payment Confirm(Payment payment, string code = Code) =>
        Run((state, op) => state.Acquiring.Confirm(payment.BankTransactionId, code, op)).Payment;

    /// <summary>A completed OTP payment (status 2).</summary>
    public Payment Paid(long amount) => Confirm(Prepare(Order(amount)));

    /// <summary>A confirmed OTP hold (status 7).</summary>
    public Payment Held(long amount, long holdingTimeSeconds, HoldExpiryAction afterExpired) =>
        Confirm(Prepare(Order(amount, hold: true, holdingTimeSeconds, afterExpired)));
}

/// <summary>What these tests assert of a history entry: virtual time, status and event (the wall time and the call are the console's).</summary>
public sealed record HistoryStep(DateTimeOffset At, PaymentStatus Status, PaymentEvent Event);
