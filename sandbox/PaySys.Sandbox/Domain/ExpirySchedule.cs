namespace PaySys.Sandbox.Domain;

/// <summary>
/// Everything that falls due on the virtual clock (OTPs, holds), in due order. Applied lazily before
/// every tenant operation and eagerly when the clock moves, so no background timer is needed.
/// </summary>
public sealed class ExpirySchedule
{
    private readonly PriorityQueue<Action<DateTimeOffset, Operation>, DateTimeOffset> due = new();

    public int Count => due.Count;

    /// <summary>Schedules <paramref name="expire"/>, which gets its due time and the step that applies it (for the wall time).</summary>
    public void Schedule(DateTimeOffset at, Action<DateTimeOffset, Operation> expire) => due.Enqueue(expire, at);

    /// <summary>Runs every expiry due at or before the step's now, each at its own due time.</summary>
    public void ApplyDue(Operation step)
    {
        while (due.TryPeek(out var expire, out var at) && at <= step.Now)
        {
            due.Dequeue();
            expire(at, step);
        }
    }
}
