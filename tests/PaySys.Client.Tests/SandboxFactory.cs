using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PaySys.Client.Sandbox;

namespace PaySys.Client.Tests;

/// <summary>
/// The sandbox hosted in-process, with a <see cref="FakeTimeProvider"/> as its real clock and the fixed OTP
/// 666666. Tests reach it only through <see cref="PaySysClient"/> and <see cref="SandboxControlClient"/>;
/// each test owns its factory.
/// </summary>
public sealed class SandboxFactory : WebApplicationFactory<Program>
{
    public const string FixedOtp = "666666";
    public const string ServiceId = "1";
    public const string SecretKey = "sandbox-secret";

    /// <summary>Where the fake real clock starts: well inside the magic cards' validity.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> settings;

    public SandboxFactory(IDictionary<string, string?>? settings = null)
    {
        this.settings = new Dictionary<string, string?> { ["Sandbox:FixedOtp"] = FixedOtp };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public FakeTimeProvider RealClock { get; } = new(Start);

    /// <summary>The client signs with the sandbox's fake real clock, so the Auth window holds however time moves.</summary>
    public PaySysClient CreatePaySysClient(PaySysTimestampUnit unit = PaySysTimestampUnit.Milliseconds) =>
        new(CreateClient(), new PaySysClientOptions
        {
            ServiceId = ServiceId,
            SecretKey = SecretKey,
            TimestampUnit = unit,
            TimeProvider = RealClock,
        });

    public SandboxControlClient CreateControl(string? adminToken = null) => new(CreateClient(), ServiceId, adminToken);

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
