using System.Text.Json.Serialization;

namespace PaySys.Client;

/// <summary>What happens to a hold when its <c>holding_time</c> runs out.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HoldExpiryAction>))]
public enum HoldExpiryAction
{
    [JsonStringEnumMemberName("accept")]
    Accept,

    [JsonStringEnumMemberName("cancel")]
    Cancel,
}

/// <summary>The <c>status</c> param of <c>hold.confirm</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HoldDecision>))]
public enum HoldDecision
{
    /// <summary>Debit the held amount (the payment becomes 2, completed).</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,

    /// <summary>Release the held amount (the payment becomes 3, cancelled).</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,
}

/// <summary>The payment statuses of <c>pam.check_payment</c>, <c>hold.confirm</c> and the vendor API.</summary>
public static class PaymentStatuses
{
    public const int Error = -1;
    public const int Created = 0;
    public const int AwaitingConfirmation = 1;
    public const int Completed = 2;
    public const int Cancelled = 3;
    public const int Returned = 6;
    public const int Held = 7;
}

/// <summary>
/// Params of <c>pam.prepare_payment</c>: the card by <see cref="CardId"/>, or by <see cref="CardNumber"/> and
/// <see cref="CardExpire"/>. Amounts are in tiyin. Unset optional members are not sent.
/// </summary>
public sealed record PreparePaymentRequest
{
    [JsonPropertyName("card_id")]
    public string? CardId { get; init; }

    [JsonPropertyName("card_number")]
    public string? CardNumber { get; init; }

    [JsonPropertyName("card_expire")]
    public string? CardExpire { get; init; }

    [JsonPropertyName("phone_number")]
    public required string PhoneNumber { get; init; }

    [JsonPropertyName("amount")]
    public required long Amount { get; init; }

    [JsonPropertyName("vendor_id")]
    public required long VendorId { get; init; }

    [JsonPropertyName("product")]
    public required string Product { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("hold")]
    public bool? Hold { get; init; }

    /// <summary>Seconds the amount stays held before <see cref="AfterExpired"/> applies.</summary>
    [JsonPropertyName("holding_time")]
    public long? HoldingTime { get; init; }

    [JsonPropertyName("after_expired")]
    public HoldExpiryAction? AfterExpired { get; init; }

    /// <summary>True: the result of <c>pam.confirm_payment</c> carries the saved card's id and token.</summary>
    [JsonPropertyName("save")]
    public bool? Save { get; init; }
}

/// <summary>Result of <c>pam.prepare_payment</c>: the transaction awaiting its SMS code.</summary>
public sealed record PreparedPayment(
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("masked_phone_number")] string MaskedPhoneNumber,
    [property: JsonPropertyName("time_out")] int TimeOut);

/// <summary>Params of <c>pam.confirm_payment</c>.</summary>
public sealed record ConfirmPaymentRequest(
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("confirmation_code")] string ConfirmationCode);

/// <summary>
/// Result of <c>pam.confirm_payment</c> and <c>pam.payment</c>. <see cref="Card"/> is present only when the
/// payment was prepared with <c>save: true</c>.
/// </summary>
public sealed record PaymentResult(
    [property: JsonPropertyName("details")] PaymentDetails Details,
    [property: JsonPropertyName("card")] SavedCard? Card = null);

/// <summary>result.details of a card payment. The docs send the ids as strings; they are read as numbers.</summary>
public sealed record PaymentDetails(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("masked_card_number")] string MaskedCardNumber,
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("reference_number")] string ReferenceNumber,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("merchantId")] string MerchantId,
    [property: JsonPropertyName("terminalId")] string TerminalId,
    [property: JsonPropertyName("date")] long Date)
{
    /// <summary><see cref="Date"/> (Unix seconds) as a point in time.</summary>
    [JsonIgnore]
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(Date);
}

/// <summary>result.card of <c>pam.confirm_payment</c>: the saved card, for later <c>pam.payment</c> calls.</summary>
public sealed record SavedCard(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("token")] string Token);

/// <summary>Params of <c>hold.confirm</c>.</summary>
public sealed record ConfirmHoldRequest(
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("status")] HoldDecision Status);

/// <summary>Result of <c>hold.confirm</c>: the payment's new status (<see cref="PaymentStatuses"/>).</summary>
public sealed record HoldConfirmation([property: JsonPropertyName("status")] int Status);

/// <summary>Params of <c>pam.check_payment</c> for a card payment.</summary>
public sealed record CheckPaymentRequest([property: JsonPropertyName("bank_transaction_id")] long BankTransactionId);

/// <summary>Result of <c>pam.check_payment</c> for a card payment; the docs send <c>"status": "2"</c>, read as 2.</summary>
public sealed record PaymentCheck(
    [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("amount")] long Amount);

/// <summary>
/// Params of <c>pam.payment</c>: pays with a saved card, without an SMS code. The card token travels in the
/// <c>Card-Token</c> header, not here.
/// </summary>
public sealed record TokenPaymentRequest
{
    [JsonPropertyName("card_id")]
    public required string CardId { get; init; }

    [JsonPropertyName("phone_number")]
    public required string PhoneNumber { get; init; }

    [JsonPropertyName("amount")]
    public required long Amount { get; init; }

    [JsonPropertyName("vendor_id")]
    public required long VendorId { get; init; }

    [JsonPropertyName("product")]
    public required string Product { get; init; }

    [JsonPropertyName("hold")]
    public bool? Hold { get; init; }

    [JsonPropertyName("holding_time")]
    public long? HoldingTime { get; init; }

    [JsonPropertyName("after_expired")]
    public HoldExpiryAction? AfterExpired { get; init; }
}

/// <summary>Params of <c>transaction.reverse</c>.</summary>
public sealed record ReverseRequest([property: JsonPropertyName("transaction_id")] long TransactionId);

/// <summary>Result of <c>transaction.reverse</c>.</summary>
public sealed record Reversal(
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("ref_num")] string RefNum);
