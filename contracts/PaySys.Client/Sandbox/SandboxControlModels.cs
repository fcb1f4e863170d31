using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Client.Sandbox;

/// <summary>A tenant's virtual clock: Unix seconds, and how far it is ahead of real time.</summary>
public sealed record SandboxClock(
    [property: JsonPropertyName("now")] long Now,
    [property: JsonPropertyName("offset_seconds")] long OffsetSeconds)
{
    [JsonIgnore]
    public DateTimeOffset UtcNow => DateTimeOffset.FromUnixTimeSeconds(Now);
}

/// <summary>An SMS in the tenant's outbox; <see cref="Reference"/> is the card id or bank_transaction_id it is about.</summary>
public sealed record SandboxSms(
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("sent_at")] long SentAt,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);

/// <summary>A magic card with its live balance and open holds (tiyin).</summary>
public sealed record SandboxCard(
    [property: JsonPropertyName("pan")] string Pan,
    [property: JsonPropertyName("expiry")] string Expiry,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("holder")] string Holder,
    [property: JsonPropertyName("balance")] long Balance,
    [property: JsonPropertyName("held")] long Held,
    [property: JsonPropertyName("behaviour")] string Behaviour,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("card_status")] int CardStatus = 0);

/// <summary>A card to add to (or replace in) the tenant's catalogue; <see cref="Behaviour"/> e.g. "success".</summary>
public sealed record SandboxCardSpec(
    [property: JsonPropertyName("pan")] string Pan,
    [property: JsonPropertyName("expiry")] string Expiry,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("holder")] string Holder,
    [property: JsonPropertyName("balance")] long Balance,
    [property: JsonPropertyName("behaviour")] string Behaviour,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("card_status")] int? CardStatus = null);

public sealed record SandboxHistoryEntry(
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("event")] string Event);

public sealed record SandboxTransaction(
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("product")] string Product,
    [property: JsonPropertyName("masked_card_number")] string MaskedCardNumber,
    [property: JsonPropertyName("hold")] bool Hold,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("history")] IReadOnlyList<SandboxHistoryEntry> History);

public sealed record SandboxInvoice(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("order_id")] string OrderId,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("amount_tiyin")] long AmountTiyin,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("order_note")] string? OrderNote,
    [property: JsonPropertyName("bank_transaction_id")] long? BankTransactionId,
    [property: JsonPropertyName("transaction_id")] long? TransactionId,
    [property: JsonPropertyName("created_at")] long CreatedAt);

public sealed record SandboxPayout(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("history")] IReadOnlyList<SandboxHistoryEntry> History);

/// <summary>A request and its response as the gateway journaled them (card numbers masked).</summary>
public sealed record SandboxJournalEntry(
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("request")] JsonElement Request,
    [property: JsonPropertyName("response")] JsonElement Response);

public sealed record SandboxVendor(
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("commission")] decimal Commission,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("merchant_id")] string? MerchantId = null,
    [property: JsonPropertyName("terminal_id")] string? TerminalId = null);

/// <summary>The tenant's service and vendors, and whether each is switched off.</summary>
public sealed record SandboxService(
    [property: JsonPropertyName("service_id")] string ServiceId,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("vendors")] IReadOnlyList<SandboxVendor> Vendors);

/// <summary>
/// A fault rule to add: it breaks calls of <see cref="Method"/> (<c>"*"</c> for every method) before the handler
/// runs, with <see cref="Probability"/> (default 1), at most <see cref="Times"/> times (default: until removed).
/// </summary>
public sealed record SandboxFaultSpec(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delay_ms")] int? DelayMs = null,
    [property: JsonPropertyName("code")] int? Code = null,
    [property: JsonPropertyName("http_status")] int? HttpStatus = null,
    [property: JsonPropertyName("probability")] double? Probability = null,
    [property: JsonPropertyName("times")] int? Times = null)
{
    public const string AnyMethod = "*";

    /// <summary>Calls of <paramref name="method"/> answer the JSON-RPC error <paramref name="code"/>.</summary>
    public static SandboxFaultSpec Error(string method, int code, int? times = null) =>
        new(method, SandboxFaultKinds.Error, Code: code, Times: times);

    /// <summary>Calls of <paramref name="method"/> answer normally, <paramref name="delay"/> later.</summary>
    public static SandboxFaultSpec Delay(string method, TimeSpan delay, int? times = null) =>
        new(method, SandboxFaultKinds.Delay, DelayMs: (int)delay.TotalMilliseconds, Times: times);

    /// <summary>Calls of <paramref name="method"/> answer HTTP <paramref name="status"/> (400–599).</summary>
    public static SandboxFaultSpec Status(string method, int status, int? times = null) =>
        new(method, SandboxFaultKinds.HttpStatus, HttpStatus: status, Times: times);

    /// <summary>Calls of <paramref name="method"/> answer HTTP 200 with a body that is not JSON.</summary>
    public static SandboxFaultSpec Malformed(string method, int? times = null) =>
        new(method, SandboxFaultKinds.Malformed, Times: times);

    /// <summary>Calls of <paramref name="method"/> get the connection closed without an answer.</summary>
    public static SandboxFaultSpec Drop(string method, int? times = null) =>
        new(method, SandboxFaultKinds.Drop, Times: times);
}

/// <summary>A fault rule as the sandbox holds it; <see cref="Times"/> is the uses left (null: until removed).</summary>
public sealed record SandboxFault(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("http_status")] int? HttpStatus,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("times")] int? Times);

internal sealed record SandboxClockChange(
    [property: JsonPropertyName("advance_seconds")] long? AdvanceSeconds,
    [property: JsonPropertyName("set")] long? Set);

internal sealed record SandboxBlockChange([property: JsonPropertyName("blocked")] bool Blocked);

internal sealed record SandboxHealth([property: JsonPropertyName("status")] string Status);

internal sealed record SandboxReset(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service_id")] string ServiceId);

internal sealed record SandboxTransportError([property: JsonPropertyName("error")] string? Error);

internal sealed record SandboxSmsList([property: JsonPropertyName("messages")] IReadOnlyList<SandboxSms> Messages);

internal sealed record SandboxCardList([property: JsonPropertyName("cards")] IReadOnlyList<SandboxCard> Cards);

internal sealed record SandboxTransactionList([property: JsonPropertyName("transactions")] IReadOnlyList<SandboxTransaction> Transactions);

internal sealed record SandboxInvoiceList([property: JsonPropertyName("invoices")] IReadOnlyList<SandboxInvoice> Invoices);

internal sealed record SandboxPayoutList([property: JsonPropertyName("payouts")] IReadOnlyList<SandboxPayout> Payouts);

internal sealed record SandboxJournal([property: JsonPropertyName("entries")] IReadOnlyList<SandboxJournalEntry> Entries);

/// <summary>A control-API answer as sent: its HTTP status and JSON body (null when it had none or it was not JSON).</summary>
public sealed record SandboxControlResponse(int StatusCode, JsonElement? Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

internal sealed record SandboxFaultCreated([property: JsonPropertyName("id")] string Id);

internal sealed record SandboxFaultList([property: JsonPropertyName("faults")] IReadOnlyList<SandboxFault> Faults);
