using System.Text.Json.Serialization;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.card_registration: validates the card and sends an OTP to the card's linked phone.</summary>
public static class PaysysCardRegistration
{
    public const string Name = "paysys.card_registration";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysCardRegistrationResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var (card, otp) = ctx.Acquiring.RegisterCard(p.CardNumber, p.CardExpire, p.PhoneNumber, ctx.Operation);
        return new Result(card.CardId, CardMasking.MaskPhone(card.Account.Phone), otp.LifetimeSeconds);
    }

    public sealed record Params(string? PhoneNumber, string CardNumber, string CardExpire)
    {
        public static Params Read(ParamReader r) => new(
            r.OptionalPhone("phone_number"),
            r.RequiredCardNumber("card_number"),
            r.RequiredCardExpiry("card_expire"));
    }

    public sealed record Result(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("masked_phone_number")] string MaskedPhoneNumber,
        [property: JsonPropertyName("time_out")] int TimeOut);
}
