using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Testing;

/// <summary>
/// The real server (<see cref="Program"/>, as the binary runs it) on Kestrel at 127.0.0.1 and a port the OS picks,
/// configured by the given <c>Sandbox:*</c> keys alone.
/// </summary>
internal sealed class SandboxHost : WebApplicationFactory<Program>
{
    /// <summary>127.0.0.1 only, on a port the OS picks.</summary>
    public const string LoopbackAnyPort = "http://127.0.0.1:0";

    private readonly IReadOnlyDictionary<string, string?> settings;

    public SandboxHost(IReadOnlyDictionary<string, string?> settings)
    {
        this.settings = settings;
        Options = Bind(settings);
        UseKestrel();
    }

    /// <summary>The options the sandbox runs with: its defaults and the settings, nothing else.</summary>
    public SandboxOptions Options { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        // The host's settings reach the server as command-line arguments, and --urls there wins over PAYSYS_URLS.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, LoopbackAnyPort);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            // The server layers the process's PAYSYS_* variables over its configuration; a test's sandbox must not
            // change with the environment of the test run, so its options are the settings bound on their own.
            services.RemoveAll<SandboxOptions>();
            services.AddSingleton(Options);
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = Options.MaxBodyBytes + 1L);
        });
    }

    private static SandboxOptions Bind(IReadOnlyDictionary<string, string?> settings)
    {
        var options = new SandboxOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SandboxOptions.Section).Bind(options);
        return options;
    }
}
