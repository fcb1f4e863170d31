using PaySys.Sandbox.Testing;
using PaySys.Scenarios.Hosting;

namespace PaySys.Scenarios.Tests;

/// <summary>
/// One sandbox (open tenants) for the library theory, from the fixture library as any .NET test would host it:
/// each file runs in its own tenant, so the files share it instead of paying for a server start each.
/// </summary>
public sealed class InProcessSandboxFixture : IAsyncLifetime
{
    private FixtureSandboxTarget? target;

    public SandboxTarget Target => target ?? throw new InvalidOperationException("the sandbox has not started");

    public async Task InitializeAsync()
    {
        var sandbox = await PaySysSandbox.StartAsync(o =>
        {
            o.OpenTenants = true;
            o.OpenTenantsSecret = SandboxTarget.DefaultSecret;
        });
        target = new FixtureSandboxTarget(sandbox, SandboxTarget.DefaultSecret);
    }

    public async Task DisposeAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}

/// <summary>A <see cref="PaySysSandbox"/> as the runner's engine sees a sandbox: an HttpClient at its loopback URL.</summary>
public sealed class FixtureSandboxTarget : SandboxTarget
{
    private readonly PaySysSandbox sandbox;
    private readonly HttpClient http;

    public FixtureSandboxTarget(PaySysSandbox sandbox, string secret)
        : base(secret)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        this.sandbox = sandbox;

        // Redirects are not followed, as by the runner's own in-process sandbox, so an http step sees the answer
        // the sandbox gave and the files pass or fail here exactly as under `PaySys.Scenarios run`.
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = sandbox.BaseAddress };
    }

    public override HttpClient Http => http;

    public override string Description => $"in-process sandbox at {sandbox.Url}";

    public override async ValueTask DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }
}
