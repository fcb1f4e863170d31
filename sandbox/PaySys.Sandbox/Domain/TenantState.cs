using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>Everything a tenant owns that POST /_sandbox/reset wipes. Guarded by the tenant's gate.</summary>
public sealed class TenantState
{
    public TenantState(Merchant merchant, IEnumerable<CardSpec> catalogue, TenantSettings settings, SandboxIds ids, TenantFootprint? footprint = null)
    {
        Footprint = footprint ?? TenantFootprint.Untracked;
        Limits = settings.Limits.CountingInto(Footprint);
        Faults = new FaultRules(Limits);
        Cards = new CardWallet(catalogue, Limits);
        Sms = new BoundedLog<SmsMessage>(settings.SmsOutboxSize);
        Otp = new OtpIssuer(settings.Otp, Sms);
        ServiceBlocked = merchant.BlockedAtStart;
        BlockedVendors = [.. merchant.Vendors.Values.Where(v => v.BlockedAtStart).Select(v => v.VendorId)];
        Acquiring = new Acquiring(this, merchant, ids, settings);
        Refunds = new Refunds(this, merchant, settings);
        Invoices = new Invoices(this, ids, settings);
        Payouts = new Payouts(this, ids, settings);
        Rules = settings.Rules ?? GatewayRules.Default;
        Callbacks = new CallbackOutbox(merchant, settings.Callbacks ?? new CallbackPolicy(CallbackPolicy.DefaultSchedule, CallbackPolicy.DefaultQueueSize, new CallbackDoorbell()),
            new CallbackFaults(Limits));
    }

    public CardWallet Cards { get; }

    /// <summary>The tenant's fidelity switches (PUT /_sandbox/fidelity); a reset returns them to the configured ones.</summary>
    public GatewayRules Rules { get; set; }

    public PaymentBook Payments { get; } = new();

    public BoundedLog<SmsMessage> Sms { get; }

    public OtpIssuer Otp { get; }

    public ExpirySchedule Expiries { get; } = new();

    public bool ServiceBlocked { get; set; }

    public HashSet<long> BlockedVendors { get; }

    public Acquiring Acquiring { get; }

    public Refunds Refunds { get; }

    public Invoices Invoices { get; }

    public Payouts Payouts { get; }

    public FaultRules Faults { get; }

    public CallbackOutbox Callbacks { get; }

    public TenantLimits Limits { get; }

    /// <summary>This state's bytes in the sandbox's memory budget; returned when the state is wiped or dropped.</summary>
    public TenantFootprint Footprint { get; }

    /// <summary>Payments and payouts together, against <see cref="TenantLimits.MaxTransactions"/>.</summary>
    public void EnsureRoomForTransaction() => Limits.EnsureRoomForTransaction(Payments.All.Count + Payouts.All.Count);
}

/// <summary>The options a tenant's domain needs, taken once from the sandbox options.</summary>
public sealed record TenantSettings(
    OtpSettings Otp,
    int SmsOutboxSize,
    long DefaultHoldingTimeSeconds,
    HoldExpiryAction DefaultAfterExpired,
    long CancelWindowSeconds,
    long PayoutDelaySeconds,
    CurrencyRates Rates,
    TenantLimits Limits,
    CallbackPolicy? Callbacks = null,
    GatewayRules? Rules = null,
    long SettlementDelaySeconds = 30);
