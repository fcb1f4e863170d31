using System.Collections.Concurrent;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Callbacks;

/// <summary>
/// Sends each tenant's due callbacks. Three things start a delivery pass: a tenant ringing the doorbell (an invoice was
/// paid or cancelled), a move of its virtual clock (the control API awaits the pass, so a test sees the retries when the
/// clock call answers), and one timer on the real clock that looks, once a second, at the tenants with callbacks still
/// pending. One pass per tenant at a time, so every attempt due when a pass starts is answered when it ends. The
/// tenant's gate is never held while a merchant is called.
/// </summary>
public sealed class CallbackDispatcher(TenantRegistry tenants, CallbackDoorbell doorbell, CallbackSender sender, TimeProvider realClock,
    ILogger<CallbackDispatcher> log) : BackgroundService
{
    private const int BatchSize = 16;
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> passes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> pending = new(StringComparer.Ordinal);
    private CancellationToken stopping;

    /// <summary>Sends every attempt of <paramref name="tenant"/> that is due on its virtual clock, until none is.</summary>
    public async Task DeliverDueAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var pass = passes.GetOrAdd(tenant.ServiceId, _ => new SemaphoreSlim(1, 1));
        await pass.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var (outbox, sends) = tenant.Run(op => (tenant.State.Callbacks, tenant.State.Callbacks.TakeDue(op.Now, BatchSize)));
                if (sends.Count == 0)
                {
                    break;
                }

                // The sandbox's own stop, not the caller's: an attempt that left is always answered and recorded.
                var answers = await Task.WhenAll(sends.Select(send => sender.SendAsync(send.Message, stopping)));
                tenant.Run(op =>
                {
                    for (var i = 0; i < sends.Count; i++)
                    {
                        outbox.Record(sends[i], answers[i].Request, answers[i].Answer, op.Now);
                    }

                    return 0;
                });
                for (var i = 0; i < sends.Count; i++)
                {
                    Log(tenant, sends[i], answers[i].Answer);
                }
            }

            if (tenant.Run(_ => tenant.State.Callbacks.HasPending))
            {
                pending.TryAdd(tenant.ServiceId, 0);
            }
        }
        finally
        {
            pass.Release();
        }
    }

    /// <summary>One more attempt of delivery <paramref name="id"/> now; null with the reason when there is none to send.</summary>
    public async Task<(CallbackDelivery? Delivery, string? Problem)> RedeliverAsync(Tenant tenant, long id, CancellationToken cancellationToken)
    {
        var pass = passes.GetOrAdd(tenant.ServiceId, _ => new SemaphoreSlim(1, 1));
        await pass.WaitAsync(cancellationToken);
        try
        {
            var (outbox, delivery, send, problem) = tenant.Run(op =>
            {
                var outbox = tenant.State.Callbacks;
                var delivery = outbox.Find(id);
                string? problem = null;
                var send = delivery is null ? null : outbox.StartRedelivery(delivery, op.Now, out problem);
                return (outbox, delivery, send, problem);
            });
            if (send is null)
            {
                return (delivery, problem ?? $"no callback delivery {id}");
            }

            var (request, answer) = await sender.SendAsync(send.Message, stopping);
            tenant.Run(op =>
            {
                outbox.Record(send, request, answer, op.Now);
                return 0;
            });
            Log(tenant, send, answer);
            return (delivery, null);
        }
        finally
        {
            pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        using var timer = realClock.CreateTimer(_ => LookAtPending(), null, TickPeriod, TickPeriod);
        while (!stoppingToken.IsCancellationRequested)
        {
            string serviceId;
            try
            {
                serviceId = await doorbell.ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (tenants.TryGet(serviceId, out var tenant))
            {
                StartPass(tenant);
            }
        }
    }

    /// <summary>The timer's look: a pass for each tenant with an attempt due; a tenant with nothing pending is forgotten.</summary>
    private void LookAtPending()
    {
        foreach (var serviceId in pending.Keys)
        {
            if (!tenants.TryGet(serviceId, out var tenant))
            {
                continue;
            }

            var (due, waiting) = tenant.Run(op => (tenant.State.Callbacks.HasDue(op.Now), tenant.State.Callbacks.HasPending));
            if (!waiting)
            {
                pending.TryRemove(serviceId, out _);
            }
            else if (due)
            {
                StartPass(tenant);
            }
        }
    }

    private void StartPass(Tenant tenant) => _ = Task.Run(async () =>
    {
        try
        {
            await DeliverDueAsync(tenant, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The sandbox is stopping: what was not sent stays pending.
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            log.LogError(unexpected, "callback delivery pass of service {ServiceId} failed", tenant.ServiceId);
        }
    });

    /// <summary>Where and what, never the body: the URL without its query, which is where a secret would hide.</summary>
    private void Log(Tenant tenant, CallbackSend send, CallbackAnswer answer)
    {
        var level = answer.Succeeded ? LogLevel.Information : LogLevel.Warning;
        if (!log.IsEnabled(level))
        {
            return;
        }

        var url = Uri.TryCreate(send.Message.Url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(unparsable URL)";
        log.Log(level, "callback {Kind} #{DeliveryId} of service {ServiceId} (invoice {InvoiceId}) to {Url}: {Outcome}",
            send.Delivery.Kind, send.Delivery.Id, tenant.ServiceId, send.Delivery.Chain.InvoiceId, url, answer.Outcome);
    }
}
