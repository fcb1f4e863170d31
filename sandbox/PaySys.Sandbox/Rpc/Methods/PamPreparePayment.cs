using System.Text.Json.Serialization;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>pam.prepare_payment: creates a transaction awaiting confirmation (1) and sends the payment OTP.</summary>
public static class PamPreparePayment
{
    public const string Name = "pam.prepare_payment";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PamPreparePaymentResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payment = ctx.Acquiring.Prepare(p.Card, p.Order.ToOrder(ctx.Acquiring.Settings), ctx.Operation);
        return new Result(payment.BankTransactionId, CardMasking.MaskPhone(payment.Card.Phone), payment.Otp!.LifetimeSeconds);
    }

    public sealed record Params(CardReference Card, PaymentOrderParams Order)
    {
        public static Params Read(ParamReader r)
        {
            var card = r.Has("card_id")
                ? new CardReference(r.RequiredString("card_id"), null, null)
                : r.Has("card_number")
                    ? new CardReference(null, r.RequiredCardNumber("card_number"), r.RequiredCardExpiry("card_expire"))
                    : throw RpcException.InvalidParam("card_id", "card_id, or card_number with card_expire, is required");
            return new Params(card, PaymentOrderParams.Read(r));
        }
    }

    public sealed record Result(
        [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
        [property: JsonPropertyName("masked_phone_number")] string MaskedPhoneNumber,
        [property: JsonPropertyName("time_out")] int TimeOut);
}
