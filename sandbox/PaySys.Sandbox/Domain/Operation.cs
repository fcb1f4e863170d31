namespace PaySys.Sandbox.Domain;

/// <summary>One gateway call as the domain sees it: the tenant's virtual now, and what the answer must wait for.</summary>
public sealed class Operation(DateTimeOffset now, DateTimeOffset? wall = null)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>The real (wall-clock) time of the step, so a payment's history shows when it happened as well as when on the virtual clock.</summary>
    public DateTimeOffset Wall { get; } = wall ?? now;

    /// <summary>The gateway method this step serves (null for the pay page and the control API): a payment's history names the call that moved it.</summary>
    public string? Call { get; set; }

    /// <summary>Set when a "slow" magic card took part; the gateway then delays the answer.</summary>
    public bool TouchedSlowCard { get; set; }
}
