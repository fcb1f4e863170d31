using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// The one configuration model of the sandbox, bound from the "Sandbox" section of appsettings.json
/// and from PAYSYS_* environment variables (see <see cref="PaySysEnvironmentVariables"/>).
/// Every default here is a documented sandbox choice (SPEC §10).
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Configured merchants; empty means the zero-configuration default merchant.</summary>
    public List<MerchantOptions> Merchants { get; set; } = [];

    /// <summary>Accept any service_id signed with <see cref="OpenTenantsSecret"/>, creating its tenant on first use.</summary>
    public bool OpenTenants { get; set; }

    public string OpenTenantsSecret { get; set; } = MerchantOptions.DefaultSecretKey;

    /// <summary>One log line per request (<see cref="RequestLog"/>); PAYSYS_LOG_REQUESTS, --verbose.</summary>
    public bool LogRequests { get; set; }

    /// <summary>When set (e.g. "666666"), every OTP is this code instead of a random one.</summary>
    public string? FixedOtp { get; set; }

    public int OtpTtlSeconds { get; set; } = 120;

    public int OtpAttempts { get; set; } = 3;

    public int MaxBodyBytes { get; set; } = 64 * 1024;

    public int AuthWindowSeconds { get; set; } = 300;

    /// <summary>Accept only millisecond Auth timestamps (the docs' unit) instead of ms and s.</summary>
    public bool StrictTimestampUnits { get; set; }

    /// <summary>When set, every /_sandbox route but health needs header X-Sandbox-Token with this value.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Requests kept per tenant in the journal; PAYSYS_JOURNAL_SIZE.</summary>
    public int JournalSize { get; set; } = 1000;

    /// <summary>Bytes of bodies kept per tenant in the journal, whatever their number (the oldest go first); PAYSYS_JOURNAL_BYTES_PER_TENANT.</summary>
    public long JournalBytesPerTenant { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// What all tenants together may store, in MB (cards, transactions, invoices, refunds, fault rules as estimated
    /// sizes, journal bodies exactly); past it a store that would grow is refused with -32312 naming the budget, and the
    /// journal stops keeping entries; PAYSYS_MEMORY_BUDGET_MB.
    /// </summary>
    public int MemoryBudgetMb { get; set; } = 1024;

    /// <summary>
    /// Seconds after its last request (real time) an open tenant expires and its memory is given back; 0 keeps open
    /// tenants until a restart. Configured merchants never expire; PAYSYS_TENANT_IDLE_SECONDS.
    /// </summary>
    public long TenantIdleSeconds { get; set; } = 3600;

    /// <summary>Payments and payouts one tenant may hold (then -32312 until POST /_sandbox/reset).</summary>
    public int MaxTransactionsPerTenant { get; set; } = TenantLimitDefaults.MaxTransactions;

    /// <summary>Cards one tenant's catalogue may hold, the magic cards included (POST /_sandbox/cards then answers 400).</summary>
    public int MaxCardsPerTenant { get; set; } = TenantLimitDefaults.MaxCards;

    public int MaxInvoicesPerTenant { get; set; } = TenantLimitDefaults.MaxInvoices;

    /// <summary>Refunds of one payment (each is a step of its history).</summary>
    public int MaxRefundsPerPayment { get; set; } = TenantLimitDefaults.MaxRefundsPerPayment;

    public int MaxFaultRulesPerTenant { get; set; } = TenantLimitDefaults.MaxFaultRules;

    /// <summary>Tenants in all, the configured merchants included: open tenants beyond it are refused (-32504).</summary>
    public int MaxTenants { get; set; } = 10_000;

    public int SmsOutboxSize { get; set; } = 1000;

    public int SlowCardDelayMs { get; set; } = 2000;

    public long DefaultHoldingTimeSeconds { get; set; } = 604_800;

    public string DefaultAfterExpired { get; set; } = "cancel";

    /// <summary>How long after a payment paysys.payment_cancel still works (virtual clock).</summary>
    public long CancelWindowSeconds { get; set; } = 604_800;

    /// <summary>How long an e-wallet payout stays pending (1) on the virtual clock before it settles.</summary>
    public long PayoutDelaySeconds { get; set; } = 30;

    /// <summary>How long a payment with the settles_late magic card is "processing" (status 0) before it completes (virtual clock).</summary>
    public long SettlementDelaySeconds { get; set; } = 30;

    /// <summary>
    /// Sandbox exchange rates, UZS per unit of each foreign currency, used for refunds in a foreign
    /// currency and for invoices (PAYSYS_RATES__USD=12650).
    /// </summary>
    public Dictionary<string, decimal> Rates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 12_650m,
        ["EUR"] = 13_700m,
        ["RUB"] = 155m,
        ["TRL"] = 380m,
    };

    /// <summary>
    /// The base URL of links the sandbox hands out (receipts, pay pages) when callers reach it through
    /// another name than the Host header says, e.g. behind a proxy; PAYSYS_PUBLIC_URL.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Listen URLs; PAYSYS_URLS. The command line (--urls, --port) wins over it.</summary>
    public string? Urls { get; set; }

    /// <summary>The default merchant's callback URLs and secret, and every tenant's retry schedule; PAYSYS_CALLBACKS__*.</summary>
    public CallbackOptions Callbacks { get; set; } = new();

    /// <summary>
    /// A folder that keeps every tenant's state across restarts (docs/state.md); unset, nothing touches the disk;
    /// PAYSYS_STATE_DIR.
    /// </summary>
    public string? StateDir { get; set; }

    /// <summary>How often changed tenants are written to <see cref="StateDir"/>, in ms of the real clock; PAYSYS_STATE_SAVE_MS.</summary>
    public int StateSaveMs { get; set; } = 250;

    // Fidelity switches (docs/fidelity.md): every tenant starts with these, PUT /_sandbox/fidelity changes one tenant.
    // StrictTimestampUnits above is the fourth.

    /// <summary>Read numeric params sent as strings of digits ("amount":"100000"); PAYSYS_NUMBERS_AS_DIGIT_STRINGS.</summary>
    public bool NumbersAsDigitStrings { get; set; }

    /// <summary>Days after a payment transaction.reverse is refused; 0 (the default) never; PAYSYS_REVERSAL_WINDOW_DAYS.</summary>
    public int ReversalWindowDays { get; set; }

    /// <summary>paysys.invoice_create refuses an order_id already invoiced; PAYSYS_REFUSE_REPEATED_ORDER_ID.</summary>
    public bool RefuseRepeatedOrderId { get; set; }

    // The cheque link (docs/fidelity.md): shaped like production's for clients that check it.

    /// <summary>Scheme and host of the cheque link, e.g. https://ofd.soliq.uz (default: the sandbox's own); PAYSYS_RECEIPT_LINK_HOST.</summary>
    public string? ReceiptLinkHost { get; set; }

    /// <summary>
    /// Path of the cheque link, e.g. /epi like production (default /receipt); the sandbox serves its receipt page there
    /// as well as at /receipt; PAYSYS_RECEIPT_LINK_PATH.
    /// </summary>
    public string? ReceiptLinkPath { get; set; }

    /// <summary><see cref="ReceiptLinkPath"/> with its leading '/', or null when it is not set.</summary>
    public string? ReceiptLinkPathOrNull =>
        string.IsNullOrWhiteSpace(ReceiptLinkPath) ? null : "/" + ReceiptLinkPath.Trim().TrimStart('/');

    public GatewayRules Rules => new(
        NumbersAsDigitStrings, Math.Clamp(ReversalWindowDays, 0, GatewayRules.MaxReversalWindowDays), RefuseRepeatedOrderId, StrictTimestampUnits);

    private static Domain.TenantLimits TenantLimitDefaults => Domain.TenantLimits.Defaults;

    public Domain.TenantLimits Limits => new(
        Math.Max(1, MaxTransactionsPerTenant), Math.Max(1, MaxCardsPerTenant), Math.Max(1, MaxInvoicesPerTenant),
        Math.Max(1, MaxRefundsPerPayment), Math.Max(1, MaxFaultRulesPerTenant));

    public IReadOnlyList<MerchantOptions> EffectiveMerchants =>
        Merchants.Count > 0 ? Merchants : [MerchantOptions.CreateDefault()];

    /// <summary>The tenant table these options describe, in the domain's terms.</summary>
    public TenantRules ToTenantRules() => new(
        [.. EffectiveMerchants.Select((m, index) => index == 0 ? m.ToProfile() with { Callbacks = Callbacks.ToEndpoints() } : m.ToProfile())],
        OpenTenants,
        OpenTenantsSecret,
        MaxTenants,
        new JournalBounds(Math.Max(1, JournalSize), Math.Max(1, JournalBytesPerTenant)),
        new TenantSettings(
            new OtpSettings(FixedOtp, OtpTtlSeconds, OtpAttempts),
            SmsOutboxSize,
            DefaultHoldingTimeSeconds,
            DefaultAfterExpired == "accept" ? HoldExpiryAction.Accept : HoldExpiryAction.Cancel,
            CancelWindowSeconds,
            PayoutDelaySeconds,
            new CurrencyRates(Rates),
            Limits,
            Callbacks.ToPolicy(),
            Rules,
            Math.Max(0, SettlementDelaySeconds)),
        serviceId => new MerchantOptions { ServiceId = serviceId, SecretKey = OpenTenantsSecret }.ToProfile(),
        new MemoryBudget(MemoryBudgetMb),
        TimeSpan.FromSeconds(Math.Clamp(TenantIdleSeconds, 0, 10L * 365 * 24 * 3600)));
}

