using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The sandbox on a real Kestrel socket (127.0.0.1, a free port), for clients that cannot use the in-process
/// TestServer, such as a browser. It runs on the real clock: its tests move the tenant's virtual clock, never wait.
/// </summary>
/// <remarks>
/// The port goes in through the <c>urls</c> setting, not <c>UseKestrel(0)</c>: with a top-level Program the app
/// starts its own host right after building it, so the factory's later rewrite of the server addresses raced
/// that start and failed when it lost ("Addresses cannot be modified after the server has started").
/// </remarks>
public sealed class KestrelSandbox : WebApplicationFactory<Program>
{
    public KestrelSandbox()
    {
        UseKestrel();
        StartServer();
        BaseAddress = SandboxFactory.ListeningAddress(Services);
        ClientOptions.BaseAddress = BaseAddress;
    }

    /// <summary>http://127.0.0.1:{port}/, where the sandbox listens.</summary>
    public Uri BaseAddress { get; }

    public GatewayClient CreateGateway(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(CreateClient(), TimeProvider.System, serviceId, secretKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseUrls("http://127.0.0.1:0");
}
