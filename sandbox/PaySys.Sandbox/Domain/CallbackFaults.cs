namespace PaySys.Sandbox.Domain;

/// <summary>
/// A tenant's rules that break its merchant callbacks on purpose (POST /_sandbox/callbacks/faults), so a merchant can test
/// that it survives late, lost, repeated, reordered and forged notifications. A rule is a <see cref="FaultRule"/> whose
/// method is a callback's name ("pay", "notify", "cancel") or "*"; its kinds are delay (delay_ms of the virtual clock),
/// drop, duplicate, out_of_order and wrong_signature. Kept apart from the gateway's rules, so a gateway rule for "*"
/// never touches a callback. Callers hold the tenant's gate.
/// </summary>
public sealed class CallbackFaults(TenantLimits limits)
{
    public static readonly IReadOnlyList<string> Callbacks = ["pay", "notify", "cancel", FaultRule.AnyMethod];

    public static readonly IReadOnlyList<FaultKind> Kinds =
        [FaultKind.Delay, FaultKind.Drop, FaultKind.Duplicate, FaultKind.OutOfOrder, FaultKind.WrongSignature];

    /// <summary>The longest delay a rule may hold back a callback: one day of the virtual clock.</summary>
    public const int MaxDelayMs = 86_400_000;

    // The gateway's rule list and its firing, with ids of their own ("cf1"): one mechanism, two separate lists.
    private readonly FaultRules rules = new(limits, "cf");

    public IReadOnlyList<FaultRule> All => rules.All;

    public FaultRule Add(FaultRule rule) => rules.Add(rule);

    public void Clear() => rules.Clear();

    /// <summary>The number behind the last rule id handed out ("cf3" → 3): a snapshot keeps it so ids never repeat.</summary>
    public int LastId => rules.LastId;

    /// <summary>Rules as a snapshot kept them, with their ids and remaining uses, counted against the tenant's cap.</summary>
    public void Restore(IEnumerable<FaultRule> restored, int lastId) => rules.Restore(restored, lastId);

    /// <summary>The first rule for <paramref name="callback"/> of one of <paramref name="kinds"/> that fires this time; its use is counted.</summary>
    public FaultRule? Fire(string callback, Func<double> roll, params FaultKind[] kinds) => rules.Fire(callback, roll, kinds);
}
