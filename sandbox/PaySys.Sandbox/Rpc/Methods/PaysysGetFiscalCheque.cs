using System.Text.Json.Serialization;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Pages;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.get_fiscal_cheque: a link to the printable receipt page the sandbox serves itself.</summary>
public static class PaysysGetFiscalCheque
{
    public const string Name = "paysys.get_fiscal_cheque";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysGetFiscalChequeResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        if (p.Type == "p2p")
        {
            throw RpcException.ForParam(Reasons.TransactionNotFound, "transaction_id",
                $"no p2p transfer with transaction_id {p.TransactionId}: the sandbox has card payments only (type payment)");
        }

        var payment = FiscalReceipts.Issue(ctx.State.Payments.FindByTransactionId(p.TransactionId), () => ctx.Pages.NewReceipt(ctx.Tenant));
        return new Result(payment.TransactionId, ReceiptPage.Url(ctx.ReceiptLinkHost, ctx.ReceiptLinkPath ?? ReceiptPage.Path, ctx.Tenant.Merchant, payment));
    }

    public sealed record Params(long TransactionId, string Type)
    {
        public static Params Read(ParamReader r) => new(
            r.RequiredId("transaction_id"),
            r.RequiredEnum("type", "payment", "p2p"));
    }

    public sealed record Result(
        [property: JsonPropertyName("transaction_id")] long TransactionId,
        [property: JsonPropertyName("cheque")] string Cheque);
}
