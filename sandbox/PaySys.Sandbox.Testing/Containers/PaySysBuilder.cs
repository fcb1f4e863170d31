using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace PaySys.Sandbox.Testing.Containers;

/// <summary>
/// The sandbox's image as a Testcontainers module, shaped like the official ones (<c>new RedisBuilder().Build()</c>):
/// port 8080 published on a random host port, ready when <c>/_sandbox/health</c> answers 200, and the settings a test
/// usually wants as methods. Anything else goes through <c>WithEnvironment("PAYSYS_…", …)</c>.
/// </summary>
public sealed class PaySysBuilder : ContainerBuilder<PaySysBuilder, PaySysContainer, PaySysConfiguration>
{
    /// <summary>The image the release workflow publishes (.github/workflows/release.yml).</summary>
    public const string DefaultImage = "ghcr.io/paysys-sandbox/paysys-sandbox:latest";

    public const ushort SandboxPort = 8080;

    public PaySysBuilder(string image = DefaultImage)
        : this(new PaySysConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private PaySysBuilder(PaySysConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    protected override PaySysConfiguration DockerResourceConfiguration { get; }

    /// <summary>Every OTP the sandbox sends is this code (PAYSYS_FIXED_OTP).</summary>
    public PaySysBuilder WithFixedOtp(string code) => WithEnvironment("PAYSYS_FIXED_OTP", code);

    /// <summary>Any service_id is a tenant of its own, signed with this secret (PAYSYS_OPEN_TENANTS).</summary>
    public PaySysBuilder WithOpenTenants(string secret = "sandbox-secret") =>
        WithEnvironment("PAYSYS_OPEN_TENANTS", "true").WithEnvironment("PAYSYS_OPEN_TENANTS_SECRET", secret);

    /// <summary>
    /// Runs the container in the host's network namespace (<c>docker run --network host</c>) on a free loopback port,
    /// for daemons without a bridge network, as on this project's CI machines. WithNetwork("host") would only attach
    /// an endpoint and leave the container in a namespace of its own.
    /// </summary>
    public PaySysBuilder WithHostNetwork()
    {
        var port = FreeLoopbackPort();
        return Merge(DockerResourceConfiguration, new PaySysConfiguration(hostNetworkPort: port))
            .WithCreateParameterModifier(create =>
            {
                create.HostConfig ??= new HostConfig();
                create.HostConfig.NetworkMode = "host";
            })
            .WithEnvironment("PAYSYS_URLS", $"http://127.0.0.1:{port}");
    }

    /// <summary>The port and the readiness check depend on the network, so they are added here, once it is known.</summary>
    public override PaySysContainer Build()
    {
        var builder = DockerResourceConfiguration.HostNetworkPort is { } port
            ? WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new HealthRouteAnswers(new Uri($"http://127.0.0.1:{port}/"))))
            : WithPortBinding(SandboxPort, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request
                    .ForPath("/_sandbox/health")
                    .ForPort(SandboxPort)));
        builder.Validate();
        return new PaySysContainer(builder.DockerResourceConfiguration);
    }

    protected override PaySysBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new PaySysConfiguration(resourceConfiguration));

    protected override PaySysBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new PaySysConfiguration(resourceConfiguration));

    protected override PaySysBuilder Merge(PaySysConfiguration oldValue, PaySysConfiguration newValue) =>
        new(new PaySysConfiguration(oldValue, newValue));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ready when GET /_sandbox/health answers 200 on the host's loopback (no mapped port to ask Docker for).</summary>
    private sealed class HealthRouteAnswers(Uri baseAddress) : IWaitUntil
    {
        public async Task<bool> UntilAsync(DotNet.Testcontainers.Containers.IContainer container)
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                using var health = await http.GetAsync(new Uri("_sandbox/health", UriKind.Relative));
                return health.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
