using System.Globalization;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// A rule that breaks calls on purpose (SPEC §9–10): for one method (or "*"), with a probability and an
/// optional number of uses. Applied before the handler runs.
/// </summary>
public sealed record FaultRule(
    string Id,
    string Method,
    FaultKind Kind,
    int? DelayMs,
    int? Code,
    int? HttpStatus,
    double Probability,
    int? TimesLeft)
{
    public const string AnyMethod = "*";

    // FaultKind and its names are generated from contracts/faults.json (FaultKindNames).
    public static string KindName(FaultKind kind) => FaultKindNames.Of(kind);

    public static bool TryParseKind(string? name, out FaultKind kind) => FaultKindNames.TryParse(name, out kind);

    /// <summary>Whether a gateway call can suffer this kind; the rest only make sense for a callback (contracts/faults.json).</summary>
    public static bool HitsGatewayCalls(FaultKind kind) => kind is not (FaultKind.Duplicate or FaultKind.OutOfOrder or FaultKind.WrongSignature);

    /// <summary>The kinds a gateway fault rule may have, as the control API and the console offer them.</summary>
    public static IEnumerable<string> GatewayKindNames =>
        FaultKindNames.All.Where(name => TryParseKind(name, out var kind) && HitsGatewayCalls(kind));
}

/// <summary>A tenant's fault rules, their ids "<paramref name="idPrefix"/>1", "…2". Callers hold the tenant's gate.</summary>
public sealed class FaultRules(TenantLimits limits, string idPrefix = "f")
{
    private readonly List<FaultRule> rules = [];
    private int nextId;

    public IReadOnlyList<FaultRule> All => rules;

    /// <summary>
    /// No rule at all. The one member read without the gate: a rule added while a call is already past this
    /// check applies from the next call on, as if it had been added a moment later.
    /// </summary>
    public bool IsEmpty => rules.Count == 0;

    public FaultRule Add(FaultRule rule)
    {
        limits.EnsureRoomForFaultRule(rules.Count);
        var added = rule with { Id = idPrefix + (++nextId).ToString(CultureInfo.InvariantCulture) };
        rules.Add(added);
        return added;
    }

    /// <summary>The number behind the last rule id handed out ("f3" → 3): a snapshot keeps it so ids never repeat.</summary>
    public int LastId => nextId;

    /// <summary>Rules as a snapshot kept them, with their ids and remaining uses, counted against the tenant's cap.</summary>
    public void Restore(IEnumerable<FaultRule> restored, int lastId)
    {
        foreach (var rule in restored)
        {
            limits.EnsureRoomForFaultRule(rules.Count);
            rules.Add(rule);
        }

        nextId = lastId;
    }

    public bool Remove(string id) => rules.RemoveAll(r => r.Id == id) > 0;

    public void Clear() => rules.Clear();

    /// <summary>The first rule for <paramref name="method"/> that fires this time; its use is counted.</summary>
    public FaultRule? Fire(string method, Func<double> roll) => Fire(method, roll, kinds: null);

    /// <summary>
    /// The first rule for <paramref name="method"/> of one of <paramref name="kinds"/> (any kind when null) that fires
    /// this time; its use is counted. The dice are rolled only for a rule that matches.
    /// </summary>
    public FaultRule? Fire(string method, Func<double> roll, IReadOnlyCollection<FaultKind>? kinds)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if ((rule.Method != method && rule.Method != FaultRule.AnyMethod) || (kinds is not null && !kinds.Contains(rule.Kind)) || roll() >= rule.Probability)
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
