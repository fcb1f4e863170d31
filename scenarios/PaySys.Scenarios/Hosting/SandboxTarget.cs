using PaySys.Client.Sandbox;
using PaySys.Sandbox.Testing;

namespace PaySys.Scenarios.Hosting;

/// <summary>
/// The sandbox the scenarios run against: one HttpClient for gateway, control and page calls, its base address,
/// and the secret that open-tenants mode signs with.
/// </summary>
public abstract class SandboxTarget : IAsyncDisposable
{
    public const string DefaultSecret = "sandbox-secret";

    protected SandboxTarget(string secret)
    {
        Secret = secret;
    }

    public abstract HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public string Secret { get; }

    /// <summary>A human name for the report: "in-process sandbox" or the URL.</summary>
    public abstract string Description { get; }

    /// <summary>The sandbox given by <paramref name="url"/>, or a new in-process one when it is null.</summary>
    public static async Task<SandboxTarget> StartAsync(string? url, string secret, CancellationToken cancellationToken)
    {
        SandboxTarget target = url is null
            ? await InProcessSandbox.StartAsync(secret, SandboxTransport.InMemory, cancellationToken)
            : new RemoteSandbox(new Uri(url), secret);
        try
        {
            await target.CheckHealthAsync(cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public abstract ValueTask DisposeAsync();

    private async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await new SandboxControlClient(Http).IsHealthyAsync(cancellationToken))
            {
                throw new SandboxUnreachableException($"{Description} answered /_sandbox/health, but not with status ok");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            throw new SandboxUnreachableException($"cannot reach the sandbox at {Description}: {e.Message}", e);
        }
    }
}

/// <summary>The sandbox could not be reached or is not one: the run cannot start.</summary>
public sealed class SandboxUnreachableException : Exception
{
    public SandboxUnreachableException()
    {
    }

    public SandboxUnreachableException(string message)
        : base(message)
    {
    }

    public SandboxUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A sandbox already running somewhere, e.g. the container: start it with PAYSYS_OPEN_TENANTS=true.</summary>
public sealed class RemoteSandbox : SandboxTarget
{
    private readonly HttpClient http;

    public RemoteSandbox(Uri url, string secret)
        : base(secret)
    {
        http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public override HttpClient Http => http;

    public override string Description => BaseAddress.ToString();

    public override ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}

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

    public override async ValueTask DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }
}
