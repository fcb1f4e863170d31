using System.Globalization;
using System.Text.Json;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing;

/// <summary>The default merchant's virtual clock: move it instead of waiting for codes, holds and payouts to expire.</summary>
public sealed class SandboxClockControl
{
    private readonly SandboxControlClient control;

    internal SandboxClockControl(SandboxControlClient control) => this.control = control;

    /// <summary>The tenant's virtual now.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default) =>
        (await control.GetClockAsync(cancellationToken).ConfigureAwait(false)).UtcNow;

    public Task<SandboxClock> GetAsync(CancellationToken cancellationToken = default) => control.GetClockAsync(cancellationToken);

    /// <summary>Moves the clock forward; every expiry that falls due is applied first.</summary>
    public Task<SandboxClock> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        control.AdvanceClockAsync(by, cancellationToken);

    /// <summary>Sets the clock, e.g. to the docs' date 2022-02-24.</summary>
    public Task<SandboxClock> SetAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        control.SetClockAsync(at, cancellationToken);
}

/// <summary>The default merchant's SMS outbox, where every OTP lands.</summary>
public sealed class SandboxSmsOutbox
{
    private readonly SandboxControlClient control;

    internal SandboxSmsOutbox(SandboxControlClient control) => this.control = control;

    /// <summary>The newest code sent about a card id or bank_transaction_id.</summary>
    public Task<string> LatestCodeAsync(string reference, CancellationToken cancellationToken = default) =>
        control.LatestCodeAsync(reference, cancellationToken);

    public Task<string> LatestCodeAsync(long bankTransactionId, CancellationToken cancellationToken = default) =>
        control.LatestCodeAsync(bankTransactionId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>The outbox, newest last, optionally filtered by phone and by reference.</summary>
    public Task<IReadOnlyList<SandboxSms>> ListAsync(string? phone = null, string? reference = null, CancellationToken cancellationToken = default) =>
        control.GetSmsAsync(phone, reference, cancellationToken);
}

/// <summary>The default merchant's fault rules: break gateway calls on purpose.</summary>
public sealed class SandboxFaultControl
{
    private readonly SandboxControlClient control;

    internal SandboxFaultControl(SandboxControlClient control) => this.control = control;

    /// <summary>Adds a rule (see <see cref="SandboxFaultSpec"/>'s factories) and returns its id.</summary>
    public Task<string> AddAsync(SandboxFaultSpec fault, CancellationToken cancellationToken = default) =>
        control.AddFaultAsync(fault, cancellationToken);

    /// <summary>Calls of <paramref name="method"/> (<c>"*"</c>: every method) answer the JSON-RPC error <paramref name="code"/>.</summary>
    public Task<string> ErrorAsync(string method, int code, int? times = null, CancellationToken cancellationToken = default) =>
        control.AddFaultAsync(SandboxFaultSpec.Error(method, code, times), cancellationToken);

    /// <summary>Calls of <paramref name="method"/> answer normally, <paramref name="delay"/> later.</summary>
    public Task<string> DelayAsync(string method, TimeSpan delay, int? times = null, CancellationToken cancellationToken = default) =>
        control.AddFaultAsync(SandboxFaultSpec.Delay(method, delay, times), cancellationToken);

    /// <summary>The rules with the uses each has left.</summary>
    public Task<IReadOnlyList<SandboxFault>> ListAsync(CancellationToken cancellationToken = default) =>
        control.GetFaultsAsync(cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        control.RemoveFaultAsync(id, cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken = default) => control.ClearFaultsAsync(cancellationToken);
}

/// <summary>
/// The default merchant's callbacks: where the pay page's Pay, Notify and Cancel go, what was delivered, faults that
/// break them, and paying or cancelling an invoice as the pay page would, without a browser.
/// </summary>
public sealed class SandboxCallbacks
{
    private readonly SandboxControlClient control;

