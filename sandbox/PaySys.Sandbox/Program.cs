using PaySys.Sandbox.Control;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Pages;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddSandbox(args);

var app = builder.Build();
app.UseTransportGuard();
app.MapGateway();
app.MapControl();
app.MapPages();
app.PrintStartupBanner();

app.Run();
