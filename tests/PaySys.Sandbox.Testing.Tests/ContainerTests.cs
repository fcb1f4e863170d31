using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using PaySys.Client;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Testing.Containers;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>
/// The Testcontainers recipe: the sandbox's image (PAYSYS_IMAGE, default paysys-sandbox:test, as docker/test-image.sh
/// builds it) started by Testcontainers for .NET, waited on through its health route, and one payment through the
/// reference client. The container uses the host's network on a free port: the daemon of docker/test-image.sh has
/// no bridge network.
/// </summary>
[Trait("Category", "Docker")]
public sealed class ContainerTests
{
    public const string ImageVariable = "PAYSYS_IMAGE";
    public const string DefaultImage = "paysys-sandbox:test";

    private static string Image =>
        Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;

    [DockerFact]
    public async Task The_image_answers_its_health_route_and_takes_a_payment()
    {
        DockerFactAttribute.DaemonConfigured.Should().BeTrue(
            $"{DockerFactAttribute.RequireDockerVariable}=1 needs a Docker daemon (DOCKER_HOST or {DockerFactAttribute.DefaultSocket})");
        var url = $"http://127.0.0.1:{FreePort()}";

        await using var container = new ContainerBuilder(Image)
            // The host's network namespace (docker run --network host): WithNetwork("host") would only attach an
            // endpoint and leave the container in a namespace of its own.
            .WithCreateParameterModifier(create =>
            {
                create.HostConfig ??= new();
                create.HostConfig.NetworkMode = "host";
            })
            .WithEnvironment("PAYSYS_URLS", url)
            .WithEnvironment("PAYSYS_FIXED_OTP", "666666")
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new HealthRouteAnswers(url), wait => wait.WithTimeout(TimeSpan.FromSeconds(60))))
            .Build();
        await StartOrShowLogAsync(container, url);

        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
        var paysys = new PaySysClient(http, new PaySysClientOptions { ServiceId = "1", SecretKey = "sandbox-secret" });
        var control = new SandboxControlClient(http);
        await PaysOnceAsync(paysys, control);
        container.State.Should().Be(TestcontainersStates.Running);
    }

    [DockerFact]
    public async Task The_module_starts_the_image_and_hands_out_clients_signed_for_it()
    {
        DockerFactAttribute.DaemonConfigured.Should().BeTrue(
            $"{DockerFactAttribute.RequireDockerVariable}=1 needs a Docker daemon (DOCKER_HOST or {DockerFactAttribute.DefaultSocket})");

        await using var container = new PaySysBuilder(Image).WithHostNetwork().WithFixedOtp("666666").Build();
        await StartOrShowLogAsync(container, "the module's base address");

        container.BaseAddress.Host.Should().Be("127.0.0.1");
        await PaysOnceAsync(container.CreateClient(), container.CreateControlClient());
        container.State.Should().Be(TestcontainersStates.Running);
    }

    private static async Task StartOrShowLogAsync(IContainer container, string where)
    {
        try
        {
            await container.StartAsync();
        }
        catch (TimeoutException e)
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            throw new InvalidOperationException($"{Image} did not answer {where}/_sandbox/health; its log:\n{stdout}{stderr}", e);
        }
    }

    private static async Task PaysOnceAsync(PaySysClient paysys, SandboxControlClient control)
    {
        var prepared = await paysys.PreparePaymentAsync(Cards.Uzcard(amount: 100_000, product: "testcontainers"));
        var code = await control.LatestCodeAsync(prepared.BankTransactionId);
        var paid = await paysys.ConfirmPaymentAsync(prepared.BankTransactionId, code);
        var check = await paysys.CheckPaymentAsync(prepared.BankTransactionId);

        code.Should().Be("666666");
        paid.Details.Amount.Should().Be(100_000);
        check.Status.Should().Be(PaymentStatuses.Completed);
        (await control.GetCardAsync(Cards.UzcardPan)).Balance.Should().Be(1_000_000_000 - 100_000);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ready when GET {url}/_sandbox/health answers 200 (Testcontainers polls it).</summary>
    private sealed class HealthRouteAnswers(string url) : IWaitUntil
    {
        public async Task<bool> UntilAsync(IContainer container)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                using var health = await http.GetAsync(new Uri(url + "/_sandbox/health"));
                return health.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
