using PaySys.Sandbox.Control;
using PaySys.Sandbox.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddSandbox(args);

var app = builder.Build();
app.MapGateway();
app.MapControl();
app.PrintStartupBanner();

app.Run();
