using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaySys.Sandbox.Auth;
using PaySys.Sandbox.Callbacks;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Rpc;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Hosting;

public static class SandboxServiceExtensions
{
    /// <summary>
    /// Warnings and above, and no per-request hosting log: with that category enabled at any level ASP.NET Core
    /// starts an Activity for every request, a few percent of the gateway's throughput (bench/). The lowest
    /// configuration source; public for hosts that replace every other source (PaySys.Sandbox.Testing).
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string?>> QuietLogging =
    [
        new(PaySysEnvironmentVariables.DefaultLogLevelKey, "Warning"),
        new(PaySysEnvironmentVariables.RequestLogLevelKey, "None"),
    ];

    /// <summary>Configuration, JSON, Kestrel limits and the sandbox's services.</summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder, string[] args)
    {
        // Quiet wherever it runs from: the dotnet tool and a binary started outside its folder have no
        // appsettings.json in their content root (the working directory). The lowest source, so appsettings.json,
        // Logging__* variables and the command line still win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogging });

        builder.Configuration.AddInMemoryCollection(
            PaySysEnvironmentVariables.ToConfiguration(Environment.GetEnvironmentVariables()));

        // The command line wins over PAYSYS_* variables (CreateSlimBuilder reads it before them).
        builder.Configuration.AddCommandLine(args);

        var options = new SandboxOptions();
        builder.Configuration.GetSection(SandboxOptions.Section).Bind(options);

        builder.WebHost.UseUrls(ListenAddress.Resolve(args, options.Urls, builder.Configuration["urls"]));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // One byte over the sandbox's own limit, so the gateway sees the overflow and answers 413 itself.
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1L;
            kestrel.AddServerHeader = false;
        });

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SandboxJsonContext.Default);
            json.SerializerOptions.Encoder = SandboxJsonContext.Relaxed.Options.Encoder;
        });
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);

        builder.Services.AddMaskedLogging();
        builder.Services.AddRequestLogLevel();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SandboxIds>();
        builder.Services.AddSingleton(services =>
        {
            var tenants = new TenantRegistry(
                services.GetRequiredService<SandboxOptions>().ToTenantRules(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<SandboxIds>());
            // An expired or evicted tenant's pay-page and receipt links go with it.
            tenants.Retired += services.GetRequiredService<HostedPages>().Forget;
            return tenants;
        });
        builder.Services.AddSingleton(services => services.GetRequiredService<TenantRegistry>().Rules.Settings.Callbacks!.Doorbell);
        builder.Services.AddSingleton(services => new CallbackSender(
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<SandboxOptions>().Callbacks.Timeout));
        builder.Services.AddSingleton<CallbackDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CallbackDispatcher>());
        builder.Services.AddSingleton<HostedPages>();
        // Always registered (a host may set PAYSYS_STATE_DIR after this point); idle when it is unset.
        builder.Services.AddSingleton<StateDirectory>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StateDirectory>());

        builder.Services.AddSingleton(services =>
        {
            var tenants = services.GetRequiredService<TenantRegistry>();
            var auth = new AuthVerifier(tenants, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<SandboxOptions>());
            tenants.Retired += auth.Forget;
            return auth;
        });
        builder.Services.AddSingleton<RpcDispatcher>();
        builder.Services.AddSingleton<DiscoverAllowance>();
        builder.Services.AddSingleton<Gateway>();
        return builder;
    }
}