    internal SandboxCallbacks(SandboxControlClient control) => this.control = control;

    /// <summary>Sets the callback URLs and secret; a URL left null is not called.</summary>
    public Task<SandboxCallbackSettings> ConfigureAsync(SandboxCallbackSettingsSpec settings, CancellationToken cancellationToken = default) =>
        control.ConfigureCallbacksAsync(settings, cancellationToken);

    /// <summary>Sends every callback to one merchant endpoint, e.g. a test's receiver at <c>http://127.0.0.1:5055/</c>.</summary>
    public Task<SandboxCallbackSettings> SendAllToAsync(Uri merchant, string? secret = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        return control.ConfigureCallbacksAsync(new SandboxCallbackSettingsSpec(
            PayUrl: new Uri(merchant, "pay").ToString(),
            NotifyUrl: new Uri(merchant, "notify").ToString(),
            CancelUrl: new Uri(merchant, "cancel").ToString(),
            Secret: secret), cancellationToken);
    }

    public Task<SandboxCallbackSettings> GetAsync(CancellationToken cancellationToken = default) => control.GetCallbacksAsync(cancellationToken);

    /// <summary>Every delivery with its attempts, oldest first.</summary>
    public async Task<IReadOnlyList<SandboxCallbackDelivery>> DeliveriesAsync(CancellationToken cancellationToken = default) =>
        (await control.GetCallbackDeliveriesAsync(cancellationToken).ConfigureAwait(false)).Deliveries;

    public Task<SandboxCallbackDelivery> RedeliverAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        control.RedeliverCallbackAsync(deliveryId, cancellationToken);

    public Task<SandboxCallbackFault> AddFaultAsync(SandboxCallbackFaultSpec fault, CancellationToken cancellationToken = default) =>
        control.AddCallbackFaultAsync(fault, cancellationToken);

    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) => control.ClearCallbackFaultsAsync(cancellationToken);

    /// <summary>Pays the invoice as the pay page would; returns after its callbacks were attempted.</summary>
    public Task<SandboxInvoice> PayInvoiceAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        control.PayInvoiceAsync(invoiceId, cancellationToken);

    public Task<SandboxInvoice> CancelInvoiceAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        control.CancelInvoiceAsync(invoiceId, cancellationToken);
}

/// <summary>
/// The default merchant's snapshots: set a suite up once (<c>SaveAsync("held-payment")</c>) and put it back before
/// each test (<c>RestoreAsync("held-payment")</c>) instead of replaying the calls; docs/state.md says what they hold.
/// </summary>
public sealed class SandboxSnapshots
{
    private readonly SandboxControlClient control;

    internal SandboxSnapshots(SandboxControlClient control) => this.control = control;

    /// <summary>Keeps the tenant's whole state under <paramref name="name"/>, in the sandbox's memory.</summary>
    public Task SaveAsync(string name, CancellationToken cancellationToken = default) =>
        control.SaveSnapshotAsync(name, cancellationToken);

    /// <summary>Replaces the tenant's state with the snapshot saved under <paramref name="name"/>.</summary>
    public Task RestoreAsync(string name, CancellationToken cancellationToken = default) =>
        control.RestoreSnapshotAsync(name, cancellationToken);

    /// <summary>The tenant's state as one versioned document, e.g. to keep in a file between runs.</summary>
    public Task<JsonElement> ExportAsync(CancellationToken cancellationToken = default) =>
        control.ExportSnapshotAsync(cancellationToken);

    /// <summary>Replaces the tenant's state with <paramref name="document"/>, checked whole first.</summary>
    public Task ImportAsync(JsonElement document, CancellationToken cancellationToken = default) =>
        control.ImportSnapshotAsync(document, cancellationToken);

    public Task<JsonElement> ListAsync(CancellationToken cancellationToken = default) =>
        control.ListSnapshotsAsync(cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        control.DeleteSnapshotAsync(name, cancellationToken);
}
