using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// An in-process sandbox whose real clock is a <see cref="FakeTimeProvider"/>: tests move time, never wait.
/// Each test owns its factory, so no test sees another's state.
/// </summary>
public sealed class SandboxFactory : WebApplicationFactory<Program>
{
    /// <summary>Where the fake real clock starts: well inside the magic cards' validity.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> settings;

    public SandboxFactory(IDictionary<string, string?>? settings = null, FakeTimeProvider? realClock = null)
    {
        this.settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        RealClock = realClock ?? new FakeTimeProvider(Start);
    }

    public FakeTimeProvider RealClock { get; }

    /// <summary>A sandbox with the fixed OTP 666666 on top of <paramref name="settings"/> (keys under "Sandbox:").</summary>
    public static SandboxFactory WithFixedOtp(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Sandbox:FixedOtp"] = Cards.FixedOtp };
        return new SandboxFactory(all);
    }

    public GatewayClient CreateGateway(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(CreateClient(), RealClock, serviceId, secretKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(RealClock);
        });
    }
}
