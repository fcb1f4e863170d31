using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>hold.confirm: accept (debit, 2) or cancel (release, 3) a held transaction (7).</summary>
public static class HoldConfirm
{
    public const string Name = "hold.confirm";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.HoldConfirmResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payment = ctx.Acquiring.ResolveHold(p.BankTransactionId, p.Status == "accept", ctx.Operation);
        return new Result((int)payment.Status);
    }

    public sealed record Params(long BankTransactionId, string Status)
    {
        public static Params Read(ParamReader r) => new(
            r.RequiredId("bank_transaction_id"),
            r.RequiredEnum("status", "accept", "cancel"));
    }

    public sealed record Result([property: JsonPropertyName("status")] int Status);
}
