using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The binary's command line, parsed as the binary parses it (the host and the health check replaced by recorders):
/// what starts the server with which settings, what runs the health check, and what is refused before anything starts.
/// </summary>
public sealed class ServerCommandLineTests
{
    private sealed class Recorder
    {
        public string[]? HostArgs { get; private set; }

        public string? HealthCheckUrl { get; private set; }

        public bool HealthChecked { get; private set; }

        public Task<int> Run(string[] hostArgs, CancellationToken cancellation)
        {
            HostArgs = hostArgs;
            return Task.FromResult(0);
        }

        public Task<int> Check(string? url)
        {
            (HealthChecked, HealthCheckUrl) = (true, url);
            return Task.FromResult(0);
        }
    }

    private static async Task<(int Exit, Recorder Recorder, string Output, string Errors)> InvokeAsync(params string[] args)
    {
        var recorder = new Recorder();
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ServerCommandLine.InvokeAsync(args, recorder.Run, recorder.Check, output, errors);
        return (exit, recorder, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task No_arguments_start_the_server_with_nothing_overridden()
    {
        var (exit, recorder, _, _) = await InvokeAsync();

        exit.Should().Be(0);
        recorder.HostArgs.Should().BeEmpty();
        recorder.HealthChecked.Should().BeFalse();
    }

    [Fact]
    public async Task Options_become_configuration_arguments_for_the_host()
    {
        var (_, recorder, _, _) = await InvokeAsync(
            "--port", "41206", "--fixed-otp", "666666", "--open-tenants", "--admin-token", "t0ken", "--log-level", "Information");

        recorder.HostArgs.Should().BeEquivalentTo(
            "--urls=http://0.0.0.0:41206",
            "--Sandbox:FixedOtp=666666",
            "--Sandbox:AdminToken=t0ken",
            "--Sandbox:OpenTenants=true",
            "--Logging:LogLevel:Default=Information",
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
    }

    [Fact]
    public async Task Urls_win_over_port_and_are_what_the_listen_address_resolves_to()
    {
        var (_, recorder, _, _) = await InvokeAsync("--port", "5000", "--urls", "http://127.0.0.1:6000");

        recorder.HostArgs.Should().Equal("--urls=http://127.0.0.1:6000");
        ListenAddress.Resolve(recorder.HostArgs!, "http://0.0.0.0:7000", null).Should().Be("http://127.0.0.1:6000");
    }

    [Theory]
    [InlineData(new[] { "--prot", "41206" }, "--prot")]
    [InlineData(new[] { "--port", "not-a-port" }, "not-a-port")]
    [InlineData(new[] { "--port", "70000" }, "between 1 and 65535")]
    [InlineData(new[] { "--log-level", "loud" }, "loud")]
    [InlineData(new[] { "serve" }, "serve")]
    public async Task A_mistyped_or_unknown_option_is_refused_before_anything_starts(string[] args, string named)
    {
        var (exit, recorder, _, errors) = await InvokeAsync(args);

        exit.Should().NotBe(0);
        recorder.HostArgs.Should().BeNull("nothing may start on the default port after a typo");
        errors.Should().Contain(named);
    }

    [Fact]
    public async Task A_near_miss_gets_a_suggestion()
    {
        var (_, _, output, errors) = await InvokeAsync("--prot", "41206");

        (output + errors).Should().Contain("--port");
    }

    [Fact]
    public async Task Help_lists_every_option_with_its_environment_variable_and_the_subcommands_without_starting()
    {
        var (exit, recorder, output, _) = await InvokeAsync("--help");

        exit.Should().Be(0);
        recorder.HostArgs.Should().BeNull();
        output.Should().Contain("--port").And.Contain("PAYSYS_URLS")
            .And.Contain("--fixed-otp").And.Contain("PAYSYS_FIXED_OTP")
            .And.Contain("--open-tenants").And.Contain("PAYSYS_OPEN_TENANTS")
            .And.Contain("--admin-token").And.Contain("PAYSYS_ADMIN_TOKEN")
            .And.Contain("--log-level").And.Contain("PAYSYS_LOG_LEVEL")
            .And.Contain("healthcheck");
    }

    [Fact]
    public async Task Version_prints_a_version_without_starting()
    {
        var (exit, recorder, output, _) = await InvokeAsync("--version");

        exit.Should().Be(0);
        recorder.HostArgs.Should().BeNull();
        output.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Theory]
    [InlineData(new[] { "healthcheck" }, null)]
    [InlineData(new[] { "healthcheck", "--url", "http://sandbox:8080" }, "http://sandbox:8080")]
    public async Task Healthcheck_runs_the_check_and_not_the_server(string[] args, string? url)
    {
        var (exit, recorder, _, _) = await InvokeAsync(args);

        exit.Should().Be(0);
        recorder.HealthChecked.Should().BeTrue();
        recorder.HealthCheckUrl.Should().Be(url);
        recorder.HostArgs.Should().BeNull();
    }

    [Fact]
    public async Task The_urls_value_healthcheck_is_a_value_not_the_subcommand()
    {
        var (_, recorder, _, _) = await InvokeAsync("--urls", "healthcheck");

        recorder.HealthChecked.Should().BeFalse();
        recorder.HostArgs.Should().Equal("--urls=healthcheck");
    }
}
