namespace PaySys.Sandbox.Domain;

/// <summary>One gateway call as the domain sees it: the tenant's virtual now, and what the answer must wait for.</summary>
public sealed class Operation(DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>Set when a "slow" magic card took part; the gateway then delays the answer.</summary>
    public bool TouchedSlowCard { get; set; }
}
