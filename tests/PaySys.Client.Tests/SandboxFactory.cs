using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Testing;

namespace PaySys.Client.Tests;

/// <summary>
/// The sandbox hosted in-process and in memory (<see cref="PaySysSandbox"/>), with a <see cref="FakeTimeProvider"/>
/// as its real clock and the fixed OTP 666666. Tests reach it only through <see cref="PaySysClient"/> and
/// <see cref="SandboxControlClient"/>; each test owns its factory, and the sandbox starts on first use.
/// </summary>
public sealed class SandboxFactory : IDisposable
{
    public const string FixedOtp = "666666";
    public const string ServiceId = "1";
    public const string SecretKey = "sandbox-secret";

    /// <summary>Where the fake real clock starts: well inside the magic cards' validity.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly Lazy<PaySysSandbox> sandbox;

    public SandboxFactory(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Sandbox:FixedOtp"] = FixedOtp };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        sandbox = new Lazy<PaySysSandbox>(
            () => PaySysSandbox.StartAsync(options =>
            {
                options.Transport = SandboxTransport.InMemory;
                options.TimeProvider = RealClock;
                foreach (var (key, value) in all)
                {
                    options.Settings[key] = value;
                }
            }).GetAwaiter().GetResult(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public FakeTimeProvider RealClock { get; } = new(Start);

    /// <summary>The in-memory server, for handlers that other HTTP stacks (IHttpClientFactory) are given.</summary>
    public TestServer Server => (TestServer)sandbox.Value.Services.GetRequiredService<IServer>();

    /// <summary>A plain HttpClient on the sandbox.</summary>
    public HttpClient CreateClient() => sandbox.Value.CreateHttpClient();

    /// <summary>The client signs with the sandbox's fake real clock, so the Auth window holds however time moves.</summary>
    public PaySysClient CreatePaySysClient(PaySysTimestampUnit unit = PaySysTimestampUnit.Milliseconds) =>
        sandbox.Value.CreateClient(ServiceId, SecretKey, unit);

    public SandboxControlClient CreateControl(string? adminToken = null) => new(CreateClient(), ServiceId, adminToken);

    public void Dispose()
    {
        if (sandbox.IsValueCreated)
        {
            sandbox.Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
