using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Tenants;
using Xunit.Abstractions;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Nothing a tenant does grows the sandbox without bound: stored transactions (payments and payouts), catalogue cards,
/// invoices, refunds per payment and fault rules are capped per tenant (-32312 naming the cap, or 400 on the control
/// API), the SMS outbox and the journal are rings, open tenants are capped (-32504), and a reset drops the tenant's
/// hosted-page links. A rejected creation changes nothing.
/// </summary>
public sealed class LimitTests(ITestOutputHelper output) : IDisposable
{
    private const int Transactions = 6;
    // Two places beyond the magic cards every tenant starts with (contracts/cards.json).
    private static readonly int CatalogueCards = MagicCards.All.Count + 2;
    private const int Invoices = 3;
    private const int Refunds = 2;
    private const int FaultRules = 2;
    private const int Outbox = 3;
    private const int Journal = 7;
    private const int Tenants = 3;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
    {
        ["Sandbox:MaxTransactionsPerTenant"] = $"{Transactions}",
        ["Sandbox:MaxCardsPerTenant"] = $"{CatalogueCards}",
        ["Sandbox:MaxInvoicesPerTenant"] = $"{Invoices}",
        ["Sandbox:MaxRefundsPerPayment"] = $"{Refunds}",
        ["Sandbox:MaxFaultRulesPerTenant"] = $"{FaultRules}",
        ["Sandbox:SmsOutboxSize"] = $"{Outbox}",
        ["Sandbox:JournalSize"] = $"{Journal}",
        ["Sandbox:MaxTenants"] = $"{Tenants}",
        ["Sandbox:OpenTenants"] = "true",
        ["Sandbox:OpenTenantsSecret"] = "limits",
    });

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Transactions_are_capped_per_tenant_with_a_clear_error_that_changes_nothing_until_a_reset()
    {
        var gateway = sandbox.CreateGateway();
        for (var i = 0; i < Transactions - 1; i++)
        {
            await Prepare(gateway);
        }

        await gateway.Ok("pam.pay_by_cash", new { vendor_form = new { account = "998901234567", amount = 100, vendor_id = Cards.VendorId } });
        var before = await State(gateway);

        var prepare = await Error(gateway, "pam.prepare_payment", PrepareParams());
        var payout = await Error(gateway, "pam.pay_by_cash", new { vendor_form = new { account = "998901234567", amount = 100, vendor_id = Cards.VendorId } });

        foreach (var error in new[] { prepare, payout })
        {
            error["message"]!.GetValue<string>().Should().Contain($"maximum of {Transactions} transactions")
                .And.Contain("PAYSYS_MAX_TRANSACTIONS_PER_TENANT").And.Contain("POST /_sandbox/reset");
            error["data"]!["limit"]!.GetValue<int>().Should().Be(Transactions);
        }

        (await State(gateway)).Should().Be(before, "a refused creation changes nothing");
        await gateway.Control(HttpMethod.Post, "reset");
        await Prepare(gateway);
    }

    [Fact]
    public async Task Catalogue_cards_invoices_refunds_and_fault_rules_are_capped_per_tenant()
    {
        var gateway = sandbox.CreateGateway();
        var catalogue = (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray().Count;
        for (var i = catalogue; i < CatalogueCards; i++)
        {
            await gateway.Control(HttpMethod.Post, "cards", Card($"86009999000000{i:00}"));
        }

        var (status, body) = await gateway.ControlRaw(HttpMethod.Post, "cards", Card("8600999900000099").ToJsonString());
        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain($"maximum of {CatalogueCards} cards").And.Contain("PAYSYS_MAX_CARDS_PER_TENANT");
        await gateway.Control(HttpMethod.Post, "cards", Card($"86009999000000{catalogue:00}"));

        for (var i = 0; i < Invoices; i++)
        {
            await gateway.Ok("paysys.invoice_create", InvoiceParams());
        }

        (await Error(gateway, "paysys.invoice_create", InvoiceParams()))["message"]!.GetValue<string>()
            .Should().Contain($"maximum of {Invoices} invoices").And.Contain("PAYSYS_MAX_INVOICES_PER_TENANT");

        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = await Prepare(gateway), confirmation_code = Cards.FixedOtp });
        var transactionId = paid["details"]!["transaction_id"]!.GetValue<string>();
        for (var i = 0; i < Refunds; i++)
        {
            await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 10 });
        }

        var refund = await Error(gateway, "paysys.payment_adjustments", new { transaction_id = transactionId, amount = 10 });
        refund["message"]!.GetValue<string>().Should().Contain($"maximum of {Refunds} refunds").And.Contain("PAYSYS_MAX_REFUNDS_PER_PAYMENT");

        for (var i = 0; i < FaultRules; i++)
        {
            await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "delay", delay_ms = 0 });
        }

        var fault = await gateway.ControlRaw(HttpMethod.Post, "faults", """{"method":"pam.check_payment","kind":"delay","delay_ms":0}""");
        fault.Status.Should().Be(HttpStatusCode.BadRequest);
        fault.Body.Should().Contain($"maximum of {FaultRules} fault rules");
    }

    [Fact]
    public async Task The_outbox_and_the_journal_keep_only_their_newest_entries()
    {
        var gateway = sandbox.CreateGateway();
        var references = new List<string>();
        for (var i = 0; i < Outbox + 2; i++)
        {
            references.Add((await Prepare(gateway)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < Journal + 3; i++)
        {
            await gateway.Ok("pam.check_payment", new { bank_transaction_id = references[0] });
        }

        (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Select(m => m!["reference"]!.GetValue<string>())
            .Should().Equal(references.TakeLast(Outbox), "the outbox keeps the newest {0} messages", Outbox);
        (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray()
            .Should().HaveCount(Journal).And.OnlyContain(e => e!["method"]!.GetValue<string>() == "pam.check_payment");
    }

    [Fact]
    public async Task Open_tenants_are_capped_and_the_known_ones_keep_working()
    {
        var known = sandbox.CreateGateway("open_a", "limits");
        await known.Ok("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        await sandbox.CreateGateway("open_b", "limits").Call("pam.check_payment", new { agr_transaction_id = 1 });

        var refused = sandbox.CreateGateway("open_c", "limits");
        var error = await refused.Error("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry }, -32504);
        error["message"]!.GetValue<string>().Should().Contain($"maximum of {Tenants} tenants").And.Contain("PAYSYS_MAX_TENANTS");
        var (status, body) = await refused.ControlRaw(HttpMethod.Get, "clock");
        status.Should().Be(HttpStatusCode.NotFound);
        body.Should().Contain("PAYSYS_MAX_TENANTS");

        await known.Ok("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        sandbox.Services.GetRequiredService<TenantRegistry>().Count.Should().Be(Tenants);
    }

    [Fact]
    public async Task A_reset_drops_the_tenants_hosted_page_links()
    {
        var gateway = sandbox.CreateGateway();
        var pages = sandbox.Services.GetRequiredService<HostedPages>();
        var invoice = await gateway.Ok("paysys.invoice_create", InvoiceParams());
        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = await Prepare(gateway), confirmation_code = Cards.FixedOtp });
        await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = paid["details"]!["transaction_id"]!.GetValue<string>(), type = "payment" });
        pages.Count.Should().Be(2);

        await gateway.Control(HttpMethod.Post, "reset");

        pages.Count.Should().Be(0);
        (await gateway.Http.GetAsync(new Uri(invoice["payment_url"]!.GetValue<string>()).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>Generated streams of creations (CsCheck): whatever order, every store stays within its cap.</summary>
    [Fact]
    public async Task Generated_streams_of_creations_never_grow_a_store_past_its_cap()
    {
        var creations = Gen.Int[0, 5].Array[40, 80];
        var tried = await GeneratedRun.ForEachAsync(creations, count: 5, parallelism: 1, async steps =>
        {
            using var limited = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
            {
                ["Sandbox:MaxTransactionsPerTenant"] = "4",
                ["Sandbox:MaxCardsPerTenant"] = $"{MagicCards.All.Count + 1}",
                ["Sandbox:MaxInvoicesPerTenant"] = "2",
                ["Sandbox:SmsOutboxSize"] = "3",
                ["Sandbox:JournalSize"] = "5",
            });
            var gateway = limited.CreateGateway();
            var pan = 0;
            foreach (var step in steps)
            {
                switch (step)
                {
                    case 0:
                        await gateway.Call("pam.prepare_payment", PrepareParams());
                        break;
                    case 1:
                        await gateway.Call("pam.pay_by_cash", new { vendor_form = new { account = "998901234567", amount = 100, vendor_id = Cards.VendorId } });
                        break;
                    case 2:
                        await gateway.Call("paysys.invoice_create", InvoiceParams());
                        break;
                    case 3:
                        await gateway.ControlRaw(HttpMethod.Post, "cards", Card($"86008888{pan++:00000000}").ToJsonString());
                        break;
                    case 4:
                        await gateway.Call("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
                        break;
                    default:
                        await gateway.Control(HttpMethod.Post, "clock", new { advance_seconds = 60 });
                        break;
                }

                (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Count
                    .Should().BeLessThanOrEqualTo(4 - (await gateway.Control(HttpMethod.Get, "payouts"))["payouts"]!.AsArray().Count);
                (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Count.Should().BeLessThanOrEqualTo(2);
                (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray().Count.Should().BeLessThanOrEqualTo(MagicCards.All.Count + 1);
                (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Count.Should().BeLessThanOrEqualTo(3);
                (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray().Count.Should().BeLessThanOrEqualTo(5);
            }
        }, steps => string.Join(",", steps), shrinkIterations: 20);

        output.WriteLine($"limits: {tried} generated streams of 40–80 creations, every store within its cap; violations: 0");
    }

    private static async Task<JsonObject> Error(GatewayClient gateway, string method, object parameters) =>
        await gateway.Error(method, parameters, -32312);

    private static async Task<long> Prepare(GatewayClient gateway) =>
        (await gateway.Ok("pam.prepare_payment", PrepareParams()))["bank_transaction_id"]!.GetValue<long>();

    private static object PrepareParams() => new
    {
        card_number = Cards.UzcardPan,
        card_expire = Cards.UzcardExpiry,
        phone_number = Cards.UzcardPhone,
        amount = 10_000,
        vendor_id = Cards.VendorId,
        product = "limits",
    };

    private static object InvoiceParams() => new { order_id = "o", vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 };

    private static JsonObject Card(string pan) => new()
    {
        ["pan"] = pan,
        ["expiry"] = "3012",
        ["phone"] = "998907770001",
        ["holder"] = "LIMIT",
        ["balance"] = 1000,
        ["behaviour"] = "success",
    };

    private static async Task<string> State(GatewayClient gateway)
    {
        var state = new System.Text.StringBuilder();
        foreach (var route in new[] { "cards", "transactions", "invoices", "payouts", "sms" })
        {
            state.AppendLine((await gateway.ControlRaw(HttpMethod.Get, route)).Body);
        }

        return state.ToString();
    }
}