public sealed class MerchantOptions
{
    public const string DefaultServiceId = "1";
    public const string DefaultSecretKey = "sandbox-secret";

    public string ServiceId { get; set; } = DefaultServiceId;

    public string SecretKey { get; set; } = DefaultSecretKey;

    public string Name { get; set; } = "PaySys Sandbox Merchant";

    /// <summary>merchantId reported in payment details (UZCARD ONLINE/HUMO service provider id).</summary>
    public string MerchantId { get; set; } = "900000000";

    public string TerminalId { get; set; } = "97000000";

    public bool Blocked { get; set; }

    /// <summary>Vendors this merchant owns; empty means the docs' three example vendors at 1 %.</summary>
    public List<VendorOptions> Vendors { get; set; } = [];

    public IReadOnlyList<VendorOptions> EffectiveVendors =>
        Vendors.Count > 0 ? Vendors : VendorOptions.CreateDefaults();

    public static MerchantOptions CreateDefault() => new();

    public MerchantProfile ToProfile() => new(
        ServiceId, SecretKey, Name, MerchantId, TerminalId, Blocked,
        [.. EffectiveVendors.Select(v => new Vendor(v.VendorId, v.Commission, v.Blocked, v.ReturnUrl, v.MerchantId, v.TerminalId))]);
}

public sealed class VendorOptions
{
    public long VendorId { get; set; }

    /// <summary>Commission rate kept on refunds, e.g. 0.01 for 1 %.</summary>
    public decimal Commission { get; set; } = 0.01m;

    public bool Blocked { get; set; }

    /// <summary>The pay page's "Back to the merchant" link after paying or cancelling; an absolute http(s) URL, none by default.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>merchantId of this vendor's payments; none: the merchant's.</summary>
    public string? MerchantId { get; set; }

    /// <summary>terminalId of this vendor's payments (and its receipts' links); none: the merchant's.</summary>
    public string? TerminalId { get; set; }

    /// <summary>
    /// The docs' vendors: the first reports the docs' merchantId/terminalId pair, the other two a terminal each, so
    /// a client that stores one pair for every payment is seen to be wrong.
    /// </summary>
    public static IReadOnlyList<VendorOptions> CreateDefaults() =>
    [
        new() { VendorId = 100381 },
        new() { VendorId = 104466, TerminalId = "97000001" },
        new() { VendorId = 101596, TerminalId = "97000002" },
    ];
}
