using System.Net;
using System.Net.Sockets;
using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>Sandboxes of their own: lifetime, isolation and the options.</summary>
public sealed class PaySysSandboxTests
{
    [Fact]
    public async Task Two_sandboxes_side_by_side_get_their_own_ports_and_state()
    {
        var started = await Task.WhenAll(
            PaySysSandbox.StartAsync(o => o.FixedOtp = "111111"),
            PaySysSandbox.StartAsync(o => o.FixedOtp = "222222"));
        await using var first = started[0];
        await using var second = started[1];

        // Each sandbox numbers its transactions from the same start, so they are told apart by product and code.
        await first.CreateClient().PreparePaymentAsync(Cards.Uzcard(amount: 100_000, product: "in-first"));
        await first.Clock.AdvanceAsync(TimeSpan.FromHours(1));
        await second.CreateClient().PreparePaymentAsync(Cards.Uzcard(amount: 200_000, product: "in-second"));

        first.Port.Should().NotBe(second.Port);
        (await first.Control.GetTransactionsAsync()).Should().ContainSingle().Which.Product.Should().Be("in-first");
        (await second.Control.GetTransactionsAsync()).Should().ContainSingle().Which.Product.Should().Be("in-second");
        (await first.Sms.ListAsync()).Should().ContainSingle().Which.Code.Should().Be("111111");
        (await second.Sms.ListAsync()).Should().ContainSingle().Which.Code.Should().Be("222222");
        (await first.Clock.GetAsync()).OffsetSeconds.Should().Be(3600);
        (await second.Clock.GetAsync()).OffsetSeconds.Should().Be(0);
    }

    [Fact]
    public async Task DisposeAsync_closes_the_port()
    {
        var sandbox = await PaySysSandbox.StartAsync();
        var port = sandbox.Port;
        using (var before = new TcpClient())
        {
            await before.ConnectAsync(IPAddress.Loopback, port);
            before.Connected.Should().BeTrue();
        }

        await sandbox.DisposeAsync();
        await sandbox.DisposeAsync(); // a second dispose is harmless

        using var after = new TcpClient();
        var connect = () => after.ConnectAsync(IPAddress.Loopback, port);
        (await connect.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
        sandbox.Invoking(s => s.CreateClient()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Without_a_fixed_otp_the_random_code_is_read_from_the_outbox()
    {
        await using var sandbox = await PaySysSandbox.StartAsync();
        var paysys = sandbox.CreateClient();

        var prepared = await paysys.PreparePaymentAsync(Cards.Uzcard());
        var code = await sandbox.Sms.LatestCodeAsync(prepared.BankTransactionId);
        await paysys.ConfirmPaymentAsync(prepared.BankTransactionId, code);

        code.Should().MatchRegex("^[0-9]{6}$");
        (await paysys.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
    }

    [Fact]
    public async Task An_admin_token_guards_the_control_API_and_the_helpers_send_it()
    {
        await using var sandbox = await PaySysSandbox.StartAsync(o => o.AdminToken = "s3cret-token");
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };

        using var anonymous = await http.GetAsync(new Uri("_sandbox/sms", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("_sandbox/health", UriKind.Relative));
        var withoutToken = () => new SandboxControlClient(http).GetSmsAsync();

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await withoutToken.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        sandbox.AdminToken.Should().Be("s3cret-token");
        (await sandbox.Sms.ListAsync()).Should().BeEmpty();
        (await sandbox.CreateControlClient().GetCardsAsync()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Open_tenants_and_other_options_reach_the_sandbox()
    {
        await using var sandbox = await PaySysSandbox.StartAsync(o =>
        {
            o.OpenTenants = true;
            o.OtpTtlSeconds = 60;
            o.FixedOtp = "123456";
        });
        var job = sandbox.CreateClient("ci_job_7", "sandbox-secret");

        var prepared = await job.PreparePaymentAsync(Cards.Uzcard());

        prepared.TimeOut.Should().Be(60);
        (await sandbox.CreateControlClient("ci_job_7").LatestCodeAsync(prepared.BankTransactionId)).Should().Be("123456");
        (await sandbox.Sms.ListAsync()).Should().BeEmpty("the default merchant is another tenant");
    }

    [Fact]
    public async Task Settings_configure_what_has_no_typed_option_such_as_the_merchant()
    {
        await using var sandbox = await PaySysSandbox.StartAsync(o =>
        {
            o.Settings["Sandbox:Merchants:0:ServiceId"] = "42";
            o.Settings["Sandbox:Merchants:0:SecretKey"] = "merchant-42-secret";
            o.Settings["Sandbox:Merchants:0:Vendors:0:VendorId"] = "100381";
        });

        var prepared = await sandbox.CreateClient().PreparePaymentAsync(Cards.Uzcard());
        var wrongMerchant = () => sandbox.CreateClient("1", "sandbox-secret").PreparePaymentAsync(Cards.Uzcard());

        sandbox.ServiceId.Should().Be("42");
        sandbox.SecretKey.Should().Be("merchant-42-secret");
        prepared.BankTransactionId.Should().BePositive();
        (await wrongMerchant.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.InsufficientPrivileges);
    }

    [Fact]
    public void Options_map_to_the_Sandbox_configuration_keys()
    {
        var options = new PaySysSandboxOptions
        {
            FixedOtp = "666666",
            OpenTenants = true,
            AdminToken = "token",
            OtpTtlSeconds = 30,
            PayoutDelaySeconds = 5,
        };
        options.Rates["USD"] = 12_700.5m;
        options.Settings["Sandbox:OtpTtlSeconds"] = "45";

        options.ToConfiguration().Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            ["Sandbox:FixedOtp"] = "666666",
            ["Sandbox:OpenTenants"] = "True",
            ["Sandbox:AdminToken"] = "token",
            ["Sandbox:OtpTtlSeconds"] = "45",
            ["Sandbox:PayoutDelaySeconds"] = "5",
            ["Sandbox:Rates:USD"] = "12700.5",
        });
    }
}
