using PaySys.Sandbox.Control;
using PaySys.Sandbox.Pages;
using PaySys.Sandbox.WebConsole;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// The sandbox's application as the binary runs it: its services, its middleware and every route. The binary
/// (<c>Program.cs</c>) and the in-process fixture (<c>PaySys.Sandbox.Testing</c>) both build it here, so a test's
/// sandbox is the real one.
/// </summary>
public static class SandboxApplication
{
    /// <summary>
    /// Builds the sandbox from <paramref name="options"/> (its <c>Args</c> as the binary's command line).
    /// <paramref name="configure"/> runs after the sandbox's own setup and before the build, so what it adds
    /// (configuration, services, a server) wins.
    /// </summary>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(options);
        builder.AddSandbox(options.Args ?? []);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (app.Services.GetRequiredService<SandboxOptions>().LogRequests)
        {
            // Outside the guard, so a request the guard answers 500 is logged with that status.
            app.UseRequestLog();
        }

        app.UseTransportGuard();
        app.MapGateway();
        app.MapControl();
        app.MapPages();
        app.MapConsole();
        return app;
    }
}
