using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// The tenant table cannot be filled for good (issue 14, item 6): an open tenant nobody used for the idle time expires,
/// measured on the host's real clock (here a fake one), never on the tenant's virtual clock; a full table makes room by
/// evicting the least recently used open tenant idle for a minute before it refuses; the default merchant never
/// expires. What an expired tenant held (its hosted-page links, its cached Auth header) goes with it.
/// </summary>
public sealed class TenantEvictionTests
{
    private const string Secret = "eviction";
    private const int IdleSeconds = 600;

    [Fact]
    public async Task An_idle_open_tenant_expires_after_the_idle_time_on_the_real_clock_and_opens_again_fresh()
    {
        using var sandbox = Sandbox(maxTenants: 100);
        var tenant = sandbox.CreateGateway("idle_a", Secret);
        await tenant.Control(HttpMethod.Post, "cards", Card("8600777700000001"));

        sandbox.RealClock.Advance(TimeSpan.FromSeconds(IdleSeconds - 1));
        (await Pans(tenant)).Should().Contain("8600777700000001", "a tenant used {0} s ago is not idle yet", IdleSeconds - 1);

        // The read above used it: the idle time counts from there.
        sandbox.RealClock.Advance(TimeSpan.FromSeconds(IdleSeconds - 1));
        (await Pans(tenant)).Should().Contain("8600777700000001");

        sandbox.RealClock.Advance(TimeSpan.FromSeconds(IdleSeconds));
        (await Pans(tenant)).Should().NotContain("8600777700000001", "after {0} s unused the tenant expired; a read shows it as it would start", IdleSeconds);
        Registry(sandbox).All.Select(t => t.ServiceId).Should().Equal(new[] { "1" }, "the read did not open it again");

        await tenant.Ok("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        Registry(sandbox).All.Select(t => t.ServiceId).Should().BeEquivalentTo(new[] { "1", "idle_a" });
    }

    [Fact]
    public async Task Idle_time_is_real_time_moving_a_tenants_virtual_clock_neither_expires_it_nor_keeps_it()
    {
        using var sandbox = Sandbox(maxTenants: 100);
        var tenant = sandbox.CreateGateway("virtual_a", Secret);
        await tenant.Control(HttpMethod.Post, "cards", Card("8600777700000002"));

        await tenant.AdvanceClock(30L * 24 * 3600);
        (await Pans(tenant)).Should().Contain("8600777700000002", "a month on the virtual clock is no idle time");

        sandbox.RealClock.Advance(TimeSpan.FromSeconds(IdleSeconds));
        (await Pans(tenant)).Should().NotContain("8600777700000002", "the real clock passed the idle time");
    }

    [Fact]
    public async Task The_default_merchant_never_expires()
    {
        using var sandbox = Sandbox(maxTenants: 100);
        var merchant = sandbox.CreateGateway();
        await merchant.Control(HttpMethod.Post, "cards", Card("8600777700000003"));

        sandbox.RealClock.Advance(TimeSpan.FromSeconds(IdleSeconds * 100));
        await sandbox.CreateGateway("other", Secret).Control(HttpMethod.Post, "reset");

        (await Pans(merchant)).Should().Contain("8600777700000003");
    }

    [Fact]
    public async Task A_full_table_evicts_the_least_recently_used_idle_open_tenant_before_it_refuses()
    {
        // The default merchant and two open tenants fill it; open tenants never expire here, so only eviction makes room.
        using var sandbox = Sandbox(maxTenants: 3, idleSeconds: 0);
        var older = sandbox.CreateGateway("lru_a", Secret);
        var newer = sandbox.CreateGateway("lru_b", Secret);
        await older.Control(HttpMethod.Post, "cards", Card("8600777700000004"));
        sandbox.RealClock.Advance(TimeSpan.FromSeconds(5));
        await newer.Control(HttpMethod.Post, "cards", Card("8600777700000005"));

        // Both busy (used within the minute): a new tenant is refused, nobody's state is taken.
        var refused = sandbox.CreateGateway("lru_c", Secret);
        var full = await refused.Error("paysys.card_registration", Registration(), -32504);
        full["message"]!.GetValue<string>().Should().Contain("maximum of 3 tenants").And.Contain("PAYSYS_MAX_TENANTS");

        // A minute after lru_b's last use lru_a is used again: lru_b is now the least recently used idle one.
        sandbox.RealClock.Advance(TimeSpan.FromSeconds(60));
        (await Pans(older)).Should().Contain("8600777700000004");
        await refused.Ok("paysys.card_registration", Registration());

        Registry(sandbox).All.Select(t => t.ServiceId).Should().BeEquivalentTo(new[] { "1", "lru_a", "lru_c" });
        (await Pans(older)).Should().Contain("8600777700000004", "the recently used tenant keeps its state");

        // The table is full again with no idle open tenant: the next one is refused, saying so.
        var (status, body) = await sandbox.CreateGateway("lru_d", Secret).ControlRaw(HttpMethod.Post, "reset");
        status.Should().Be(HttpStatusCode.NotFound);
        body.Should().Contain("PAYSYS_MAX_TENANTS");
    }

    [Fact]
    public async Task An_expired_tenants_pay_page_links_and_cached_auth_header_go_with_it()
    {
        using var sandbox = Sandbox(maxTenants: 100);
        var tenant = sandbox.CreateGateway("links_a", Secret);
        var invoice = await tenant.Ok("paysys.invoice_create", new { order_id = "o", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 });
        var pages = sandbox.Services.GetRequiredService<HostedPages>();
        pages.Count.Should().Be(1);

        // Within the Auth window (300 s) but past an idle time of 100 s: the same header must reach a fresh tenant.
        using var quick = Sandbox(maxTenants: 100, idleSeconds: 100);
        var quickTenant = quick.CreateGateway("links_b", Secret);
        var quickAuth = new Dictionary<string, string> { ["Auth"] = quickTenant.SignNow() };
        await quickTenant.Ok("paysys.invoice_create", new { order_id = "o", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 }, quickAuth);
        quick.RealClock.Advance(TimeSpan.FromSeconds(101));
        var invoices = (await quickTenant.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray();
        invoices.Should().BeEmpty("the tenant expired");
        await quickTenant.Ok("paysys.invoice_create", new { order_id = "again", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 }, quickAuth);
        (await quickTenant.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Select(i => i!["order_id"]!.GetValue<string>())
            .Should().Equal(new[] { "again" }, "the cached header opened the tenant again instead of reaching the expired one");

        sandbox.RealClock.Advance(TimeSpan.FromSeconds(IdleSeconds));
        (await sandbox.CreateGateway().ControlRaw(HttpMethod.Get, "clock")).Status.Should().Be(HttpStatusCode.OK);
        pages.Count.Should().Be(0, "the expired tenant's links are dropped with it");
        (await tenant.Http.GetAsync(new Uri(invoice["payment_url"]!.GetValue<string>()).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static SandboxFactory Sandbox(int maxTenants, int idleSeconds = IdleSeconds) => new(new Dictionary<string, string?>
    {
        ["Sandbox:OpenTenants"] = "true",
        ["Sandbox:OpenTenantsSecret"] = Secret,
        ["Sandbox:MaxTenants"] = $"{maxTenants}",
        ["Sandbox:TenantIdleSeconds"] = $"{idleSeconds}",
    });

    private static TenantRegistry Registry(SandboxFactory sandbox) => sandbox.Services.GetRequiredService<TenantRegistry>();

    private static async Task<List<string>> Pans(GatewayClient tenant) =>
        [.. (await tenant.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray().Select(c => c!["pan"]!.GetValue<string>())];

    private static object Registration() => new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry };

    private static JsonObject Card(string pan) => new()
    {
        ["pan"] = pan,
        ["expiry"] = "3012",
        ["phone"] = "998907770001",
        ["holder"] = "EVICTION",
        ["balance"] = 1000,
        ["behaviour"] = "success",
    };
}
