using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.payment_adjustments: a refund in minor units of its currency, capped at amount − commission.</summary>
public static class PaysysPaymentAdjustments
{
    public const string Name = "paysys.payment_adjustments";

    public static readonly string[] Currencies = ["UZS", "USD", "EUR", "RUB"];

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysPaymentAdjustmentsResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payment = ctx.State.Refunds.Refund(p.TransactionId, p.Amount, p.Currency, ctx.Operation);
        return new Result(payment.TransactionId, payment.Order.Product, payment.BankTransactionId, (int)payment.Status);
    }

    public sealed record Params(long TransactionId, long Amount, string Currency)
    {
        public static Params Read(ParamReader r) => new(
            r.RequiredId("transaction_id"),
            r.RequiredAmount("amount"),
            r.OptionalEnum("currency", Currencies) ?? "UZS");
    }

    public sealed record Result(
        [property: JsonPropertyName("transaction_id")] long TransactionId,
        [property: JsonPropertyName("vendor_user_id")] string VendorUserId,
        [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
        [property: JsonPropertyName("status")] int Status);
}
