using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The container's HEALTHCHECK: `PaySys.Sandbox healthcheck [--url URL]`, checked against real Kestrel servers on
/// free loopback ports (an in-memory server is not reachable over a socket).
/// </summary>
public sealed class HealthCheckCommandTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(new[] { "healthcheck" }, null, null, "http://127.0.0.1:8080")]
    [InlineData(new[] { "healthcheck" }, "http://0.0.0.0:9090", null, "http://127.0.0.1:9090")]
    [InlineData(new[] { "healthcheck" }, "http://+:9091", "http://0.0.0.0:1111", "http://127.0.0.1:9091")]
    [InlineData(new[] { "healthcheck" }, "http://*:9092/", null, "http://127.0.0.1:9092")]
    [InlineData(new[] { "healthcheck" }, "http://[::]:9093", null, "http://127.0.0.1:9093")]
    [InlineData(new[] { "healthcheck" }, "http://localhost:9094", null, "http://127.0.0.1:9094")]
    [InlineData(new[] { "healthcheck" }, "http://127.0.0.2:9095", null, "http://127.0.0.2:9095")]
    [InlineData(new[] { "healthcheck" }, "https://0.0.0.0:9443;http://0.0.0.0:9096", null, "http://127.0.0.1:9096")]
    [InlineData(new[] { "healthcheck" }, null, "http://+:9097", "http://127.0.0.1:9097")]
    [InlineData(new[] { "healthcheck" }, "http://0.0.0.0", null, "http://127.0.0.1:80")]
    [InlineData(new[] { "healthcheck", "--url", "http://sandbox:8080/" }, "http://0.0.0.0:9090", null, "http://sandbox:8080")]
    [InlineData(new[] { "healthcheck", "--url=http://10.0.0.5:81" }, null, null, "http://10.0.0.5:81")]
    public void The_url_is_the_flag_or_the_listen_port_on_loopback(string[] args, string? paysysUrls, string? aspNetCoreUrls, string expected) =>
        HealthCheckCommand.ResolveBaseUrl(args, paysysUrls, aspNetCoreUrls).Should().Be(expected);

    [Theory]
    [InlineData("healthcheck", "--url")]
    [InlineData("healthcheck", "--url=not a url")]
    [InlineData("healthcheck", "--url=ftp://127.0.0.1:21")]
    [InlineData("healthcheck", "--url=https://127.0.0.1:8443")]
    public async Task A_bad_url_flag_prints_usage_and_fails(string command, string flag)
    {
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync([command, flag], null, null, output, ShortTimeout);

        exit.Should().Be(1);
        output.ToString().Should().StartWith("usage: PaySys.Sandbox healthcheck");
    }

    [Fact]
    public async Task The_real_sandbox_health_route_answers_200_and_the_check_exits_0()
    {
        await using var sandbox = await PaySysSandbox.StartAsync();
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(["healthcheck", "--url", sandbox.Url], null, null, output, HealthCheckCommand.Timeout);

        exit.Should().Be(0);
        output.ToString().Should().StartWith("healthy: HTTP 200 from http://127.0.0.1:").And.Contain("/_sandbox/health");
    }

    [Fact]
    public async Task The_default_url_follows_paysys_urls()
    {
        await using var app = await StartStub(context => context.Response.WriteAsync("""{"status":"ok"}"""));
        var port = new Uri(Address(app)).Port;

        var exit = await HealthCheckCommand.RunAsync(["healthcheck"], $"http://0.0.0.0:{port}", null, TextWriter.Null, HealthCheckCommand.Timeout);

        exit.Should().Be(0);
    }

    [Fact]
    public async Task A_status_other_than_200_exits_1()
    {
        await using var app = await StartStub(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(["healthcheck", "--url", Address(app)], null, null, output, HealthCheckCommand.Timeout);

        exit.Should().Be(1);
        output.ToString().Should().StartWith("unhealthy: HTTP 503");
    }

    [Fact]
    public async Task A_refused_connection_exits_1()
    {
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{ClosedPort()}"], null, null, output, HealthCheckCommand.Timeout);

        exit.Should().Be(1);
        output.ToString().Should().StartWith("unhealthy: http://127.0.0.1:");
    }

    [Fact]
    public async Task No_answer_within_the_timeout_exits_1()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartStub(context => release.Task.WaitAsync(context.RequestAborted));
        var output = new StringWriter();

        try
        {
            var exit = await HealthCheckCommand.RunAsync(["healthcheck", "--url", Address(app)], null, null, output, ShortTimeout);

            exit.Should().Be(1);
            output.ToString().Should().Contain("no answer within 0.3 s");
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task An_answer_that_is_not_http_exits_1()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[1024]); // the request, before answering, so nothing is reset
            await stream.WriteAsync("SSH-2.0-OpenSSH\r\n"u8.ToArray());
        });
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{port}"], null, null, output, HealthCheckCommand.Timeout);
        await server;

        exit.Should().Be(1);
        output.ToString().Should().Contain("the answer is not HTTP");
    }

    private static async Task<WebApplication> StartStub(RequestDelegate health)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet(HealthCheckCommand.HealthPath, health);
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) => SandboxFactory.ListeningAddress(app.Services).ToString();

    /// <summary>A loopback port nothing listens on: bound, read and released.</summary>
    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
