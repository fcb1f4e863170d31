using System.Collections;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests;

public sealed class HostingTests
{
    [Fact]
    public void Paysys_environment_variables_map_onto_the_sandbox_section()
    {
        var environment = new Hashtable
        {
            ["PAYSYS_FIXED_OTP"] = "666666",
            ["PAYSYS_MERCHANTS__0__SECRET_KEY"] = "s3cret",
            ["PAYSYS_MERCHANTS__0__VENDORS__1__VENDOR_ID"] = "5",
            ["PATH"] = "/usr/bin",
        };

        var configuration = PaySysEnvironmentVariables.ToConfiguration(environment).ToDictionary(p => p.Key, p => p.Value);

        configuration.Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            ["Sandbox:FIXEDOTP"] = "666666",
            ["Sandbox:MERCHANTS:0:SECRETKEY"] = "s3cret",
            ["Sandbox:MERCHANTS:0:VENDORS:1:VENDORID"] = "5",
        });
    }

    [Theory]
    [InlineData(new string[0], null, null, "http://0.0.0.0:8080")]
    [InlineData(new string[0], null, "http://+:9000", "http://+:9000")]
    [InlineData(new string[0], "http://127.0.0.1:7000", "http://+:9000", "http://127.0.0.1:7000")]
    [InlineData(new[] { "--port", "5001" }, "http://127.0.0.1:7000", "http://+:9000", "http://0.0.0.0:5001")]
    [InlineData(new[] { "--port=5002" }, null, null, "http://0.0.0.0:5002")]
    [InlineData(new[] { "--urls", "http://localhost:6000" }, "http://127.0.0.1:7000", null, "http://localhost:6000")]
    [InlineData(new[] { "--port", "not-a-port" }, null, null, "http://0.0.0.0:8080")]
    public void Listen_address_prefers_command_line_then_paysys_urls_then_aspnetcore_urls(
        string[] args, string? paysysUrls, string? aspNetCoreUrls, string expected) =>
        ListenAddress.Resolve(args, paysysUrls, aspNetCoreUrls).Should().Be(expected);

    [Fact]
    public void Startup_banner_names_the_default_merchant_otp_mode_and_contracts_but_never_the_admin_token()
    {
        var banner = StartupBanner.Describe(
            new SandboxOptions { FixedOtp = "666666", AdminToken = "top-secret-token" }, ["http://0.0.0.0:8080"], 8);

        banner.Should().Contain("POST http://0.0.0.0:8080/gateway")
            .And.Contain("service_id 1, secret_key sandbox-secret")
            .And.Contain("100381").And.Contain("104466").And.Contain("101596")
            .And.Contain("fixed code 666666")
            .And.Contain("8 methods, 26 error codes")
            .And.NotContain("top-secret-token");
    }

    [Fact]
    public async Task An_unexpected_failure_is_answered_as_internal_error_with_an_mx_id_and_no_stack_trace()
    {
        var clock = new FailingClock(SandboxFactory.Start);
        using var sandbox = new SandboxFactory(realClock: clock);
        var gateway = new GatewayClient(sandbox.CreateClient(), clock, "1", "sandbox-secret");
        var auth = gateway.SignNow();
        clock.FailNextVirtualRead = true;

        var (status, body) = await gateway.PostRaw(
            """{"id":"x","method":"pam.check_payment","params":{"bank_transaction_id":1}}""",
            new Dictionary<string, string> { ["Auth"] = auth });

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!;
        response["error"]!["code"]!.GetValue<int>().Should().Be(-32400);
        response["mx_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
        body.Should().NotContain("InvalidOperationException").And.NotContain(" at ").And.NotContain("8600490744313347");
    }

    /// <summary>A real clock that throws once on demand after Auth has been checked, to simulate a bug deep in a call.</summary>
    private sealed class FailingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int reads;

        public bool FailNextVirtualRead { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            // The first read after arming is Auth's window check; the second is the tenant's virtual clock.
            if (FailNextVirtualRead && ++reads == 2)
            {
                FailNextVirtualRead = false;
                throw new InvalidOperationException("simulated failure for card 8600490744313347");
            }

            return base.GetUtcNow();
        }
    }
}
