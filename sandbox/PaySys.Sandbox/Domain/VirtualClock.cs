namespace PaySys.Sandbox.Domain;

/// <summary>
/// A tenant's clock: the real clock plus an offset the control API moves. Domain code reads time only here.
/// </summary>
public sealed class VirtualClock(TimeProvider realClock) : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => realClock.GetUtcNow() + Offset;

    /// <summary>The real time behind the virtual one.</summary>
    public DateTimeOffset RealNow => realClock.GetUtcNow();

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - realClock.GetUtcNow()).Ticks);

    /// <summary>The offset a snapshot kept: the virtual clock stands as far from the real one as it did.</summary>
    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref offsetTicks, offset.Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
