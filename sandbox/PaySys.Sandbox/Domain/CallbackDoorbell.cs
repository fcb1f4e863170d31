using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// How a tenant tells the sender that a callback is due now (an invoice was paid or cancelled) without the domain
/// knowing HTTP: the tenant rings with its service id, the sender listens. A tenant that already rang and was not
/// heard yet is not queued twice, so a burst of payments costs one wake-up.
/// </summary>
public sealed class CallbackDoorbell
{
    private readonly Channel<string> rings = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> waiting = new(StringComparer.Ordinal);

    public void Ring(string serviceId)
    {
        if (waiting.TryAdd(serviceId, 0))
        {
            rings.Writer.TryWrite(serviceId);
        }
    }

    /// <summary>The next tenant that rang; it may ring again from now on.</summary>
    public async ValueTask<string> ListenAsync(CancellationToken cancellationToken)
    {
        var serviceId = await rings.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        waiting.TryRemove(serviceId, out _);
        return serviceId;
    }
}
