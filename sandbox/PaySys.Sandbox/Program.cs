using PaySys.Sandbox.Hosting;

if (HealthCheckCommand.IsInvoked(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

var app = SandboxApplication.Build(new WebApplicationOptions { Args = args });
app.PrintStartupBanner();

await app.RunAsync();
return 0;
