using System.Globalization;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// Many callers racing on one transaction or one card: each transition happens once, money moves once,
/// and tenants never see each other's work.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Racers = 50;
    private const long Amount = 100_000;

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
    {
        ["Sandbox:OpenTenants"] = "true",
        ["Sandbox:OpenTenantsSecret"] = "shared",
    });

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Fifty_parallel_confirms_of_one_payment_debit_the_card_once()
    {
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(gateway, Amount);

        var responses = await Race(Racers, _ => gateway.Call("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp }));

        var winner = responses.Where(Succeeded).Should().ContainSingle().Subject;
        winner["result"]!["details"]!["bank_transaction_id"]!.GetValue<string>().Should().Be(Text(bankTransactionId));
        ErrorCodes(responses).Should().HaveCount(Racers - 1).And.OnlyContain(code => code == -32312);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        var transaction = await gateway.Transaction(bankTransactionId);
        transaction["status"]!.GetValue<int>().Should().Be(2);
        transaction["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("prepared", "paid");
    }

    [Fact]
    public async Task Fifty_parallel_reversals_of_one_payment_credit_the_card_once()
    {
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(gateway, Amount);
        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        var transactionId = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);

        var responses = await Race(Racers, _ => gateway.Call("transaction.reverse", new { transaction_id = transactionId }));

        var winner = responses.Where(Succeeded).Should().ContainSingle().Subject;
        winner["result"]!["transaction_id"]!.GetValue<long>().Should().Be(transactionId);
        ErrorCodes(responses).Should().HaveCount(Racers - 1).And.OnlyContain(code => code == -32313);
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "the money is credited back exactly once");
        (await gateway.Transaction(bankTransactionId))["status"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Fifty_parallel_accepts_and_cancels_of_one_hold_resolve_it_once()
    {
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);
        var bankTransactionId = await Prepare(gateway, Amount, hold: true);
        await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(Amount);

        var responses = await Race(Racers, i => gateway.Call("hold.confirm", new
        {
            bank_transaction_id = Text(bankTransactionId),
            status = i % 2 == 0 ? "accept" : "cancel",
        }));

        var winner = responses.Where(Succeeded).Should().ContainSingle().Subject;
        var status = winner["result"]!["status"]!.GetValue<int>();
        status.Should().BeOneOf(2, 3);
        (await gateway.Transaction(bankTransactionId))["status"]!.GetValue<int>().Should().Be(status);
        (await gateway.Held(Cards.UzcardPan)).Should().Be(0, "the hold is settled either way");
        if (status == 2)
        {
            (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - Amount, "an accepted hold is captured");
            ErrorCodes(responses).Should().HaveCount(Racers - 1).And.OnlyContain(code => code == -32312);
        }
        else
        {
            (await gateway.Balance(Cards.UzcardPan)).Should().Be(before, "a cancelled hold is released");
            ErrorCodes(responses).Should().HaveCount(Racers - 1).And.OnlyContain(code => code == -32313);
        }
    }

    [Fact]
    public async Task Parallel_lifecycles_on_one_card_debit_exactly_the_sum_of_the_confirmed_payments()
    {
        const int Lifecycles = 40;
        var gateway = sandbox.CreateGateway();
        var before = await gateway.Balance(Cards.UzcardPan);

        var outcomes = await Race(Lifecycles, async i =>
        {
            var amount = 1_000L * (i + 1);
            var bankTransactionId = await Prepare(gateway, amount);
            var paid = await gateway.Call("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
            return (BankTransactionId: bankTransactionId, Amount: amount, Response: paid);
        });

        outcomes.Select(o => o.Response).Should().OnlyContain(r => Succeeded(r), "the card can pay for all of them");
        outcomes.Select(o => o.BankTransactionId).Should().OnlyHaveUniqueItems();
        var debited = outcomes.Sum(o => o.Response["result"]!["details"]!["amount"]!.GetValue<long>());
        debited.Should().Be(outcomes.Sum(o => o.Amount));
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(before - debited);
        var transactions = (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();
        transactions.Should().HaveCount(Lifecycles).And.OnlyContain(t => t!["status"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task Parallel_lifecycles_on_a_card_with_a_small_balance_never_overdraw_it()
    {
        const int Lifecycles = 40;
        const long PayableCount = 25;
        var gateway = sandbox.CreateGateway();
        const string Pan = "8600777700000001";
        const string Phone = "998907770001";
        await gateway.Control(HttpMethod.Post, "cards", new
        {
            pan = Pan,
            expiry = "3012",
            phone = Phone,
            holder = "RACE CARD",
            balance = PayableCount * Amount,
            behaviour = "success",
        });

        var outcomes = await Race(Lifecycles, async _ =>
        {
            var prepared = await gateway.Call("pam.prepare_payment", new
            {
                card_number = Pan,
                card_expire = "3012",
                phone_number = Phone,
                amount = Amount,
                vendor_id = Cards.VendorId,
                product = "race",
            });
            if (!Succeeded(prepared))
            {
                return prepared;
            }

            var bankTransactionId = prepared["result"]!["bank_transaction_id"]!.GetValue<long>();
            return await gateway.Call("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        });

        outcomes.Count(Succeeded).Should().Be((int)PayableCount, "the balance pays for exactly {0} payments", PayableCount);
        ErrorCodes(outcomes).Should().HaveCount(Lifecycles - (int)PayableCount).And.OnlyContain(code => code == -32309);
        (await gateway.Balance(Pan)).Should().Be(0);
        var completed = (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray()
            .Count(t => t!["status"]!.GetValue<int>() == 2);
        completed.Should().Be((int)PayableCount);
    }

    [Fact]
    public async Task Parallel_requests_of_two_open_tenants_do_not_interfere()
    {
        const int PerTenant = 20;
        var tenantA = sandbox.CreateGateway("ci_a", "shared");
        var tenantB = sandbox.CreateGateway("ci_b", "shared");
        var defaultTenant = sandbox.CreateGateway();
        var beforeA = await tenantA.Balance(Cards.UzcardPan);
        var beforeB = await tenantB.Balance(Cards.UzcardPan);
        var beforeDefault = await defaultTenant.Balance(Cards.UzcardPan);

        var outcomes = await Race(PerTenant * 2, async i =>
        {
            var (gateway, other, amount) = i % 2 == 0 ? (tenantA, tenantB, 10_000L) : (tenantB, tenantA, 30_000L);
            var bankTransactionId = await Prepare(gateway, amount);
            var foreign = await other.Call("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
            var paid = await gateway.Call("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
            return (Tenant: gateway.ServiceId, BankTransactionId: bankTransactionId, Foreign: foreign, Paid: paid);
        });

        outcomes.Select(o => o.Paid).Should().OnlyContain(r => Succeeded(r));
        ErrorCodes(outcomes.Select(o => o.Foreign).ToArray()).Should().HaveCount(PerTenant * 2)
            .And.OnlyContain(code => code == -32314, "another tenant's transaction is simply not found");
        (await tenantA.Balance(Cards.UzcardPan)).Should().Be(beforeA - (PerTenant * 10_000L));
        (await tenantB.Balance(Cards.UzcardPan)).Should().Be(beforeB - (PerTenant * 30_000L));
        (await defaultTenant.Balance(Cards.UzcardPan)).Should().Be(beforeDefault);
        (await defaultTenant.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();

        foreach (var gateway in new[] { tenantA, tenantB })
        {
            var own = outcomes.Where(o => o.Tenant == gateway.ServiceId).Select(o => o.BankTransactionId).ToList();
            own.Should().HaveCount(PerTenant);
            var listed = (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray()
                .Select(t => t!["bank_transaction_id"]!.GetValue<long>());
            listed.Should().BeEquivalentTo(own, "tenant {0} sees only its own transactions", gateway.ServiceId);
            var smsReferences = (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray()
                .Select(m => m!["reference"]!.GetValue<string>());
            smsReferences.Should().BeEquivalentTo(own.Select(Text), "tenant {0} sees only its own SMS", gateway.ServiceId);
        }
    }

    private static async Task<long> Prepare(GatewayClient gateway, long amount, bool hold = false)
    {
        var prepared = await gateway.Ok("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount,
            vendor_id = Cards.VendorId,
            product = "race",
            hold,
        });
        return prepared["bank_transaction_id"]!.GetValue<long>();
    }

    /// <summary>Starts every call on the thread pool, releases them together and waits for all of them.</summary>
    private static async Task<T[]> Race<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }

    private static bool Succeeded(JsonObject response) =>
        response["error"] is null && response["result"] is JsonObject;

    private static int[] ErrorCodes(JsonObject[] responses) =>
        responses.Where(r => r["error"] is not null).Select(r => r["error"]!["code"]!.GetValue<int>()).ToArray();

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
