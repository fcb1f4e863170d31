using DotNet.Testcontainers.Containers;
using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Containers;

/// <summary>A running sandbox image: where it answers, and the reference client and control client signed for it.</summary>
public sealed class PaySysContainer(PaySysConfiguration configuration) : DockerContainer(configuration)
{
    /// <summary>The sandbox's base address as the test process reaches it (ends in a slash).</summary>
    public Uri BaseAddress => configuration.HostNetworkPort is { } port
        ? new Uri($"http://127.0.0.1:{port}/")
        : new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(PaySysBuilder.SandboxPort)).Uri;

    /// <summary>A client of the gateway for a merchant (the default merchant's credentials when none are given).</summary>
    public PaySysClient CreateClient(string serviceId = "1", string secretKey = "sandbox-secret") =>
        new(new HttpClient { BaseAddress = BaseAddress }, new PaySysClientOptions { ServiceId = serviceId, SecretKey = secretKey });

    /// <summary>The control API (/_sandbox) of a tenant: clock, SMS codes, faults, reset.</summary>
    public SandboxControlClient CreateControlClient(string? serviceId = null, string? adminToken = null) =>
        new(new HttpClient { BaseAddress = BaseAddress }, serviceId, adminToken);
}
