using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Sandbox.Control;

public sealed record CallbackSettingsChange(
    [property: JsonPropertyName("info_url")] string? InfoUrl,
    [property: JsonPropertyName("pay_url")] string? PayUrl,
    [property: JsonPropertyName("notify_url")] string? NotifyUrl,
    [property: JsonPropertyName("cancel_url")] string? CancelUrl,
    [property: JsonPropertyName("statement_url")] string? StatementUrl,
    [property: JsonPropertyName("secret")] string? Secret);

/// <summary>The settings as GET shows them: the secret masked, with where it comes from ("secret_key" or "callbacks").</summary>
public sealed record CallbackSettingsView(
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

public sealed record CallbackAttemptView(
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

public sealed record CallbackDeliveryView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("invoice_id")] long InvoiceId,
    [property: JsonPropertyName("agr_trans_id")] long AgrTransId,
    [property: JsonPropertyName("notify_status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NotifyStatus,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("queued_at")] long QueuedAt,
    [property: JsonPropertyName("next_attempt_at")] long? NextAttemptAt,
    [property: JsonPropertyName("attempts")] IReadOnlyList<CallbackAttemptView> Attempts,
    [property: JsonPropertyName("faults")] IReadOnlyList<string> Faults);

public sealed record CallbackDeliveryList(
    [property: JsonPropertyName("deliveries")] IReadOnlyList<CallbackDeliveryView> Deliveries,
    [property: JsonPropertyName("dropped")] int Dropped);

public sealed record InvoiceSimulationRequest([property: JsonPropertyName("outcome")] string? Outcome);

/// <summary>A callback fault rule to add: for "pay", "notify", "cancel" or "*"; delay_ms is on the tenant's virtual clock.</summary>
public sealed record CallbackFaultRequest(
    [property: JsonPropertyName("callback")] string? Callback,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("probability")] double? Probability,
    [property: JsonPropertyName("times")] int? Times);

public sealed record CallbackFaultView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("callback")] string Callback,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delay_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DelayMs,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("times")] int? Times);

public sealed record CallbackFaultList([property: JsonPropertyName("faults")] IReadOnlyList<CallbackFaultView> Faults);
