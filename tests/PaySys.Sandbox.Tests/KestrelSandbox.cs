using PaySys.Sandbox.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The sandbox on a real Kestrel socket (127.0.0.1, a free port), for clients that cannot reach an in-memory
/// server, such as a browser. It runs on the real clock: its tests move the tenant's virtual clock, never wait.
/// </summary>
public sealed class KestrelSandbox : IDisposable
{
    private readonly PaySysSandbox sandbox = PaySysSandbox.StartAsync().GetAwaiter().GetResult();

    /// <summary>http://127.0.0.1:{port}/, where the sandbox listens.</summary>
    public Uri BaseAddress => sandbox.BaseAddress;

    public GatewayClient CreateGateway(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(sandbox.CreateHttpClient(), TimeProvider.System, serviceId, secretKey);

    public void Dispose() => sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
