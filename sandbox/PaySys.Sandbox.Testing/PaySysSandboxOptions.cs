using System.Globalization;
using Microsoft.Extensions.Logging;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Testing;

/// <summary>
/// How to configure an in-process sandbox: the same settings as the binary's <c>PAYSYS_*</c> variables, each
/// mapped to its <c>Sandbox:*</c> configuration key (<see cref="ToConfiguration"/>). A property left null keeps
/// the sandbox's default. The process's own <c>PAYSYS_*</c> variables and appsettings never reach a sandbox
/// started by <see cref="PaySysSandbox.StartAsync(Action{PaySysSandboxOptions}?, CancellationToken)"/>.
/// </summary>
public sealed class PaySysSandboxOptions
{
    /// <summary>Real Kestrel on loopback (the default), or in memory for speed; see <see cref="SandboxTransport"/>.</summary>
    public SandboxTransport Transport { get; set; } = SandboxTransport.Loopback;

    /// <summary>
    /// The sandbox's real clock (default <see cref="TimeProvider.System"/>), e.g. a FakeTimeProvider that the test
    /// moves. Every tenant's virtual clock runs on top of it, and the Auth timestamp window is checked against it,
    /// so the clients from <see cref="PaySysSandbox.CreateClient()"/> sign with it too.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Where the sandbox's log lines go besides nowhere, e.g. a <see cref="SandboxLogCapture"/> or a provider that
    /// writes to the test's output. The sandbox never disposes them.
    /// </summary>
    public IList<ILoggerProvider> LoggerProviders { get; } = [];

    /// <summary>Every OTP is this code (e.g. "666666") instead of a random one; PAYSYS_FIXED_OTP.</summary>
    public string? FixedOtp { get; set; }

    /// <summary>Any service_id signed with <see cref="OpenTenantsSecret"/> gets its own tenant; PAYSYS_OPEN_TENANTS.</summary>
    public bool? OpenTenants { get; set; }

    /// <summary>The shared secret of open tenants (default sandbox-secret); PAYSYS_OPEN_TENANTS_SECRET.</summary>
    public string? OpenTenantsSecret { get; set; }

    /// <summary>Protects the control API; the sandbox's helpers and control clients send it; PAYSYS_ADMIN_TOKEN.</summary>
    public string? AdminToken { get; set; }

    /// <summary>OTP lifetime (default 120); PAYSYS_OTP_TTL_SECONDS.</summary>
    public int? OtpTtlSeconds { get; set; }

    /// <summary>Wrong attempts that burn a code (default 3); PAYSYS_OTP_ATTEMPTS.</summary>
    public int? OtpAttempts { get; set; }

    /// <summary>Request body limit (default 65536); PAYSYS_MAX_BODY_BYTES.</summary>
    public int? MaxBodyBytes { get; set; }

    /// <summary>Allowed distance of the Auth timestamp from real time (default 300); PAYSYS_AUTH_WINDOW_SECONDS.</summary>
    public int? AuthWindowSeconds { get; set; }

    /// <summary>Accept only millisecond Auth timestamps; PAYSYS_STRICT_TIMESTAMP_UNITS.</summary>
    public bool? StrictTimestampUnits { get; set; }

    /// <summary>Requests kept per tenant in the journal (default 1000); PAYSYS_JOURNAL_SIZE.</summary>
    public int? JournalSize { get; set; }

    /// <summary>Messages kept per tenant in the outbox (default 1000); PAYSYS_SMS_OUTBOX_SIZE.</summary>
    public int? SmsOutboxSize { get; set; }

    /// <summary>Delay of the <c>slow</c> magic card (default 2000); PAYSYS_SLOW_CARD_DELAY_MS.</summary>
    public int? SlowCardDelayMs { get; set; }

    /// <summary><c>holding_time</c> when a hold does not give one (default 604800); PAYSYS_DEFAULT_HOLDING_TIME_SECONDS.</summary>
    public long? DefaultHoldingTimeSeconds { get; set; }

    /// <summary>How long after a payment paysys.payment_cancel works (default 604800); PAYSYS_CANCEL_WINDOW_SECONDS.</summary>
    public long? CancelWindowSeconds { get; set; }

    /// <summary>How long a payout stays pending (default 30); PAYSYS_PAYOUT_DELAY_SECONDS.</summary>
    public long? PayoutDelaySeconds { get; set; }

    /// <summary>PAYSYS_SETTLEMENT_DELAY_SECONDS: how long a settles_late card's payment stays "processing" (status 0).</summary>
    public long? SettlementDelaySeconds { get; set; }

    /// <summary>Base of the receipt and pay-page links (default: the request's Host); PAYSYS_PUBLIC_URL.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Numeric params may be strings of digits (<c>"amount":"100000"</c>); PAYSYS_NUMBERS_AS_DIGIT_STRINGS (docs/fidelity.md).</summary>
    public bool? NumbersAsDigitStrings { get; set; }

