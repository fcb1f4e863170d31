namespace PaySys.Sandbox.Domain;

/// <summary>
/// Everything that falls due on the virtual clock (OTPs, holds), in due order. Applied lazily before
/// every tenant operation and eagerly when the clock moves, so no background timer is needed.
/// </summary>
public sealed class ExpirySchedule
{
    private readonly PriorityQueue<Action<DateTimeOffset>, DateTimeOffset> due = new();

    public int Count => due.Count;

    public void Schedule(DateTimeOffset at, Action<DateTimeOffset> expire) => due.Enqueue(expire, at);

    /// <summary>Runs every expiry due at or before <paramref name="now"/>, each at its own due time.</summary>
    public void ApplyDue(DateTimeOffset now)
    {
        while (due.TryPeek(out var expire, out var at) && at <= now)
        {
            due.Dequeue();
            expire(at);
        }
    }
}
