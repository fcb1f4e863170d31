using System.Text.Json.Serialization;

namespace PaySys.Client;

/// <summary>Params of <c>pam.pay_by_cash</c>: a payout to an e-wallet, described by its vendor form.</summary>
public sealed record PayByCashRequest([property: JsonPropertyName("vendor_form")] VendorForm VendorForm);

/// <summary>params.vendor_form of <c>pam.pay_by_cash</c>. Unset optional members are not sent.</summary>
public sealed record VendorForm
{
    [JsonPropertyName("account")]
    public required string Account { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("amount")]
    public required long Amount { get; init; }

    [JsonPropertyName("vendor_id")]
    public required long VendorId { get; init; }

    [JsonPropertyName("wallet")]
    public string? Wallet { get; init; }
}

/// <summary>Result of <c>pam.pay_by_cash</c>.</summary>
public sealed record Payout([property: JsonPropertyName("details")] PayoutDetails Details);

/// <summary>result.details of <c>pam.pay_by_cash</c>: the card fields are documented as absent and sent as null.</summary>
public sealed record PayoutDetails(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("masked_card_number")] string? MaskedCardNumber,
    [property: JsonPropertyName("transaction_id")] long TransactionId,
    [property: JsonPropertyName("bank_transaction_id")] long? BankTransactionId,
    [property: JsonPropertyName("reference_number")] string? ReferenceNumber,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("merchantId")] string? MerchantId,
    [property: JsonPropertyName("terminalId")] string? TerminalId,
    [property: JsonPropertyName("date")] long Date);

/// <summary>Params of <c>pam.check_payment</c> for an e-wallet payout.</summary>
public sealed record CheckPayoutRequest([property: JsonPropertyName("agr_transaction_id")] long AgrTransactionId);

/// <summary>
/// The status of an e-wallet payout: the inner object of the e-money docs' doubled <c>result.result</c>.
/// <see cref="BankTransactionId"/> is null for payouts.
/// </summary>
public sealed record PayoutCheck(
    [property: JsonPropertyName("bank_transaction_id")] long? BankTransactionId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("date")] long Date,
    [property: JsonPropertyName("status")] int Status);
