using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// An in-process sandbox whose real clock is a <see cref="FakeTimeProvider"/>: tests move time, never wait.
/// Each test owns its factory, so no test sees another's state. Every log line it writes is kept in <see cref="Logs"/>.
/// With <c>kestrel: true</c> it listens on a real loopback socket (127.0.0.1, a free port) instead of the in-process
/// test server, for requests the test server cannot carry (malformed HTTP, oversized headers, 10 MB bodies).
/// </summary>
public sealed class SandboxFactory : WebApplicationFactory<Program>
{
    /// <summary>Where the fake real clock starts: well inside the magic cards' validity.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> settings;
    private readonly bool kestrel;
    private bool built;
    private bool leaksChecked;

    public SandboxFactory(IDictionary<string, string?>? settings = null, FakeTimeProvider? realClock = null, bool kestrel = false)
    {
        this.settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        RealClock = realClock ?? new FakeTimeProvider(Start);
        this.kestrel = kestrel;
        if (kestrel)
        {
            // The port goes in through the urls setting (ConfigureWebHost), not UseKestrel(0): the app starts its
            // own host right after building it, and the factory's later rewrite of the addresses raced that start.
            UseKestrel();
            StartServer();
            ClientOptions.BaseAddress = ListeningAddress(Services);
        }
    }

    public FakeTimeProvider RealClock { get; }

    /// <summary>Every log line the sandbox wrote, at the levels its Logging configuration lets through.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>A sandbox with the fixed OTP 666666 on top of <paramref name="settings"/> (keys under "Sandbox:").</summary>
    public static SandboxFactory WithFixedOtp(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Sandbox:FixedOtp"] = Cards.FixedOtp };
        return new SandboxFactory(all);
    }

    public GatewayClient CreateGateway(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(CreateClient(), RealClock, serviceId, secretKey);

    /// <summary>http://127.0.0.1:{port}/ of a started Kestrel server.</summary>
    public static Uri ListeningAddress(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");

    /// <summary>
    /// Every sandbox of the suite is checked as it is disposed: no log line it wrote and no journal entry it kept
    /// holds a full card number or a card token (<see cref="CardMasking.MaskSecrets(string)"/> would change it).
    /// A leak fails the test that made it.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        var leaks = disposing ? LeaksOnce() : [];
        base.Dispose(disposing);
        ThrowIfAny(leaks);
    }

    public override async ValueTask DisposeAsync()
    {
        var leaks = LeaksOnce();
        await base.DisposeAsync();
        ThrowIfAny(leaks);
    }

    private static void ThrowIfAny(List<string> leaks)
    {
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"card data left unmasked in {leaks.Count} place(s), first (shown masked here): {leaks[0]}");
        }
    }

    /// <summary>The leaks, looked for once: disposing runs both Dispose paths, the second after the services are gone.</summary>
    private List<string> LeaksOnce()
    {
        if (!built || leaksChecked)
        {
            return [];
        }

        leaksChecked = true;
        static bool Unmasked(string text) => !string.Equals(CardMasking.MaskSecrets(text), text, StringComparison.Ordinal);

        var leaks = Logs.Lines.Where(line => Unmasked(line.ToString())).Select(line => $"log line: {CardMasking.MaskSecrets(line.ToString())}").ToList();
        foreach (var tenant in Services.GetRequiredService<TenantRegistry>().All)
        {
            leaks.AddRange(tenant.Journal.Snapshot()
                .SelectMany(entry => new[] { entry.Method, Encoding.UTF8.GetString(entry.Request), Encoding.UTF8.GetString(entry.Response) })
                .Where(Unmasked)
                .Select(text => $"journal of {tenant.ServiceId}: {CardMasking.MaskSecrets(text)}"));
        }

        return leaks;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        built = true;
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(RealClock);
            services.AddSingleton<ILoggerProvider>(Logs);
        });
    }
}
