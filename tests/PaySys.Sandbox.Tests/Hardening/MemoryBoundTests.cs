using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Sandbox.Tenants;
using Xunit.Abstractions;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// The sandbox as a whole is bounded, not only each tenant (issue 14, item 5): every text it stores from a caller has a
/// documented maximum and longer text is refused naming the field; the journal is bounded in bytes per tenant; all
/// tenants together share one memory budget whose end is the limit error naming it; the control API's lists page.
/// </summary>
public sealed class MemoryBoundTests(ITestOutputHelper output)
{
    private const string Secret = "bounds";

    [Theory]
    [InlineData("holder", 128)]
    [InlineData("description", 512)]
    [InlineData("username", 64)]
    public async Task A_card_text_longer_than_its_maximum_is_refused_naming_the_field_and_nothing_is_stored(string field, int max)
    {
        using var sandbox = new SandboxFactory();
        var gateway = sandbox.CreateGateway();
        var before = (await gateway.ControlRaw(HttpMethod.Get, "cards")).Body;

        // The attack's 60 KB description (under the 64 KB body limit), and one character over the maximum.
        foreach (var length in new[] { 60_000, max + 1 })
        {
            var card = Card("8600555500000001");
            card[field] = new string('d', length);
            var (status, body) = await gateway.ControlRaw(HttpMethod.Post, "cards", card.ToJsonString());

            status.Should().Be(HttpStatusCode.BadRequest, body);
            body.Should().Contain(field).And.Contain($"at most {max}");
            (await gateway.ControlRaw(HttpMethod.Get, "cards")).Body.Should().Be(before, "a refused card is not stored");
        }

        var fits = Card("8600555500000001");
        fits[field] = new string('d', max);
        (await gateway.Control(HttpMethod.Post, "cards", fits))[field]!.GetValue<string>().Should().HaveLength(max);
    }

