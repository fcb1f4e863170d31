using PaySys.Sandbox.Testing;
using PaySys.Scenarios.Hosting;

namespace PaySys.Scenarios.Tests;

/// <summary>
/// One sandbox (open tenants) for the library theory, the runner's own <see cref="InProcessSandbox"/> but on real
/// Kestrel at a loopback port, as any .NET test would host it (the run command's tests cover the in-memory one):
/// each file runs in its own tenant, so the files share it instead of paying for a server start each.
/// </summary>
public sealed class InProcessSandboxFixture : IAsyncLifetime
{
    private InProcessSandbox? target;

    public SandboxTarget Target => target ?? throw new InvalidOperationException("the sandbox has not started");

    public async Task InitializeAsync()
    {
        target = await InProcessSandbox.StartAsync(SandboxTarget.DefaultSecret, SandboxTransport.Loopback, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}
