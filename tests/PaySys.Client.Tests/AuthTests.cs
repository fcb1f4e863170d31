using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace PaySys.Client.Tests;

/// <summary>Auth: {service_id}-{sha1_hex(secret_key + timestamp)}-{timestamp}, on every call, from the configured clock.</summary>
public sealed class AuthTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_hash_matches_a_known_sha1_vector()
    {
        // printf 'sandbox-secret1772359200000' | sha1sum
        PaySysAuth.Hash("sandbox-secret", "1772359200000").Should().Be("ecd2f93a32fb28568b847b23b1dceacd5c43a995");
        PaySysAuth.Sign("1", "sandbox-secret", "1772359200000").Should().Be("1-ecd2f93a32fb28568b847b23b1dceacd5c43a995-1772359200000");
    }

    [Fact]
    public async Task Every_call_is_signed_in_milliseconds_by_default()
    {
        var stub = StubHandler.WithResult("""{"status":2}""");
        var client = stub.CreateClient(Options(PaySysTimestampUnit.Milliseconds));

        await client.ConfirmHoldAsync(1, HoldDecision.Accept);

        stub.Requests.Should().ContainSingle().Which.Headers["Auth"].Should().Be(Expected("1772359200000"));
        stub.Requests[0].Headers["Auth"].Should().Be("1-ecd2f93a32fb28568b847b23b1dceacd5c43a995-1772359200000");
    }

    [Fact]
    public async Task Seconds_are_an_option()
    {
        var stub = StubHandler.WithResult("""{"status":2}""");
        var client = stub.CreateClient(Options(PaySysTimestampUnit.Seconds));

        await client.ConfirmHoldAsync(1, HoldDecision.Accept);

        stub.Requests.Should().ContainSingle().Which.Headers["Auth"].Should().Be(Expected("1772359200"))
            .And.Be("1-2377facc731796b42af36d78cf305d3a2f5c6efb-1772359200");
    }

    [Fact]
    public async Task Each_call_signs_the_clock_time_it_is_sent_at()
    {
        var clock = new FakeTimeProvider(Now);
        var stub = StubHandler.WithResult("""{"status":2}""");
        var client = stub.CreateClient(Options(PaySysTimestampUnit.Milliseconds, clock));

        await client.ConfirmHoldAsync(1, HoldDecision.Accept);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        await client.ConfirmHoldAsync(1, HoldDecision.Accept);

        stub.Requests.Select(r => r.Headers["Auth"]).Should().Equal(Expected("1772359200000"), Expected("1772359201500"));
    }

    private static PaySysClientOptions Options(PaySysTimestampUnit unit, TimeProvider? clock = null) => new()
    {
        ServiceId = "1",
        SecretKey = "sandbox-secret",
        TimestampUnit = unit,
        TimeProvider = clock ?? new FakeTimeProvider(Now),
    };

    /// <summary>The header computed here, independently of the client.</summary>
    private static string Expected(string timestamp)
    {
#pragma warning disable CA5350 // the Auth header is defined with SHA-1
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("sandbox-secret" + timestamp));
#pragma warning restore CA5350
        return string.Create(CultureInfo.InvariantCulture, $"1-{Convert.ToHexStringLower(hash)}-{timestamp}");
    }
}
