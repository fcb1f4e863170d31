using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing;

/// <summary>
/// A PaySys Sandbox inside the test process, on real Kestrel at 127.0.0.1 and a free port, so any client in the
/// test (the reference client, a plain HttpClient, a browser, a child process) can call <see cref="Url"/>; or,
/// with <see cref="SandboxTransport.InMemory"/>, without a socket.
/// <code>
/// await using var sandbox = await PaySysSandbox.StartAsync(o => o.FixedOtp = "666666");
/// var paysys = sandbox.CreateClient();
/// </code>
/// Each instance is independent: its own port, tenants, clock and outbox. <see cref="DisposeAsync"/> stops it.
/// </summary>
public sealed class PaySysSandbox : IAsyncDisposable
{
    private readonly SandboxHost host;
    private readonly HttpClient http;
    private int disposed;

    private readonly TimeProvider clock;

    private PaySysSandbox(SandboxHost host, PaySysSandboxOptions options)
    {
        this.host = host;
        clock = options.TimeProvider ?? TimeProvider.System;
        Transport = options.Transport;
        BaseAddress = host.BaseAddress;
        Url = BaseAddress.GetLeftPart(UriPartial.Authority);
        var merchant = host.Options.EffectiveMerchants[0];
        ServiceId = merchant.ServiceId;
        SecretKey = merchant.SecretKey;
        AdminToken = string.IsNullOrEmpty(host.Options.AdminToken) ? null : host.Options.AdminToken;
        http = CreateHttpClient();
        Control = new SandboxControlClient(http, null, AdminToken);
        Clock = new SandboxClockControl(Control);
        Sms = new SandboxSmsOutbox(Control);
        Faults = new SandboxFaultControl(Control);
        Callbacks = new SandboxCallbacks(Control);
        Snapshots = new SandboxSnapshots(Control);
    }

    /// <summary>
    /// Where the sandbox listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash); <c>http://localhost</c>
    /// in memory, where only the sandbox's own clients reach it.
    /// </summary>
    public string Url { get; }

    /// <summary>How the sandbox is reached: a loopback socket or in memory.</summary>
    public SandboxTransport Transport { get; }

    /// <summary><see cref="Url"/> with a trailing slash, for <see cref="HttpClient.BaseAddress"/>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The port the OS picked (80 in memory, where there is none).</summary>
    public int Port => BaseAddress.Port;

    /// <summary>The default merchant's service_id (1 unless configured otherwise).</summary>
    public string ServiceId { get; }

    /// <summary>The default merchant's secret key (sandbox-secret unless configured otherwise).</summary>
    public string SecretKey { get; }

    /// <summary>The admin token the control API wants, when one was set; the helpers send it.</summary>
    public string? AdminToken { get; }

    /// <summary>The whole control API for the default merchant (cards, transactions, journal, switches…).</summary>
    public SandboxControlClient Control { get; }

    /// <summary>The default merchant's virtual clock.</summary>
    public SandboxClockControl Clock { get; }

    /// <summary>The default merchant's SMS outbox.</summary>
    public SandboxSmsOutbox Sms { get; }

    /// <summary>The default merchant's fault rules.</summary>
    public SandboxFaultControl Faults { get; }

    /// <summary>The default merchant's callbacks, their delivery log and faults.</summary>
    public SandboxCallbacks Callbacks { get; }

    /// <summary>The default merchant's snapshots: save a set-up once, restore it before each test.</summary>
    public SandboxSnapshots Snapshots { get; }

    /// <summary>
    /// The running server's services, for white-box tests that look inside (e.g. its routes); what is there is the
    /// server's internals, not a contract of the fixture.
    /// </summary>
    public IServiceProvider Services => host.Services;

    /// <summary>Starts a sandbox with its defaults changed by <paramref name="configure"/>; ready when this returns.</summary>
    public static async Task<PaySysSandbox> StartAsync(Action<PaySysSandboxOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new PaySysSandboxOptions();
        configure?.Invoke(options);

        var host = await SandboxHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new PaySysSandbox(host, options);
    }

    /// <summary>A reference client signed for the default merchant.</summary>
    public PaySysClient CreateClient() => CreateClient(ServiceId, SecretKey);

    /// <summary>A reference client signed for another merchant, or for an open tenant (<see cref="PaySysSandboxOptions.OpenTenants"/>).</summary>
    public PaySysClient CreateClient(string serviceId, string secretKey, PaySysTimestampUnit timestampUnit = PaySysTimestampUnit.Milliseconds)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return new PaySysClient(http, new PaySysClientOptions
        {
            ServiceId = serviceId,
            SecretKey = secretKey,
            TimestampUnit = timestampUnit,
            TimeProvider = clock,
        });
    }

    /// <summary>A plain HttpClient on <see cref="BaseAddress"/>, for raw requests; the caller disposes it.</summary>
    public HttpClient CreateHttpClient()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return new HttpClient(host.CreateHandler()) { BaseAddress = BaseAddress };
    }

    /// <summary>
    /// A handler that reaches the sandbox in either transport, e.g. for
    /// <c>services.AddPaySysClient(…).ConfigurePrimaryHttpMessageHandler(sandbox.CreateHandler)</c>.
    /// </summary>
    public HttpMessageHandler CreateHandler()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return host.CreateHandler();
    }

    /// <summary>A control client for another tenant (null: the default merchant), sending the admin token when there is one.</summary>
    public SandboxControlClient CreateControlClient(string? serviceId = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return new SandboxControlClient(http, serviceId, AdminToken);
    }

    /// <summary>Wipes the default merchant's cards, transactions, invoices, payouts, outbox, journal and fault rules, and resets its clock.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => Control.ResetAsync(cancellationToken);

    /// <summary>Stops the server: the port is closed when this completes. Clients made by this sandbox stop working.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        http.Dispose();
        await host.DisposeAsync().ConfigureAwait(false);
    }
}
