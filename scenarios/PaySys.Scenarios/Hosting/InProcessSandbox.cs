using PaySys.Sandbox.Testing;

namespace PaySys.Scenarios.Hosting;

/// <summary>
/// A sandbox hosted in this process by the <c>PaySys.Sandbox.Testing</c> fixture, in open-tenants mode, with its
/// log lines off: the runner's own report is the only output wanted.
/// </summary>
public sealed class InProcessSandbox : SandboxTarget
{
    /// <summary>The sandbox's own Logging setting (PAYSYS_LOG_LEVEL); the runner does not reference the server's types.</summary>
    private const string DefaultLogLevelKey = "Logging:LogLevel:Default";

    private readonly PaySysSandbox sandbox;
    private readonly HttpClient http;

    public InProcessSandbox(PaySysSandbox sandbox, string secret)
        : base(secret)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        this.sandbox = sandbox;

        // Redirects are never followed (the in-memory handler does not follow them either), so an http step sees
        // the answer the sandbox gave, in either transport and under --url alike.
        var handler = sandbox.Transport == SandboxTransport.Loopback
            ? new SocketsHttpHandler { AllowAutoRedirect = false }
            : sandbox.CreateHandler();
        http = new HttpClient(handler) { BaseAddress = sandbox.BaseAddress };
    }

    public override HttpClient Http => http;

    public override string Description =>
        sandbox.Transport == SandboxTransport.InMemory ? "in-process sandbox" : $"in-process sandbox at {sandbox.Url}";

    /// <summary>
    /// Starts a sandbox whose open tenants sign with <paramref name="secret"/>: in memory for the run command
    /// (no socket, as before), on a loopback port for tests that want real Kestrel.
    /// </summary>
    public static async Task<InProcessSandbox> StartAsync(string secret, SandboxTransport transport, CancellationToken cancellationToken)
    {
        var sandbox = await PaySysSandbox.StartAsync(
            options =>
            {
                options.Transport = transport;
                options.OpenTenants = true;
                options.OpenTenantsSecret = secret;
                options.Settings[DefaultLogLevelKey] = "None";
            },
            cancellationToken);
        return new InProcessSandbox(sandbox, secret);
    }

    /// <summary>The run command's sandbox: in memory, no socket.</summary>
    public static async Task<SandboxTarget> StartInMemoryAsync(string secret, CancellationToken cancellationToken) =>
        await StartAsync(secret, SandboxTransport.InMemory, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }
}
