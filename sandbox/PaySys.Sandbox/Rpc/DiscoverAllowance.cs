using System.Net;

namespace PaySys.Sandbox.Rpc;

/// <summary>
/// How many OpenRPC documents (about 65 KB each, for a request of some 30 bytes and no Auth) one client gets: a
/// bucket of <see cref="Burst"/> that refills at <see cref="PerSecond"/> a second on the real clock, per client
/// address. Clients share a fixed table of buckets by the hash of their address, so the table never grows: two
/// clients that land in one bucket share its allowance, which only matters to someone who asks this often anyway.
/// </summary>
public sealed class DiscoverAllowance
{
    /// <summary>Documents a client gets at once: a CI run's jobs starting together against one sandbox.</summary>
    public const int Burst = 20;

    /// <summary>Documents a client gets a second after its burst (about 330 KB/s).</summary>
    public const int PerSecond = 5;

    private const int Buckets = 1024;

    private readonly TimeProvider realClock;
    private readonly double[] tokens;
    private readonly long[] filledAt;
    private readonly Lock gate = new();

    public DiscoverAllowance(TimeProvider realClock)
    {
        this.realClock = realClock;
        tokens = [.. Enumerable.Repeat((double)Burst, Buckets)];
        filledAt = [.. Enumerable.Repeat(realClock.GetTimestamp(), Buckets)];
    }

    /// <summary>Takes one document from the client's allowance; false when it is used up for now.</summary>
    public bool TryTake(IPAddress? client)
    {
        // In memory (tests) there is no address: all such callers are one client.
        var bucket = (int)((uint)(client?.GetHashCode() ?? 0) % Buckets);
        lock (gate)
        {
            var now = realClock.GetTimestamp();
            var refilled = realClock.GetElapsedTime(filledAt[bucket], now).TotalSeconds * PerSecond;
            tokens[bucket] = Math.Min(Burst, tokens[bucket] + refilled);
            filledAt[bucket] = now;
            if (tokens[bucket] < 1)
            {
                return false;
            }

            tokens[bucket] -= 1;
            return true;
        }
    }
}
