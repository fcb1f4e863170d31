using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>pam.payment: pays (or holds) with a registered card and its Card-Token header, without OTP.</summary>
public static class PamPayment
{
    public const string Name = "pam.payment";
    public const string CardTokenHeader = "Card-Token";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PamPaymentResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var cardToken = ctx.Header(CardTokenHeader);
        if (string.IsNullOrEmpty(cardToken))
        {
            throw RpcException.InvalidParam(CardTokenHeader, "the Card-Token header is required by pam.payment");
        }

        var payment = ctx.Acquiring.PayByToken(p.CardId, cardToken, p.Order.ToOrder(ctx.Acquiring.Settings), ctx.Operation);

        // The docs' example reports the card id as details.id for this method.
        return new Result(PaymentDetails.From(payment, p.CardId, ctx.Tenant.Merchant));
    }

    public sealed record Params(string CardId, PaymentOrderParams Order)
    {
        public static Params Read(ParamReader r) => new(r.RequiredString("card_id"), PaymentOrderParams.Read(r));
    }

    public sealed record Result([property: JsonPropertyName("details")] PaymentDetails Details);
}
