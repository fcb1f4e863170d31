namespace PaySys.Sandbox.Domain;

/// <summary>Payment statuses as the gateway reports them (SPEC §7).</summary>
public enum PaymentStatus
{
    Error = -1,
    Created = 0,
    AwaitingConfirmation = 1,
    Completed = 2,
    Cancelled = 3,
    Returned = 6,
    Held = 7,
}
