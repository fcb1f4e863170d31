using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.payment_cancel: a full reversal of a completed payment, once, within the cancel window.</summary>
public static class PaysysPaymentCancel
{
    public const string Name = "paysys.payment_cancel";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysPaymentCancelResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payment = ctx.State.Refunds.Cancel(p.TransactionId, ctx.Operation);
        return new Result(payment.TransactionId, payment.BankTransactionId, payment.Order.Product, (int)payment.Status);
    }

    public sealed record Params(long TransactionId)
    {
        public static Params Read(ParamReader r) => new(r.RequiredId("transaction_id"));
    }

    public sealed record Result(
        [property: JsonPropertyName("transaction_id")] long TransactionId,
        [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
        [property: JsonPropertyName("vendor_user_id")] string VendorUserId,
        [property: JsonPropertyName("status")] int Status);
}
