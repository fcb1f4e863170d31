using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>One journaled call as a person reads it: the HTTP status it travelled with, the catalogue error and why.</summary>
public sealed record DecodedCall(
    DateTimeOffset At,
    string Method,
    int? HttpStatus,
    int? ErrorCode,
    string? ErrorName,
    string? Message,
    string? Why,
    JournalEntry Entry)
{
    /// <summary>The request as indented JSON, card numbers masked once more (decoded only for the calls shown).</summary>
    public string Request => JournalDecoding.Indent(Entry.Request);

    public string Response => JournalDecoding.Indent(Entry.Response);
}

/// <summary>
/// Reads a journal entry back: the journal keeps bodies only (card numbers already masked), so the HTTP status and the
/// cause are told from the answer itself: a JSON-RPC envelope travelled with 200, a fault rule names itself in what it
/// injected, and a refusal's message says which card, cap, state or code refused it.
/// </summary>
public static partial class JournalDecoding
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DecodedCall Decode(JournalEntry entry, IReadOnlyDictionary<string, string> behaviourByMaskedPan)
    {
        JsonDocument? answer = null;
        try
        {
            answer = JsonDocument.Parse(entry.Response);
        }
        catch (JsonException)
        {
            return new DecodedCall(entry.At, entry.Method, 200, null, null, null,
                "A malformed fault rule cut the answer in half: the client got HTTP 200 with a body that is not JSON.", entry);
        }

        using (answer)
        {
            var root = answer.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                var text = root.GetString() ?? "";
                return FaultRuleId().Match(text) is { Success: true } dropped && text.Contains("dropped", StringComparison.Ordinal)
                    ? new DecodedCall(entry.At, entry.Method, null, null, null, null,
                        $"Fault rule {dropped.Value} (drop) closed the connection: the client got no answer at all.", entry)
                    : new DecodedCall(entry.At, entry.Method, 200, null, null, null, null, entry);
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return new DecodedCall(entry.At, entry.Method, 200, null, null, null, null, entry);
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                // An HTTP-level answer (not JSON-RPC): the fault rule's injected status names itself.
                var text = error.GetString() ?? "";
                var status = InjectedStatus().Match(text);
                return new DecodedCall(entry.At, entry.Method,
                    status.Success ? int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture) : null, null, null, text,
                    status.Success ? $"Fault rule {status.Groups[2].Value} (http_status) answered HTTP {status.Groups[1].Value} instead of calling the method." : null,
                    entry);
            }

            if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("code", out var codeElement) || !codeElement.TryGetInt32(out var code))
            {
                return new DecodedCall(entry.At, entry.Method, 200, null, null, null, null, entry);
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            var param = error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("param", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var definition = ErrorCatalogue.Embedded.All.FirstOrDefault(e => e.Code == code);
            return new DecodedCall(entry.At, entry.Method, 200, code, definition?.Name, message,
                Why(code, definition, message, param, behaviourByMaskedPan), entry);
        }
    }

    /// <summary>The refusal's reason in words: which fault rule, magic card, cap, state guard, code or switch caused it.</summary>
    private static string Why(int code, ErrorDefinition? definition, string message, string? param, IReadOnlyDictionary<string, string> behaviourByMaskedPan)
    {
        var detail = definition is not null && message.StartsWith(definition.Message + ": ", StringComparison.Ordinal)
            ? message[(definition.Message.Length + 2)..]
            : message;
        if (message.Contains("injected by fault rule", StringComparison.Ordinal) && FaultRuleId().Match(message) is { Success: true } rule)
        {
            return $"Fault rule {rule.Value} (error) answered {code} {definition?.Name} instead of calling the method.";
        }

        foreach (Match masked in MaskedPan().Matches(message))
        {
            if (behaviourByMaskedPan.TryGetValue(masked.Value, out var behaviour) && behaviour != "success")
            {
                return $"Magic card {masked.Value} ({behaviour}): {detail}.";
            }
        }

        if (message.Contains("the maximum of", StringComparison.Ordinal))
        {
            return $"A per-tenant cap: {detail}.";
        }

        if (message.Contains("would pass the cap", StringComparison.Ordinal))
        {
            return $"The refund cap: {detail}.";
        }

        return definition?.Name switch
        {
            "transaction_not_allowed" or "transaction_cancelled" => $"State guard: {detail}.",
            "wrong_code" when detail.Contains("expired", StringComparison.Ordinal) => $"Expired OTP: {detail}.",
            "wrong_code" when detail.Contains("burned", StringComparison.Ordinal) => $"OTP burned (no attempts left): {detail}.",
            "wrong_code" => $"Wrong OTP: {detail}.",
            "service_blocked" or "vendor_blocked" => $"Switched off in Faults & switches: {detail}.",
            "insufficient_privileges" or "stale_request" => $"Auth header: {detail}.",
            "parse_error" or "invalid_request" or "method_not_found" => $"The request itself: {detail}.",
            _ when param is not null => $"Param {param}: {detail}.",
            _ => $"{detail}.",
        };
    }

    /// <summary>A body as indented JSON (or as it was, when it is not JSON), card numbers masked once more.</summary>
    public static string Indent(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var buffer = new ArrayBufferWriter<byte>(utf8.Length * 2);
            using (var writer = new Utf8JsonWriter(buffer, Pretty))
            {
                document.RootElement.WriteTo(writer);
            }

            return CardMasking.MaskSecrets(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        catch (JsonException)
        {
            return CardMasking.MaskSecrets(Encoding.UTF8.GetString(utf8));
        }
    }

    [GeneratedRegex(@"\bf\d+\b")]
    private static partial Regex FaultRuleId();

    [GeneratedRegex(@"^HTTP (\d{3}) injected by fault rule (f\d+)")]
    private static partial Regex InjectedStatus();

    [GeneratedRegex(@"\d{6}\*{6}\d{4}")]
    private static partial Regex MaskedPan();
}
