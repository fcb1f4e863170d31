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
        /// <summary>card_id wins over card_number + card_expire, but every card param that is sent is checked.</summary>
        public static Params Read(ParamReader r)
        {
            var cardId = r.OptionalString("card_id");
            var pan = r.Has("card_number") ? r.RequiredCardNumber("card_number") : null;
            var expiry = r.Has("card_expire") ? r.RequiredCardExpiry("card_expire") : null;
            var card = cardId is not null
                ? new CardReference(cardId, null, null)
                : pan is not null
                    ? new CardReference(null, pan, expiry ?? throw ParamReader.Missing("card_expire"))
                    : throw RpcException.InvalidParam("card_id", "card_id, or card_number with card_expire, is required");
            return new Params(card, PaymentOrderParams.Read(r));
        }
    }

    public sealed record Result(
        [property: JsonPropertyName("bank_transaction_id")] long BankTransactionId,
        [property: JsonPropertyName("masked_phone_number")] string MaskedPhoneNumber,
        [property: JsonPropertyName("time_out")] int TimeOut);
}
