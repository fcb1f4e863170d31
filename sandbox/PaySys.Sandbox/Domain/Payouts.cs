using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Rpc;

namespace PaySys.Sandbox.Domain;

/// <summary>A tenant's e-wallet payouts. Callers hold the tenant's gate.</summary>
public sealed class Payouts(TenantState state, SandboxIds ids, TenantSettings settings)
{
    private readonly List<Payout> inOrder = [];
    private readonly Dictionary<long, Payout> byTransactionId = [];

    public IReadOnlyList<Payout> All => inOrder;

    public Payout Create(string account, long amount, string currency, long vendorId, string? wallet, Operation op)
    {
        state.Acquiring.EnsureVendor(vendorId);
        var behaviour = BehaviourOf(account);
        switch (behaviour)
        {
            case PayoutBehaviour.UserNotFound:
                throw RpcException.ForParam(RpcErrors.OrderNotFound, "vendor_form.account", $"no wallet user with account {account}");
            case PayoutBehaviour.ProcessingDown:
                throw new RpcException(RpcErrors.ProcessingUnavailable, $"the wallet provider of account {account} does not answer");
        }

        state.EnsureRoomForTransaction();
        var payout = new Payout(ids.NextTransactionId(), SandboxIds.NewRequestToken(), account, amount, currency, vendorId, wallet, op.Now);
        inOrder.Add(payout);
        byTransactionId.Add(payout.TransactionId, payout);
        if (behaviour != PayoutBehaviour.PayoutStuck)
        {
            state.Expiries.Schedule(op.Now.AddSeconds(settings.PayoutDelaySeconds), at => payout.Settle(behaviour != PayoutBehaviour.PayoutFails, at));
        }

        return payout;
    }

    public Payout Find(long agrTransactionId) =>
        byTransactionId.TryGetValue(agrTransactionId, out var payout)
            ? payout
            : throw RpcException.ForParam(RpcErrors.TransactionNotFound, "agr_transaction_id", $"no payout with agr_transaction_id {agrTransactionId} in this service");

    private static PayoutBehaviour BehaviourOf(string account) =>
        AccountCatalogue.Embedded.FirstOrDefault(a => a.Account == account)?.Behaviour switch
        {
            "user_not_found" => PayoutBehaviour.UserNotFound,
            "processing_down" => PayoutBehaviour.ProcessingDown,
            "payout_fails" => PayoutBehaviour.PayoutFails,
            "payout_stuck" => PayoutBehaviour.PayoutStuck,
            _ => PayoutBehaviour.Success,
        };
}
