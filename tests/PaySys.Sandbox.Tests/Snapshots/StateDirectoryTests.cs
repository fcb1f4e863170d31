using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests.Snapshots;

/// <summary>
/// PAYSYS_STATE_DIR: a sandbox started again on the same folder answers as the one before it, after a graceful stop
/// and after a crash (what the last pass wrote); broken files are set aside, never fatal.
/// </summary>
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("paysys-state-").FullName;
    private readonly FakeTimeProvider realClock = new(SandboxFactory.Start);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_graceful_stop_loses_nothing_and_ids_keep_counting()
    {
        long held;
        string before;
        await using (var first = Start())
        {
            var gateway = first.CreateGateway();
            held = await HeldPayment(gateway);
            await gateway.Control(HttpMethod.Put, "callbacks", new { pay_url = "http://127.0.0.1:9/pay" });
            await gateway.AdvanceClock(90);
            before = (await gateway.ControlRaw(HttpMethod.Get, "snapshot")).Body;
        }

        await using var second = Start();
        var again = second.CreateGateway();

        (await again.ControlRaw(HttpMethod.Get, "snapshot")).Body.Should().Be(before);
        (await again.PaymentStatus(held)).Should().Be("7");
        (await HeldPayment(again)).Should().BeGreaterThan(held);
    }

    [Fact]
    public async Task After_a_crash_the_last_pass_is_there()
    {
        var copy = Directory.CreateTempSubdirectory("paysys-crash-").FullName;
        long held;
        await using (var first = Start())
        {
            var gateway = first.CreateGateway();
            held = await HeldPayment(gateway);
            first.Services.GetRequiredService<StateDirectory>().SaveChanged().Should().BeGreaterThan(0);

            // The folder as a SIGKILL would leave it: copied before the graceful stop could write again.
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            first.Services.GetRequiredService<StateDirectory>().SaveChanged().Should().Be(0, "nothing changed since the last pass");
        }

        await using var second = Start(copy);
        (await second.CreateGateway().PaymentStatus(held)).Should().Be("7");
        Directory.Delete(copy, recursive: true);
    }

    [Fact]
    public async Task The_timer_writes_a_changed_tenant_without_a_stop()
    {
        await using var sandbox = Start();
        var gateway = sandbox.CreateGateway();
        var held = await HeldPayment(gateway);
        var file = Path.Combine(folder, "1.json");

        // The fake host clock runs the timer's pass inline: no waiting.
        realClock.Advance(TimeSpan.FromMilliseconds(250));
        File.ReadAllText(file).Should().Contain($"\"bank_transaction_id\":{held}");

        var next = await HeldPayment(gateway);
        File.ReadAllText(file).Should().NotContain($"\"bank_transaction_id\":{next}", "nothing is written between two passes");
        realClock.Advance(TimeSpan.FromMilliseconds(250));
        File.ReadAllText(file).Should().Contain($"\"bank_transaction_id\":{next}");
    }

    [Theory]
    [InlineData(2, 250)]
    [InlineData(25, 250)]
    [InlineData(40, 400)]
    [InlineData(300, 3000)]
    public void A_tenant_slow_to_write_waits_ten_times_its_write_before_the_next(int tookMs, int nextMs) =>
        StateDirectory.NextWriteAfter(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(tookMs)).Should().Be(TimeSpan.FromMilliseconds(nextMs),
            "writing one tenant never takes more than a tenth of the time");

    [Fact]
    public async Task Open_tenants_come_back_and_an_expired_one_takes_its_file_along()
    {
        var open = new Dictionary<string, string?> { ["Sandbox:OpenTenants"] = "true", ["Sandbox:TenantIdleSeconds"] = "600" };
        long held;
        await using (var first = Start(settings: open))
        {
            held = await HeldPayment(first.CreateGateway("ci_42"));
            await HeldPayment(first.CreateGateway("ci_43"));
        }

        File.Exists(Path.Combine(folder, "ci_42.json")).Should().BeTrue();
        await using var second = Start(settings: open);
        var gateway = second.CreateGateway("ci_42");
        string.Join("\n", second.Logs.Lines).Should().Contain("3 tenants loaded", "the default merchant and both open tenants");
        (await gateway.PaymentStatus(held)).Should().Be("7");

        // ci_43 is not used again: fifteen minutes of the host's clock later (idle expiry 10 min) it has expired, and its
        // file with it; ci_42, used every five minutes, stays.
        for (var step = 0; step < 3; step++)
        {
            realClock.Advance(TimeSpan.FromMinutes(5));
            (await gateway.PaymentStatus(held)).Should().Be("7");
        }

        File.Exists(Path.Combine(folder, "ci_43.json")).Should().BeFalse();
        File.Exists(Path.Combine(folder, "ci_42.json")).Should().BeTrue();
    }

    [Theory]
    [InlineData("1.json", "{ not json", "not valid")]
    [InlineData("1.json", """{"version": 7}""", "version 7")]
    [InlineData("stranger.json", """{"version": 1}""", "required member")]
    public async Task A_broken_file_is_set_aside_and_the_sandbox_starts(string name, string content, string named)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, name), content);

        await using var sandbox = Start();

        File.Exists(Path.Combine(folder, name + ".rejected")).Should().BeTrue();
        sandbox.Services.GetRequiredService<StateDirectory>().Loaded.Should().Be((0, 1));
        string.Join("\n", sandbox.Logs.Lines).Should().Contain(name).And.Contain(named);
        (await sandbox.CreateGateway().Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_of_another_service_is_refused()
    {
        string document;
        await using (var first = Start())
        {
            await HeldPayment(first.CreateGateway());
            document = (await first.CreateGateway().ControlRaw(HttpMethod.Get, "snapshot")).Body;
        }

        File.Delete(Path.Combine(folder, "1.json"));
        await File.WriteAllTextAsync(Path.Combine(folder, "2.json"), document);
        await using var second = Start(settings: new Dictionary<string, string?> { ["Sandbox:OpenTenants"] = "true" });

        string.Join("\n", second.Logs.Lines).Should().Contain("holds service 1, not 2");
        (await second.CreateGateway().Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_the_variable_nothing_is_written()
    {
        await using var sandbox = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:FixedOtp"] = Cards.FixedOtp }, realClock);
        await HeldPayment(sandbox.CreateGateway());
        var state = sandbox.Services.GetRequiredService<StateDirectory>();

        state.Enabled.Should().BeFalse();
        state.SaveChanged().Should().Be(0);
    }

    private SandboxFactory Start(string? at = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Sandbox:StateDir"] = at ?? folder,
            ["Sandbox:FixedOtp"] = Cards.FixedOtp,
        };
        var factory = new SandboxFactory(all, realClock);
        _ = factory.Services;
        return factory;
    }

    private static async Task<long> HeldPayment(GatewayClient gateway)
    {
        var id = (await gateway.Ok("pam.prepare_payment", new JsonObject
        {
            ["card_number"] = Cards.UzcardPan,
            ["card_expire"] = Cards.UzcardExpiry,
            ["phone_number"] = Cards.UzcardPhone,
            ["amount"] = 300_000,
            ["vendor_id"] = Cards.VendorId,
            ["product"] = "state",
            ["hold"] = true,
        }))["bank_transaction_id"]!.GetValue<long>();
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = id, confirmation_code = Cards.FixedOtp });
        return id;
    }
}
