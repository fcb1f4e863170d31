using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>pam.pay_by_cash: an e-wallet payout, pending until the payout delay passes on the virtual clock.</summary>
public static class PamPayByCash
{
    public const string Name = "pam.pay_by_cash";

    public static readonly string[] Currencies = ["UZS", "USD", "EUR", "RUB"];

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PamPayByCashResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var payout = ctx.State.Payouts.Create(p.Account, p.Amount, p.Currency, p.VendorId, p.Wallet, ctx.Operation);

        // The card fields are documented as absent for this method and sent as null.
        return new Result(new Details(payout.RequestId, null, payout.TransactionId, null, null, payout.Amount, null, null,
            payout.CreatedAt.ToUnixTimeSeconds()));
    }

    public sealed record Params(string Account, long Amount, long VendorId, string Currency, string? Wallet)
    {
        public static Params Read(ParamReader r)
        {
            var form = r.RequiredObject("vendor_form");
            return new Params(
                form.RequiredString("account", maxLength: 64),
                form.RequiredAmount("amount"),
                form.RequiredId("vendor_id"),
                form.OptionalEnum("currency", Currencies) ?? "UZS",
                form.OptionalString("wallet", maxLength: 64));
        }
    }

    public sealed record Result([property: JsonPropertyName("details")] Details Details);

    public sealed record Details(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("masked_card_number")] string? MaskedCardNumber,
        [property: JsonPropertyName("transaction_id")] long TransactionId,
        [property: JsonPropertyName("bank_transaction_id")] long? BankTransactionId,
        [property: JsonPropertyName("reference_number")] string? ReferenceNumber,
        [property: JsonPropertyName("amount")] long Amount,
        [property: JsonPropertyName("merchantId")] string? MerchantId,
        [property: JsonPropertyName("terminalId")] string? TerminalId,
        [property: JsonPropertyName("date")] long Date);
}
