using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Client.Sandbox;

/// <summary>
/// The merchant's callback settings, as in the vendor's cabinet: a callback whose URL is null is not sent;
/// a null <see cref="Secret"/> signs with the service's secret key.
/// </summary>
public sealed record SandboxCallbackSettingsSpec(
    [property: JsonPropertyName("pay_url")] string? PayUrl = null,
    [property: JsonPropertyName("notify_url")] string? NotifyUrl = null,
    [property: JsonPropertyName("cancel_url")] string? CancelUrl = null,
    [property: JsonPropertyName("info_url")] string? InfoUrl = null,
    [property: JsonPropertyName("statement_url")] string? StatementUrl = null,
    [property: JsonPropertyName("secret")] string? Secret = null);

/// <summary>The settings as the sandbox shows them: the secret masked, with where it comes from ("secret_key" or "callbacks").</summary>
public sealed record SandboxCallbackSettings(
    [property: JsonPropertyName("info_url")] string? InfoUrl,
    [property: JsonPropertyName("pay_url")] string? PayUrl,
    [property: JsonPropertyName("notify_url")] string? NotifyUrl,
    [property: JsonPropertyName("cancel_url")] string? CancelUrl,
    [property: JsonPropertyName("statement_url")] string? StatementUrl,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("secret_source")] string SecretSource,
    [property: JsonPropertyName("retry_seconds")] IReadOnlyList<long> RetrySeconds,
    [property: JsonPropertyName("timeout_ms")] long TimeoutMs,
    [property: JsonPropertyName("queue_size")] int QueueSize);

/// <summary>One attempt to deliver a callback: what was sent, what came back, and how it was judged.</summary>
public sealed record SandboxCallbackAttempt(
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("request")] JsonElement Request,
    [property: JsonPropertyName("redelivery")] bool Redelivery,
    [property: JsonPropertyName("http_status")] int? HttpStatus,
    [property: JsonPropertyName("response")] JsonElement? Response,
    [property: JsonPropertyName("error")] int? Error,
    [property: JsonPropertyName("latency_ms")] long LatencyMs,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("outcome")] string Outcome);

/// <summary>
/// A callback ("pay", "notify" or "cancel") and its attempts; <see cref="Status"/> is "pending", "sending",
/// "delivered", "failed" or "skipped".
/// </summary>
public sealed record SandboxCallbackDelivery(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("invoice_id")] long InvoiceId,
    [property: JsonPropertyName("agr_trans_id")] long AgrTransId,
    [property: JsonPropertyName("notify_status")] string? NotifyStatus,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("queued_at")] long QueuedAt,
    [property: JsonPropertyName("next_attempt_at")] long? NextAttemptAt,
    [property: JsonPropertyName("attempts")] IReadOnlyList<SandboxCallbackAttempt> Attempts,
    [property: JsonPropertyName("faults")] IReadOnlyList<string> Faults);

public sealed record SandboxCallbackDeliveryList(
    [property: JsonPropertyName("deliveries")] IReadOnlyList<SandboxCallbackDelivery> Deliveries,
    [property: JsonPropertyName("dropped")] int Dropped);

/// <summary>
/// A callback fault rule: <see cref="Callback"/> "pay", "notify", "cancel" or "*"; <see cref="Kind"/> "delay", "drop",
/// "duplicate", "out_of_order" or "wrong_signature"; the delay is on the tenant's virtual clock.
/// </summary>
public sealed record SandboxCallbackFaultSpec(
    [property: JsonPropertyName("callback")] string Callback,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delay_ms")] int? DelayMs = null,
    [property: JsonPropertyName("probability")] double? Probability = null,
    [property: JsonPropertyName("times")] int? Times = null);

public sealed record SandboxCallbackFault(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("callback")] string Callback,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("times")] int? Times);

public sealed record SandboxCallbackFaultList([property: JsonPropertyName("faults")] IReadOnlyList<SandboxCallbackFault> Faults);

/// <summary>How an invoice is settled without a browser: "paid" or "cancelled".</summary>
public sealed record SandboxInvoiceSimulation([property: JsonPropertyName("outcome")] string Outcome);
