using System.Text.Json.Serialization;

namespace PaySys.Client;

/// <summary>Params of <c>paysys.payment_info</c>.</summary>
public sealed record PaymentInfoRequest([property: JsonPropertyName("transaction_id")] long TransactionId);

/// <summary>Result of <c>paysys.payment_info</c>; <see cref="Currency"/> is ISO 4217 numeric (860 = UZS).</summary>
public sealed record PaymentInfo(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("vendor_user_id")] string VendorUserId,
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] int Currency,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("date")] long Date);

/// <summary>Params of <c>paysys.payment_cancel</c>.</summary>
public sealed record CancelPaymentRequest([property: JsonPropertyName("transaction_id")] long TransactionId);

/// <summary>Result of <c>paysys.payment_cancel</c>: status 3 (cancelled).</summary>
public sealed record PaymentCancellation(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("vendor_user_id")] string VendorUserId,
    [property: JsonPropertyName("status")] int Status);

/// <summary>
/// Params of <c>paysys.payment_adjustments</c> (a refund): <see cref="Amount"/> in minor units of
/// <see cref="Currency"/> (UZS, USD, EUR or RUB; the gateway assumes UZS when it is not sent).
/// </summary>
public sealed record RefundRequest(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string? Currency = null);

/// <summary>Result of <c>paysys.payment_adjustments</c>: status 6 (returned).</summary>
public sealed record Refund(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("vendor_user_id")] string VendorUserId,
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("status")] int Status);

/// <summary>The <c>type</c> param of <c>paysys.get_fiscal_cheque</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FiscalChequeType>))]
public enum FiscalChequeType
{
    [JsonStringEnumMemberName("payment")]
    Payment,

    [JsonStringEnumMemberName("p2p")]
    P2p,
}

/// <summary>Params of <c>paysys.get_fiscal_cheque</c>.</summary>
public sealed record FiscalChequeRequest(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("type")] FiscalChequeType Type = FiscalChequeType.Payment);

/// <summary>Result of <c>paysys.get_fiscal_cheque</c>: <see cref="Cheque"/> is the link to the receipt.</summary>
public sealed record FiscalCheque(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("cheque")] string Cheque);

/// <summary>
/// Params of <c>paysys.invoice_create</c>: <see cref="Amount"/> in major units (<c>1000.22</c>), currency one of
/// USD, RUB, UZS, EUR, TRL; <see cref="PaymentId"/> -1 is PaySys itself, the only documented payment system.
/// </summary>
public sealed record CreateInvoiceRequest
{
    public const long PaySysPaymentId = -1;

    [JsonPropertyName("order_id")]
    public required string OrderId { get; init; }

    [JsonPropertyName("vendor_id")]
    public required long VendorId { get; init; }

    [JsonPropertyName("payment_id")]
    public long PaymentId { get; init; } = PaySysPaymentId;

    [JsonPropertyName("currency")]
    public required string Currency { get; init; }

    [JsonPropertyName("amount")]
    public required decimal Amount { get; init; }

    [JsonPropertyName("order_note")]
    public string? OrderNote { get; init; }
}

/// <summary>Result of <c>paysys.invoice_create</c>; the docs send <c>"amount": "1000.22"</c>, read as a decimal.</summary>
public sealed record Invoice(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("vendor_id")] long VendorId,
    [property: JsonPropertyName("payment_id")] long PaymentId,
    [property: JsonPropertyName("order_id")] string OrderId,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("order_note")] string? OrderNote,
    [property: JsonPropertyName("payment_url")] string PaymentUrl,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("date")] long Date);
