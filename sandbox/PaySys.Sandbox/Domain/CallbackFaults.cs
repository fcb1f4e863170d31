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

    // The gateway's rule list and its firing, with ids of their own ("cf1"): one mechanism, two separate lists.
    private readonly FaultRules rules = new(limits, "cf");

    public IReadOnlyList<FaultRule> All => rules.All;

    public FaultRule Add(FaultRule rule) => rules.Add(rule);

    public void Clear() => rules.Clear();

    /// <summary>The first rule for <paramref name="callback"/> of one of <paramref name="kinds"/> that fires this time; its use is counted.</summary>
    public FaultRule? Fire(string callback, Func<double> roll, params FaultKind[] kinds) => rules.Fire(callback, roll, kinds);
}
