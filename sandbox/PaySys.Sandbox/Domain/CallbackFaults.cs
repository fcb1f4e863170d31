using System.Globalization;

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

    private readonly List<FaultRule> rules = [];
    private int nextId;

    public IReadOnlyList<FaultRule> All => rules;

    public FaultRule Add(FaultRule rule)
    {
        limits.EnsureRoomForFaultRule(rules.Count);
        var added = rule with { Id = "cf" + (++nextId).ToString(CultureInfo.InvariantCulture) };
        rules.Add(added);
        return added;
    }

    public void Clear() => rules.Clear();

    /// <summary>The first rule for <paramref name="callback"/> of one of <paramref name="kinds"/> that fires this time; its use is counted.</summary>
    public FaultRule? Fire(string callback, Func<double> roll, params FaultKind[] kinds)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if ((rule.Method != callback && rule.Method != FaultRule.AnyMethod) || !kinds.Contains(rule.Kind) || roll() >= rule.Probability)
            {
                continue;
            }

            if (rule.TimesLeft is { } left)
            {
                if (left <= 1)
                {
                    rules.RemoveAt(i);
                }
                else
                {
                    rules[i] = rule with { TimesLeft = left - 1 };
                }
            }

            return rule;
        }

        return null;
    }
}
