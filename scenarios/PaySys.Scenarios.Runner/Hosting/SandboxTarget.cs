using PaySys.Client.Sandbox;

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

    /// <summary>
    /// The sandbox given by <paramref name="url"/>, or a new in-process one (open tenants signed with
    /// <paramref name="secret"/>) from <paramref name="startInProcess"/> when it is null.
    /// </summary>
    public static async Task<SandboxTarget> StartAsync(string? url, string secret, InProcessStart startInProcess, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInProcess);
        SandboxTarget target = url is null
            ? await startInProcess(secret, cancellationToken)
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

/// <summary>
/// Starts a sandbox in this process with open tenants signed with the secret: the scenarios exe hosts the testing
/// fixture, the server binary its own application on a loopback port.
/// </summary>
public delegate Task<SandboxTarget> InProcessStart(string secret, CancellationToken cancellationToken);

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
/// A sandbox this process started and listens on at <c>url</c> (the server binary's own, on a loopback port):
/// reached like a remote one, and stopped with the run.
/// </summary>
public sealed class HostedSandbox(Uri url, string secret, Func<ValueTask> stop) : SandboxTarget(secret)
{
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    public override HttpClient Http => http;

    public override string Description => $"in-process sandbox at {BaseAddress}";

    public override async ValueTask DisposeAsync()
    {
        http.Dispose();
        await stop();
    }
}
