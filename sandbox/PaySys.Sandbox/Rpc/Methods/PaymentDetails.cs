using System.Globalization;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>result.details of pam.confirm_payment and pam.payment, with the docs' JSON types (ids as strings).</summary>
public sealed record PaymentDetails(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("masked_card_number")] string MaskedCardNumber,
    [property: JsonPropertyName("transaction_id")] string TransactionId,
    [property: JsonPropertyName("bank_transaction_id")] string BankTransactionId,
    [property: JsonPropertyName("reference_number")] string ReferenceNumber,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("merchantId")] string MerchantId,
    [property: JsonPropertyName("terminalId")] string TerminalId,
    [property: JsonPropertyName("date")] long Date)
{
    public static PaymentDetails From(Payment payment, string id, Merchant merchant) => new(
        id,
        payment.Card.MaskedPan,
        payment.TransactionId.ToString(CultureInfo.InvariantCulture),
        payment.BankTransactionId.ToString(CultureInfo.InvariantCulture),
        payment.ReferenceNumber,
        payment.Amount,
        merchant.MerchantIdOf(payment.Order.VendorId),
        merchant.TerminalIdOf(payment.Order.VendorId),
        payment.CreatedAt.ToUnixTimeSeconds());
}
