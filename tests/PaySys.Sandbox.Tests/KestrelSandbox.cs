using Microsoft.AspNetCore.Mvc.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The sandbox on a real Kestrel socket (127.0.0.1, a free port), for clients that cannot use the in-process
/// TestServer, such as a browser. It runs on the real clock: its tests move the tenant's virtual clock, never wait.
/// </summary>
public sealed class KestrelSandbox : WebApplicationFactory<Program>
{
    public KestrelSandbox()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>http://127.0.0.1:{port}/, where the sandbox listens.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public GatewayClient CreateGateway(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(CreateClient(), TimeProvider.System, serviceId, secretKey);
}
