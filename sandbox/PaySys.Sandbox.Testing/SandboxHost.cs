using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Testing;

/// <summary>
/// The real server (<see cref="SandboxApplication"/>, as the binary builds it), configured by the fixture's
/// options alone: the process's appsettings, environment variables and command line never reach it.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    /// <summary>127.0.0.1 only, on a port the OS picks.</summary>
    public const string LoopbackAnyPort = "http://127.0.0.1:0";

    /// <summary>What an in-memory sandbox is called by its clients; any host name would do.</summary>
    private static readonly Uri InMemoryAddress = new("http://localhost/");

    private readonly WebApplication app;

    private SandboxHost(WebApplication app, SandboxOptions options, Uri baseAddress, TestServer? memory)
    {
        this.app = app;
        Options = options;
        BaseAddress = baseAddress;
        Memory = memory;
    }

    /// <summary>The options the sandbox runs with: its defaults and the settings, nothing else.</summary>
    public SandboxOptions Options { get; }

    /// <summary>Where the sandbox listens, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The in-memory server, or null on Kestrel.</summary>
    private TestServer? Memory { get; }

    public static async Task<SandboxHost> StartAsync(PaySysSandboxOptions fixture, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(fixture.ToConfiguration(), StringComparer.OrdinalIgnoreCase)
        {
            [WebHostDefaults.ServerUrlsKey] = LoopbackAnyPort,
        };
        var options = Bind(settings);
        var app = SandboxApplication.Build(
            new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory },
            builder => Isolate(builder, fixture, settings, options));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var memory = fixture.Transport == SandboxTransport.InMemory ? app.GetTestServer() : null;
            var baseAddress = memory is null ? ListeningAddress(app.Services) : InMemoryAddress;
            return new SandboxHost(app, options, baseAddress, memory);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A handler that reaches this sandbox: in memory, or a fresh socket handler for Kestrel.</summary>
    public HttpMessageHandler CreateHandler() => Memory?.CreateHandler() ?? new SocketsHttpHandler();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Isolate(WebApplicationBuilder builder, PaySysSandboxOptions fixture, Dictionary<string, string?> settings, SandboxOptions options)
    {
        // Only the sandbox's logging defaults and the fixture's settings: a test run's PAYSYS_* variables or an
        // appsettings.json next to the tests must not change the sandbox under test.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(SandboxServiceExtensions.QuietLogging);
        builder.Configuration.AddInMemoryCollection(settings);

        // The server bound its options before the sources were replaced; these are the settings bound on their own.
        builder.Services.RemoveAll<SandboxOptions>();
        builder.Services.AddSingleton(options);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1L);

        if (fixture.TimeProvider is { } clock)
        {
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton(clock);
        }

        foreach (var provider in fixture.LoggerProviders)
        {
            // Registered as an instance, so the sandbox never disposes it: its lines outlive the sandbox.
            builder.Services.AddSingleton(provider);
        }

        if (fixture.Transport == SandboxTransport.InMemory)
        {
            builder.WebHost.UseTestServer();
        }
    }

    private static Uri ListeningAddress(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The sandbox started without a listening address.");
        return new Uri(address.TrimEnd('/') + "/");
    }

    private static SandboxOptions Bind(IReadOnlyDictionary<string, string?> settings)
    {
        var options = new SandboxOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SandboxOptions.Section).Bind(options);
        return options;
    }
}
