using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.payment_info: a transaction as the vendor sees it (vendor_user_id is the payment's product).</summary>
public static class PaysysPaymentInfo
{
    public const string Name = "paysys.payment_info";

    /// <summary>ISO 4217 numeric code of the sum: every acquiring payment is in UZS.</summary>
    public const int UzsNumericCode = 860;

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysPaymentInfoResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payment = ctx.State.Payments.FindByTransactionId(p.TransactionId);
        return new Result(
            payment.TransactionId,
            payment.Order.Product,
            payment.BankTransactionId,
            payment.Amount,
            UzsNumericCode,
            (int)payment.Status,
            (payment.CompletedAt ?? payment.CreatedAt).ToUnixTimeSeconds());
    }

    public sealed record Params(long TransactionId)
    {
        public static Params Read(ParamReader r) => new(r.RequiredId("transaction_id"));
    }

    public sealed record Result(
        [property: JsonPropertyName("transaction_id")] long TransactionId,
        [property: JsonPropertyName("vendor_user_id")] string VendorUserId,
        [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
        [property: JsonPropertyName("amount")] long Amount,
        [property: JsonPropertyName("currency")] int Currency,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("date")] long Date);
}
