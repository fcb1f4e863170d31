using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Rpc.Methods;

namespace PaySys.Sandbox.Rpc;

/// <summary>Method name → handler, built once from an explicit list (no assembly scanning).</summary>
public sealed class RpcDispatcher
{
    private static readonly RpcMethod[] Methods =
    [
        PaysysCardRegistration.Method,
        PaysysCardConfirm.Method,
        PamPreparePayment.Method,
        PamConfirmPayment.Method,
        HoldConfirm.Method,
        PamCheckPayment.Method,
        PamPayment.Method,
        TransactionReverse.Method,
        PaysysPaymentInfo.Method,
        PaysysPaymentCancel.Method,
        PaysysPaymentAdjustments.Method,
        PaysysGetFiscalCheque.Method,
        PaysysInvoiceCreate.Method,
        PamPayByCash.Method,
    ];

    private readonly FrozenDictionary<string, RpcMethod> byName =
        Methods.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);

    public IEnumerable<string> Names => byName.Keys;

    public bool TryGet(string name, [NotNullWhen(true)] out RpcMethod? method) => byName.TryGetValue(name, out method);
}
