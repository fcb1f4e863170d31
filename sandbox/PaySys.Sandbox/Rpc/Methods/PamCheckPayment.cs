using System.Globalization;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>
/// pam.check_payment: the status of an acquiring transaction by bank_transaction_id (status as a string,
/// like the acquiring docs), or of an e-wallet payout by agr_transaction_id (the e-money docs' doubled
/// result.result, status as a number).
/// </summary>
public static class PamCheckPayment
{
    public const string Name = "pam.check_payment";

    public static RpcMethod Method { get; } = RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PamCheckPaymentResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        if (p.BankTransactionId is not { } bankTransactionId)
        {
            var payout = ctx.State.Payouts.Find(p.AgrTransactionId!.Value);
            return new Result(Payout: new PayoutStatus(null, payout.Amount, payout.CreatedAt.ToUnixTimeSeconds(), (int)payout.Status));
        }

        var payment = ctx.State.Payments.FindByBankTransactionId(bankTransactionId);
        return new Result(
            payment.BankTransactionId.ToString(CultureInfo.InvariantCulture),
            ((int)payment.Status).ToString(CultureInfo.InvariantCulture),
            payment.Amount);
    }

    public sealed record Params(long? BankTransactionId, long? AgrTransactionId)
    {
        /// <summary>bank_transaction_id wins over agr_transaction_id, but both are checked when both are sent.</summary>
        public static Params Read(ParamReader r)
        {
            var bank = r.OptionalId("bank_transaction_id");
            var agr = r.OptionalId("agr_transaction_id");
            return bank is null && agr is null
                ? throw RpcException.InvalidParam("bank_transaction_id", "bank_transaction_id (or agr_transaction_id for a payout) is required")
                : new Params(bank, agr);
        }
    }

    /// <summary>Either the acquiring shape (three members) or the payout shape (only "result"); the other members are omitted.</summary>
    public sealed record Result(
        [property: JsonPropertyName("bank_transaction_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BankTransactionId = null,
        [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null,
        [property: JsonPropertyName("amount"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Amount = null,
        [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PayoutStatus? Payout = null);

    public sealed record PayoutStatus(
        [property: JsonPropertyName("bank_transaction_id")] long? BankTransactionId,
        [property: JsonPropertyName("amount")] long Amount,
        [property: JsonPropertyName("date")] long Date,
        [property: JsonPropertyName("status")] int Status);
}
