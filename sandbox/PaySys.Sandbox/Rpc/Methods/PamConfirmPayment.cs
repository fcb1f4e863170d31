using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>pam.confirm_payment: checks the payment OTP, then debits the card or holds the amount.</summary>
public static class PamConfirmPayment
{
    public const string Name = "pam.confirm_payment";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PamConfirmPaymentResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var (payment, saved) = ctx.Acquiring.Confirm(p.BankTransactionId, p.ConfirmationCode, ctx.Operation);
        return new Result(
            PaymentDetails.From(payment, payment.RequestId!, ctx.Tenant.Merchant),
            saved is null ? null : new SavedCard(saved.CardId, saved.Token!));
    }

    public sealed record Params(long BankTransactionId, string ConfirmationCode)
    {
        public static Params Read(ParamReader r) => new(
            r.RequiredId("bank_transaction_id"),
            r.RequiredString("confirmation_code", maxLength: 32));
    }

    /// <summary>card is omitted (not null) unless the payment was prepared with save: true.</summary>
    public sealed record Result(
        [property: JsonPropertyName("details")] PaymentDetails Details,
        [property: JsonPropertyName("card"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SavedCard? Card);

    public sealed record SavedCard(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("token")] string Token);
}
