using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>transaction.reverse: cancels a completed or held transaction and returns the money to the card.</summary>
public static class TransactionReverse
{
    public const string Name = "transaction.reverse";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.TransactionReverseResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payment = ctx.Acquiring.Reverse(p.TransactionId, ctx.Operation);
        return new Result(payment.TransactionId, payment.ReversalReference!);
    }

    public sealed record Params(long TransactionId)
    {
        public static Params Read(ParamReader r) => new(r.RequiredId("transaction_id"));
    }

    public sealed record Result(
        [property: JsonPropertyName("transaction_id")] long TransactionId,
        [property: JsonPropertyName("ref_num")] string RefNum);
}
