using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;
using PaySys.Sandbox.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// An in-process sandbox (<see cref="PaySysSandbox"/>) whose real clock is a <see cref="FakeTimeProvider"/>: tests
/// move time, never wait. Each test owns its factory, so no test sees another's state; the sandbox starts on first
/// use. Every log line it writes is kept in <see cref="Logs"/>. It runs in memory; with <c>kestrel: true</c> it
/// listens on a real loopback socket (127.0.0.1, a free port) instead, for requests the in-memory server cannot
/// carry (malformed HTTP, oversized headers, 10 MB bodies).
/// </summary>
public sealed class SandboxFactory : IDisposable, IAsyncDisposable
{
    /// <summary>Where the fake real clock starts: well inside the magic cards' validity.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly Lazy<PaySysSandbox> sandbox;
    private int disposed;

    public SandboxFactory(IDictionary<string, string?>? settings = null, FakeTimeProvider? realClock = null, bool kestrel = false)
    {
        RealClock = realClock ?? new FakeTimeProvider(Start);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        sandbox = new Lazy<PaySysSandbox>(
            () => PaySysSandbox.StartAsync(options =>
            {
                options.Transport = kestrel ? SandboxTransport.Loopback : SandboxTransport.InMemory;
                options.TimeProvider = RealClock;
                options.LoggerProviders.Add(Logs);
                foreach (var (key, value) in all)
                {
                    options.Settings[key] = value;
                }
            }).GetAwaiter().GetResult(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        if (kestrel)
        {
            _ = sandbox.Value;
        }
    }

    public FakeTimeProvider RealClock { get; }

    /// <summary>Every log line the sandbox wrote, at the levels its Logging configuration lets through.</summary>
    public SandboxLogCapture Logs { get; } = new();

    /// <summary>http://127.0.0.1:{port}/ on Kestrel, http://localhost/ in memory.</summary>
    public Uri BaseAddress => sandbox.Value.BaseAddress;

    /// <summary>The running server's services, for white-box tests.</summary>
    public IServiceProvider Services => sandbox.Value.Services;

    /// <summary>The in-memory server itself, for requests HttpClient cannot make (no Content-Length at all).</summary>
    public TestServer Server => Services.GetRequiredService<IServer>() as TestServer
        ?? throw new InvalidOperationException("This sandbox listens on Kestrel; only an in-memory sandbox has a TestServer.");

    /// <summary>A sandbox with the fixed OTP 666666 on top of <paramref name="settings"/> (keys under "Sandbox:").</summary>
    public static SandboxFactory WithFixedOtp(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Sandbox:FixedOtp"] = Cards.FixedOtp };
        return new SandboxFactory(all);
    }

    /// <summary>A plain HttpClient on the sandbox.</summary>
    public HttpClient CreateClient() => sandbox.Value.CreateHttpClient();

    public GatewayClient CreateGateway(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(CreateClient(), RealClock, serviceId, secretKey);

    /// <summary>http://127.0.0.1:{port}/ of a started Kestrel server.</summary>
    public static Uri ListeningAddress(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Every sandbox of the suite is checked as it is disposed: no log line it wrote and no journal entry it kept
    /// holds a full card number or a card token (<see cref="CardMasking.MaskSecrets(string)"/> would change it).
    /// A leak fails the test that made it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0 || !sandbox.IsValueCreated)
        {
            return;
        }

        var leaks = Leaks(sandbox.Value);
        await sandbox.Value.DisposeAsync();
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"card data left unmasked in {leaks.Count} place(s), first (shown masked here): {leaks[0]}");
        }
    }

    private List<string> Leaks(PaySysSandbox running)
    {
        static bool Unmasked(string text) => !string.Equals(CardMasking.MaskSecrets(text), text, StringComparison.Ordinal);

        var leaks = Logs.Lines.Where(line => Unmasked(line.ToString())).Select(line => $"log line: {CardMasking.MaskSecrets(line.ToString())}").ToList();
        foreach (var tenant in running.Services.GetRequiredService<TenantRegistry>().All)
        {
            leaks.AddRange(tenant.Journal.Snapshot()
                .SelectMany(entry => new[] { entry.Method, Encoding.UTF8.GetString(entry.Request), Encoding.UTF8.GetString(entry.Response) })
                .Where(Unmasked)
                .Select(text => $"journal of {tenant.ServiceId}: {CardMasking.MaskSecrets(text)}"));
        }

        return leaks;
    }
}
