using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Control;

/// <summary>
/// What the callback routes check before they change a tenant, each answer naming what is wrong. The control API and the
/// console's callbacks page both go through here, so a setting or a rule one accepts the other accepts too.
/// </summary>
public static class CallbackRequests
{
    /// <summary>The settings <paramref name="change"/> asks for (a blank URL or secret is unset), or why they cannot be kept.</summary>
    public static string? Endpoints(CallbackSettingsChange change, out CallbackEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(change);
        endpoints = new CallbackEndpoints(
            CallbackOptions.Blank(change.InfoUrl), CallbackOptions.Blank(change.PayUrl), CallbackOptions.Blank(change.NotifyUrl),
            CallbackOptions.Blank(change.CancelUrl), CallbackOptions.Blank(change.StatementUrl), CallbackOptions.Blank(change.Secret));
        var invalid = new[]
            {
                ("info_url", endpoints.InfoUrl), ("pay_url", endpoints.PayUrl), ("notify_url", endpoints.NotifyUrl),
                ("cancel_url", endpoints.CancelUrl), ("statement_url", endpoints.StatementUrl),
            }
            .Select(setting => CallbackOptions.UrlProblem(setting.Item2) is { } why ? $"{setting.Item1}: {why}" : null)
            .FirstOrDefault(why => why is not null);
        if (invalid is not null)
        {
            return invalid;
        }

        return endpoints.Secret is { Length: > CallbackOptions.MaxSecretLength }
            ? $"secret: at most {CallbackOptions.MaxSecretLength} characters"
            : null;
    }

    /// <summary>The callback fault rule <paramref name="fault"/> asks for, or why there is none.</summary>
    public static string? FaultRule(CallbackFaultRequest fault, out FaultRule? rule)
    {
        ArgumentNullException.ThrowIfNull(fault);
        rule = null;
        var known = Domain.FaultRule.TryParseKind(fault.Kind, out var kind);
        var invalid = fault.Callback is null || !CallbackFaults.Callbacks.Contains(fault.Callback)
            ? $"callback must be one of {string.Join(", ", CallbackFaults.Callbacks)}"
            : !known || !CallbackFaults.Kinds.Contains(kind)
                ? $"kind must be one of {string.Join(", ", CallbackFaults.Kinds.Select(Domain.FaultRule.KindName))}"
                : fault.Probability is < 0 or > 1 || fault.Times is < 1
                    ? "probability must be between 0 and 1, and times at least 1"
                    : kind == FaultKind.Delay && fault.DelayMs is not (>= 0 and <= CallbackFaults.MaxDelayMs)
                        ? $"a delay needs delay_ms between 0 and {CallbackFaults.MaxDelayMs} (virtual clock)"
                        : null;
        if (invalid is null)
        {
            rule = new FaultRule("", fault.Callback!, kind, kind == FaultKind.Delay ? fault.DelayMs : null, null, null, fault.Probability ?? 1, fault.Times);
        }

        return invalid;
    }
}
