using PaySys.Sandbox.Control;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Pages;

if (HealthCheckCommand.IsInvoked(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddSandbox(args);

var app = builder.Build();
app.UseTransportGuard();
app.MapGateway();
app.MapControl();
app.MapPages();
app.PrintStartupBanner();

await app.RunAsync();
return 0;