    [Fact]
    public async Task The_journal_keeps_at_most_its_bytes_per_tenant_whatever_the_number_of_entries()
    {
        const int JournalBytes = 16 * 1024;
        using var sandbox = new SandboxFactory(new Dictionary<string, string?>
        {
            ["Sandbox:JournalSize"] = "1000",
            ["Sandbox:JournalBytesPerTenant"] = $"{JournalBytes}",
        });
        var gateway = sandbox.CreateGateway();
        const int Calls = 60;
        for (var i = 0; i < Calls; i++)
        {
            // About half a KB of bodies per entry: a 250-character member in the request, and the answer.
            await gateway.Call("pam.check_payment", new { bank_transaction_id = i + 1, note = new string('n', 250) + i.ToString(CultureInfo.InvariantCulture) });
        }

        var tenant = sandbox.Services.GetRequiredService<TenantRegistry>().All.Single(t => t.ServiceId == "1");
        var kept = tenant.Journal.Snapshot();
        var bytes = kept.Sum(e => e.Request.Length + e.Response.Length);
        output.WriteLine($"journal: {Calls} calls, {kept.Count} entries kept, {bytes} bytes of bodies (bound {JournalBytes})");

        bytes.Should().BeLessThanOrEqualTo(JournalBytes);
        kept.Count.Should().BeInRange(2, Calls - 1, "the bound is in bytes, not in the 1000 entries");
        var entries = (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();
        entries.Should().HaveCount(kept.Count);
        entries[^1]!["request"]!["params"]!["bank_transaction_id"]!.GetValue<int>().Should().Be(Calls, "the newest entries are the ones kept");
    }

    [Fact]
    public async Task All_tenants_share_one_memory_budget_whose_end_is_the_limit_error_naming_it_and_a_reset_gives_it_back()
    {
        using var sandbox = new SandboxFactory(new Dictionary<string, string?>
        {
            ["Sandbox:MemoryBudgetMb"] = "1",
            ["Sandbox:OpenTenants"] = "true",
            ["Sandbox:OpenTenantsSecret"] = Secret,
        });
        var first = sandbox.CreateGateway("budget_a", Secret);
        var second = sandbox.CreateGateway("budget_b", Secret);

        // Per tenant the cap is 10 000 cards; 1 MB of budget ends long before, wherever the cards are.
        var firstCards = await AddCardsUntilRefused(first, 300, "86001111");
        firstCards.Should().Be(300);
        var (secondCards, refusal) = await AddCardsUntilRefusal(second, "86002222");
        output.WriteLine($"budget: 1 MB held {firstCards} + {secondCards} added cards in two tenants");
        secondCards.Should().BeInRange(100, 400, "the budget is shared: the second tenant gets what the first left");
        refusal.Should().Contain("memory budget of 1 MB").And.Contain("PAYSYS_MEMORY_BUDGET_MB");

        // What the cards left may still hold an invoice or so; the gateway's refusal comes within a few.
        JsonObject? error = null;
        for (var i = 0; i < 5 && error is null; i++)
        {
            var answer = await second.Call("paysys.invoice_create", new { order_id = "o", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 });
            error = answer["error"] as JsonObject;
        }

        error.Should().NotBeNull("a 1 MB budget cannot hold five more invoices after it refused a card");
        error!["code"]!.GetValue<int>().Should().Be(-32312);
        error["message"]!.GetValue<string>().Should().Contain("memory budget of 1 MB").And.Contain("PAYSYS_MEMORY_BUDGET_MB");
        error["data"]!["limit"]!.GetValue<int>().Should().Be(1);

        await first.Control(HttpMethod.Post, "reset");
        await second.Control(HttpMethod.Post, "cards", Card("8600222299999999"));
        await second.Ok("paysys.invoice_create", new { order_id = "o", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 });
    }

    [Fact]
    public async Task List_routes_page_with_limit_and_offset_and_say_where_the_next_page_starts()
    {
        using var sandbox = new SandboxFactory();
        var gateway = sandbox.CreateGateway();
        var all = (await gateway.Control(HttpMethod.Get, "cards"));
        all.ContainsKey("next_offset").Should().BeFalse("one page without parameters is the whole list while it holds no more than the default 1000");
        var pans = all["cards"]!.AsArray().Select(c => c!["pan"]!.GetValue<string>()).ToList();
        pans.Count.Should().BeGreaterThan(5);

        var firstPage = await gateway.Control(HttpMethod.Get, "cards?limit=5");
        firstPage["cards"]!.AsArray().Select(c => c!["pan"]!.GetValue<string>()).Should().Equal(pans.Take(5));
        firstPage["next_offset"]!.GetValue<int>().Should().Be(5);

        var rest = await gateway.Control(HttpMethod.Get, "cards?limit=5&offset=5");
        rest["cards"]!.AsArray().Select(c => c!["pan"]!.GetValue<string>()).Should().Equal(pans.Skip(5).Take(5));
        (await gateway.Control(HttpMethod.Get, $"cards?offset={pans.Count - 1}"))["cards"]!.AsArray().Should().ContainSingle();
        (await gateway.Control(HttpMethod.Get, $"cards?offset={pans.Count + 10}"))["cards"]!.AsArray().Should().BeEmpty();

        for (var i = 0; i < 3; i++)
        {
            await gateway.Call("pam.check_payment", new { bank_transaction_id = i + 1 });
        }

        foreach (var (route, member) in new[] { ("journal", "entries"), ("transactions", "transactions"), ("invoices", "invoices"), ("payouts", "payouts"), ("sms", "messages"), ("faults", "faults") })
        {
            var page = await gateway.Control(HttpMethod.Get, $"{route}?limit=2");
            page[member]!.AsArray().Count.Should().BeLessThanOrEqualTo(2, route);
        }

        var journal = await gateway.Control(HttpMethod.Get, "journal?limit=2");
        journal["next_offset"]!.GetValue<int>().Should().Be(2);

        foreach (var query in new[] { "limit=0", "limit=10001", "limit=abc", "offset=-1", "limit=1&limit=2", "offset=1e3" })
        {
            var (status, body) = await gateway.ControlRaw(HttpMethod.Get, $"cards?{query}");
            status.Should().Be(HttpStatusCode.BadRequest, query);
            JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain(query[..query.IndexOf('=', StringComparison.Ordinal)]);
        }
    }

    private static async Task<int> AddCardsUntilRefused(GatewayClient gateway, int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            await gateway.Control(HttpMethod.Post, "cards", Card($"{prefix}{i:00000000}"));
        }

        return count;
    }

    private static async Task<(int Added, string Refusal)> AddCardsUntilRefusal(GatewayClient gateway, string prefix)
    {
        for (var i = 0; i < 2000; i++)
        {
            var (status, body) = await gateway.ControlRaw(HttpMethod.Post, "cards", Card($"{prefix}{i:00000000}").ToJsonString());
            if (status != HttpStatusCode.OK)
            {
                status.Should().Be(HttpStatusCode.BadRequest, body);
                return (i, body);
            }
        }

        throw new InvalidOperationException("2000 cards fitted in a 1 MB budget");
    }

    private static JsonObject Card(string pan) => new()
    {
        ["pan"] = pan,
        ["expiry"] = "3012",
        ["phone"] = "998907770001",
        ["holder"] = "BOUNDS",
        ["balance"] = 1000,
        ["behaviour"] = "success",
    };
}
