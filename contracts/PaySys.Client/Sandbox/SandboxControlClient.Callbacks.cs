using System.Globalization;

namespace PaySys.Client.Sandbox;

/// <summary>The merchant callbacks of the hosted pay page: settings, the delivery log, faults, and settling an invoice without a browser.</summary>
public sealed partial class SandboxControlClient
{
    /// <summary>Sets the tenant's callback URLs and secret (<c>PUT /_sandbox/callbacks</c>); a URL left null is not called.</summary>
    public Task<SandboxCallbackSettings> ConfigureCallbacksAsync(SandboxCallbackSettingsSpec settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SendAsync(HttpMethod.Put, "callbacks", Body(settings, Json.SandboxCallbackSettingsSpec), Json.SandboxCallbackSettings, cancellationToken);
    }

    /// <summary>The tenant's callback settings, the secret masked, and the retry schedule.</summary>
    public Task<SandboxCallbackSettings> GetCallbacksAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "callbacks", null, Json.SandboxCallbackSettings, cancellationToken);

    /// <summary>Every callback delivery with its attempts, oldest first, and how many a full queue dropped.</summary>
    public Task<SandboxCallbackDeliveryList> GetCallbackDeliveriesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "callbacks/deliveries", null, Json.SandboxCallbackDeliveryList, cancellationToken);

    /// <summary>Sends one callback again now, freshly signed, outside its schedule.</summary>
    public Task<SandboxCallbackDelivery> RedeliverCallbackAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"callbacks/deliveries/{deliveryId.ToString(CultureInfo.InvariantCulture)}/redeliver", null,
            Json.SandboxCallbackDelivery, cancellationToken);

    /// <summary>Adds a callback fault rule (delay, drop, duplicate, out_of_order, wrong_signature).</summary>
    public Task<SandboxCallbackFault> AddCallbackFaultAsync(SandboxCallbackFaultSpec fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return SendAsync(HttpMethod.Post, "callbacks/faults", Body(fault, Json.SandboxCallbackFaultSpec), Json.SandboxCallbackFault, cancellationToken);
    }

    public async Task<IReadOnlyList<SandboxCallbackFault>> GetCallbackFaultsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "callbacks/faults", null, Json.SandboxCallbackFaultList, cancellationToken).ConfigureAwait(false)).Faults;

    public Task ClearCallbackFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "callbacks/faults", null, Json.SandboxCallbackFaultList, cancellationToken);

    /// <summary>Pays the invoice as the pay page would (a success card and its code); the answer comes after the callbacks it made due were attempted.</summary>
    public Task<SandboxInvoice> PayInvoiceAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        SimulateInvoiceAsync(invoiceId, "paid", cancellationToken);

    /// <summary>Cancels an unpaid invoice, or cancels a paid invoice's payment as <c>paysys.payment_cancel</c> would.</summary>
    public Task<SandboxInvoice> CancelInvoiceAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        SimulateInvoiceAsync(invoiceId, "cancelled", cancellationToken);

    private Task<SandboxInvoice> SimulateInvoiceAsync(long invoiceId, string outcome, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"invoices/{invoiceId.ToString(CultureInfo.InvariantCulture)}/simulate",
            Body(new SandboxInvoiceSimulation(outcome), Json.SandboxInvoiceSimulation), Json.SandboxInvoice, cancellationToken);
}
