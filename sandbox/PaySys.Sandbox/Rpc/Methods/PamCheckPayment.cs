using System.Globalization;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>pam.check_payment: the status of an acquiring transaction (status as a string, like the docs).</summary>
public static class PamCheckPayment
{
    public const string Name = "pam.check_payment";

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PamCheckPaymentResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        if (p.BankTransactionId is not { } bankTransactionId)
        {
            // E-money payouts (pam.pay_by_cash) are not issued by this sandbox yet, so no agr_transaction_id exists.
            throw RpcException.ForParam(RpcErrors.TransactionNotFound, "agr_transaction_id",
                $"no payout with agr_transaction_id {p.AgrTransactionId} in this service");
        }

        var payment = ctx.State.Payments.FindByBankTransactionId(bankTransactionId);
        return new Result(
            payment.BankTransactionId.ToString(CultureInfo.InvariantCulture),
            ((int)payment.Status).ToString(CultureInfo.InvariantCulture),
            payment.Amount);
    }

    public sealed record Params(long? BankTransactionId, long? AgrTransactionId)
    {
        public static Params Read(ParamReader r)
        {
            var bank = r.OptionalId("bank_transaction_id");
            var agr = bank is null ? r.OptionalId("agr_transaction_id") : null;
            return bank is null && agr is null
                ? throw RpcException.InvalidParam("bank_transaction_id", "bank_transaction_id (or agr_transaction_id for a payout) is required")
                : new Params(bank, agr);
        }
    }

    public sealed record Result(
        [property: JsonPropertyName("bank_transaction_id")] string BankTransactionId,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("amount")] long Amount);
}
