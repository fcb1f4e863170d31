using PaySys.Sandbox.Hosting;

return await ServerCommandLine.InvokeAsync(args, RunAsync, HealthCheckCommand.RunAsync);

static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellation)
{
    var app = SandboxApplication.Build(new WebApplicationOptions { Args = hostArgs });
    app.PrintStartupBanner();
    await app.RunAsync();
    return 0;
}
