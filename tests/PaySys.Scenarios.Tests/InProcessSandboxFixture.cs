using PaySys.Scenarios.Hosting;

namespace PaySys.Scenarios.Tests;

/// <summary>One in-process sandbox (open tenants) for the library theory: each file runs in its own tenant.</summary>
public sealed class InProcessSandboxFixture : IAsyncLifetime
{
    private InProcessSandbox? target;

    public SandboxTarget Target => target ?? throw new InvalidOperationException("the sandbox has not started");

    public Task InitializeAsync()
    {
        target = new InProcessSandbox(SandboxTarget.DefaultSecret);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}
