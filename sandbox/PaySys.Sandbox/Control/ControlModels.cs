using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Sandbox.Control;

public sealed record HealthView([property: JsonPropertyName("status")] string Status);

public sealed record ClockView(
    [property: JsonPropertyName("now")] long Now,
    [property: JsonPropertyName("offset_seconds")] long OffsetSeconds);

public sealed record ClockChange(
    [property: JsonPropertyName("advance_seconds")] long? AdvanceSeconds,
    [property: JsonPropertyName("set")] long? Set);

public sealed record SmsView(
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("sent_at")] long SentAt,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record SmsList(
    [property: JsonPropertyName("messages")] IReadOnlyList<SmsView> Messages,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);

public sealed record ResetView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service_id")] string ServiceId);

public sealed record CardView(
    [property: JsonPropertyName("pan")] string Pan,
    [property: JsonPropertyName("expiry")] string Expiry,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("holder")] string Holder,
    [property: JsonPropertyName("balance")] long Balance,
    [property: JsonPropertyName("held")] long Held,
    [property: JsonPropertyName("behaviour")] string Behaviour,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("card_status")] int CardStatus);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record CardList(
    [property: JsonPropertyName("cards")] IReadOnlyList<CardView> Cards,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);

public sealed record TransactionHistoryView(
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("event")] string Event);

public sealed record TransactionView(
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("product")] string Product,
    [property: JsonPropertyName("masked_card_number")] string MaskedCardNumber,
    [property: JsonPropertyName("hold")] bool Hold,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("history")] IReadOnlyList<TransactionHistoryView> History);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record TransactionList(
    [property: JsonPropertyName("transactions")] IReadOnlyList<TransactionView> Transactions,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);

public sealed record JournalView(
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("request")] JsonElement Request,
    [property: JsonPropertyName("response")] JsonElement Response);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record JournalList(
    [property: JsonPropertyName("entries")] IReadOnlyList<JournalView> Entries,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);

public sealed record BlockChange([property: JsonPropertyName("blocked")] bool? Blocked);

public sealed record ServiceView(
    [property: JsonPropertyName("service_id")] string ServiceId,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("vendors")] IReadOnlyList<VendorView> Vendors);

public sealed record VendorView(
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("commission")] decimal Commission,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("merchant_id")] string MerchantId,
    [property: JsonPropertyName("terminal_id")] string TerminalId);

public sealed record InvoiceView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("order_id")] string OrderId,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("amount")] string Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("amount_tiyin")] long AmountTiyin,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("order_note")] string? OrderNote,
    [property: JsonPropertyName("bank_transaction_id")] long? BankTransactionId,
    [property: JsonPropertyName("transaction_id")] long? TransactionId,
    [property: JsonPropertyName("created_at")] long CreatedAt);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record InvoiceList(
    [property: JsonPropertyName("invoices")] IReadOnlyList<InvoiceView> Invoices,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);

public sealed record PayoutView(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("history")] IReadOnlyList<TransactionHistoryView> History);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record PayoutList(
    [property: JsonPropertyName("payouts")] IReadOnlyList<PayoutView> Payouts,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);

public sealed record FaultRequest(
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("http_status")] int? HttpStatus,
    [property: JsonPropertyName("probability")] double? Probability,
    [property: JsonPropertyName("times")] int? Times);

public sealed record FaultView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delay_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DelayMs,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Code,
    [property: JsonPropertyName("http_status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? HttpStatus,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("times")] int? Times);

public sealed record FaultCreated([property: JsonPropertyName("id")] string Id);

/// <summary>One page of the list (<see cref="ListPage"/>); <c>next_offset</c> only when there is more.</summary>
public sealed record FaultList(
    [property: JsonPropertyName("faults")] IReadOnlyList<FaultView> Faults,
    [property: JsonPropertyName("next_offset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextOffset = null);
