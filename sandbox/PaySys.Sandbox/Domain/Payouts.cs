using PaySys.Sandbox.Contracts;

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
                throw new Refusal(Reasons.OrderNotFound, $"no wallet user with account {account}", Subject.PayoutAccount);
            case PayoutBehaviour.ProcessingDown:
                throw new Refusal(Reasons.ProcessingUnavailable, $"the wallet provider of account {account} does not answer");
        }

        state.EnsureRoomForTransaction();
        var payout = new Payout(ids.NextTransactionId(), SandboxIds.NewRequestToken(), account, amount, currency, vendorId, wallet, op.Now);
        inOrder.Add(payout);
        byTransactionId.Add(payout.TransactionId, payout);
        ScheduleSettlement(payout, behaviour);
        return payout;
    }

    /// <summary>A payout as a snapshot kept it; one still pending settles when its delay passes, as it would have.</summary>
    public void Adopt(Payout payout)
    {
        state.EnsureRoomForTransaction();
        inOrder.Add(payout);
        byTransactionId.Add(payout.TransactionId, payout);
        if (payout.Status == PaymentStatus.AwaitingConfirmation)
        {
            ScheduleSettlement(payout, BehaviourOf(payout.Account));
        }
    }

    private void ScheduleSettlement(Payout payout, PayoutBehaviour behaviour)
    {
        if (behaviour != PayoutBehaviour.PayoutStuck)
        {
            state.Expiries.Schedule(payout.CreatedAt.AddSeconds(settings.PayoutDelaySeconds), (at, _) => payout.Settle(behaviour != PayoutBehaviour.PayoutFails, at));
        }
    }

    public Payout Find(long agrTransactionId) =>
        byTransactionId.TryGetValue(agrTransactionId, out var payout)
            ? payout
            : throw new Refusal(Reasons.TransactionNotFound, Subject.Payout, name => $"no payout with {name(Subject.Payout)} {agrTransactionId} in this service");

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
