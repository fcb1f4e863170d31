using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.card_confirm: checks the registration OTP and returns the card token and card data.</summary>
public static class PaysysCardConfirm
{
    public const string Name = "paysys.card_confirm";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysCardConfirmResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var confirmation = ctx.Acquiring.ConfirmCard(p.CardId, p.ConfirmationCode, ctx.Operation);
        var account = confirmation.Card.Account;
        return new Result(confirmation.Token, new CardData(
            confirmation.Card.CardId,
            account.Spec.Username ?? "sandbox",
            account.MaskedPan,
            account.Spec.Expiry,
            account.Status,
            account.Phone,
            account.Spec.Holder,
            account.Balance,
            account.SmsEnabled));
    }

    public sealed record Params(string CardId, string ConfirmationCode)
    {
        public static Params Read(ParamReader r) => new(
            r.RequiredString("card_id"),
            r.RequiredString("confirmation_code", maxLength: 32));
    }

    /// <summary>card_token is null (not omitted) when no or another phone was registered, as the docs say.</summary>
    public sealed record Result(
        [property: JsonPropertyName("card_token")] string? CardToken,
        [property: JsonPropertyName("card_data")] CardData CardData);

    public sealed record CardData(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("username")] string Username,
        [property: JsonPropertyName("pan")] string Pan,
        [property: JsonPropertyName("expiry")] string Expiry,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("phone")] string Phone,
        [property: JsonPropertyName("fullName")] string FullName,
        [property: JsonPropertyName("balance")] long Balance,
        [property: JsonPropertyName("sms")] bool Sms);
}