    /// <summary>Days after a payment <c>transaction.reverse</c> is refused (default 0: never); PAYSYS_REVERSAL_WINDOW_DAYS.</summary>
    public int? ReversalWindowDays { get; set; }

    /// <summary><c>paysys.invoice_create</c> refuses an <c>order_id</c> already invoiced; PAYSYS_REFUSE_REPEATED_ORDER_ID.</summary>
    public bool? RefuseRepeatedOrderId { get; set; }

    /// <summary>
    /// The default merchant's callback settings at start (pay, notify, cancel, info and statement URLs, the secret),
    /// as <c>PAYSYS_CALLBACKS__*</c> would set them; change them later with <see cref="PaySysSandbox.Callbacks"/>.
    /// </summary>
    public SandboxCallbackSettingsSpec? Callbacks { get; set; }

    /// <summary>The wait before each callback attempt on the virtual clock; then it gives up. Default 0 s, 1 min, 5 min, 30 min, 2 h.</summary>
    public IReadOnlyList<TimeSpan>? CallbackRetrySchedule { get; set; }

    /// <summary>UZS per unit of a currency, e.g. <c>Rates["USD"] = 12_700m</c>; PAYSYS_RATES__USD.</summary>
    public IDictionary<string, decimal> Rates { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Any other configuration key, as the sandbox reads it, e.g. <c>Settings["Sandbox:Merchants:0:ServiceId"] = "42"</c>
    /// (PAYSYS_MERCHANTS__0__SERVICE_ID) or <c>Settings["Logging:LogLevel:Default"] = "Debug"</c>. Applied after the
    /// typed properties, so it wins over them.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>Sandbox:*</c> configuration keys these options set.</summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration()
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Set(string name, object? value)
        {
            if (value is not null)
            {
                keys[$"{SandboxOptions.Section}:{name}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        Set(nameof(SandboxOptions.FixedOtp), FixedOtp);
        Set(nameof(SandboxOptions.OpenTenants), OpenTenants);
        Set(nameof(SandboxOptions.OpenTenantsSecret), OpenTenantsSecret);
        Set(nameof(SandboxOptions.AdminToken), AdminToken);
        Set(nameof(SandboxOptions.OtpTtlSeconds), OtpTtlSeconds);
        Set(nameof(SandboxOptions.OtpAttempts), OtpAttempts);
        Set(nameof(SandboxOptions.MaxBodyBytes), MaxBodyBytes);
        Set(nameof(SandboxOptions.AuthWindowSeconds), AuthWindowSeconds);
        Set(nameof(SandboxOptions.StrictTimestampUnits), StrictTimestampUnits);
        Set(nameof(SandboxOptions.JournalSize), JournalSize);
        Set(nameof(SandboxOptions.SmsOutboxSize), SmsOutboxSize);
        Set(nameof(SandboxOptions.SlowCardDelayMs), SlowCardDelayMs);
        Set(nameof(SandboxOptions.DefaultHoldingTimeSeconds), DefaultHoldingTimeSeconds);
        Set(nameof(SandboxOptions.CancelWindowSeconds), CancelWindowSeconds);
        Set(nameof(SandboxOptions.PayoutDelaySeconds), PayoutDelaySeconds);
        Set(nameof(SandboxOptions.SettlementDelaySeconds), SettlementDelaySeconds);
        Set(nameof(SandboxOptions.PublicUrl), PublicUrl);
        Set(nameof(SandboxOptions.NumbersAsDigitStrings), NumbersAsDigitStrings);
        Set(nameof(SandboxOptions.ReversalWindowDays), ReversalWindowDays);
        Set(nameof(SandboxOptions.RefuseRepeatedOrderId), RefuseRepeatedOrderId);
        Set("Callbacks:PayUrl", Callbacks?.PayUrl);
        Set("Callbacks:NotifyUrl", Callbacks?.NotifyUrl);
        Set("Callbacks:CancelUrl", Callbacks?.CancelUrl);
        Set("Callbacks:InfoUrl", Callbacks?.InfoUrl);
        Set("Callbacks:StatementUrl", Callbacks?.StatementUrl);
        Set("Callbacks:Secret", Callbacks?.Secret);
        if (CallbackRetrySchedule is { } schedule)
        {
            Set("Callbacks:RetrySeconds", string.Join(',', schedule.Select(wait => ((long)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture))));
        }

        foreach (var (currency, rate) in Rates)
        {
            Set($"{nameof(SandboxOptions.Rates)}:{currency}", rate);
        }

        foreach (var (key, value) in Settings)
        {
            keys[key] = value;
        }

        return keys;
    }
}
