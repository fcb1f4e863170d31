using System.Collections.Frozen;
using System.Text.Json.Nodes;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Rpc;

/// <summary>
/// The one table from the domain's refusals to JSON-RPC errors: the code is the reason's, the subject becomes the
/// param it was sent as (error.data.param, and its name in the message), and the facts become the rest of error.data.
/// </summary>
public static class RefusalErrors
{
    /// <summary>Each subject as the gateway's params call it, and as the message names it.</summary>
    private static readonly FrozenDictionary<Subject, (string Param, string InText)> Params = new Dictionary<Subject, (string, string)>
    {
        [Subject.CardNumber] = ("card_number", "card_number"),
        [Subject.CardExpiry] = ("card_expire", "card_expire"),
        [Subject.RegisteredCard] = ("card_id", "card_id"),
        [Subject.CardToken] = ("Card-Token", "the Card-Token header"),
        [Subject.Phone] = ("phone_number", "phone_number"),
        [Subject.Code] = ("confirmation_code", "confirmation_code"),
        [Subject.Vendor] = ("vendor_id", "vendor_id"),
        [Subject.Amount] = ("amount", "amount"),
        [Subject.BankTransaction] = ("bank_transaction_id", "bank_transaction_id"),
        [Subject.Transaction] = ("transaction_id", "transaction_id"),
        [Subject.PayoutAccount] = ("vendor_form.account", "vendor_form.account"),
        [Subject.Payout] = ("agr_transaction_id", "agr_transaction_id"),
    }.ToFrozenDictionary();

    private static readonly SubjectNames InText = subject => Params.TryGetValue(subject, out var names) ? names.InText : "";

    public static RpcException ToRpc(Refusal refusal) =>
        RpcException.WithMessage(refusal.Reason, refusal.Describe(InText), DataOf(refusal));

    /// <summary>The facts when there are any, else the param; a refusal about nothing in particular has no data.</summary>
    private static JsonObject? DataOf(Refusal refusal) => refusal.Facts switch
    {
        LimitReached limit => new JsonObject { ["limit"] = limit.Limit },
        RefundCapExceeded cap => new JsonObject
        {
            ["refundable"] = cap.Refundable,
            ["refunded"] = cap.Refunded,
            ["cap"] = cap.Cap,
            ["currency"] = cap.Currency,
            ["refundable_in_currency"] = cap.RefundableInCurrency,
        },
        _ when Params.TryGetValue(refusal.About, out var names) => new JsonObject { ["param"] = names.Param },
        _ => null,
    };
}
