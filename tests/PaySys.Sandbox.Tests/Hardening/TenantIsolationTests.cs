using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// With open tenants on, N tenants work in parallel (payments, holds, refunds, registrations, invoices, payouts, clock
/// moves) and, between their own calls, try every method that takes an id with the ids of the others. None of them
/// ever finds another's card, transaction, payout or invoice; and afterwards every read route of every tenant (cards,
/// transactions, invoices, payouts, SMS, journal, clock) shows only its own work, its money adds up from its own
/// transactions alone, and its clock is where it moved it.
/// </summary>
public sealed class TenantIsolationTests(ITestOutputHelper output)
{
    private const string Secret = "isolation-shared-secret";

    private enum Step
    {
        Pay,
        Hold,
        Register,
        Refund,
        Invoice,
        Payout,
        Clock,
        Probe,
    }

    private sealed record TenantPlan(int Index, Step[] Steps, long[] Amounts, int[] Picks);

    private static readonly Gen<TenantPlan[]> Plans =
        Gen.Select(
                Gen.Frequency((4, Gen.Const(Step.Pay)), (2, Gen.Const(Step.Hold)), (2, Gen.Const(Step.Register)), (2, Gen.Const(Step.Refund)),
                    (1, Gen.Const(Step.Invoice)), (1, Gen.Const(Step.Payout)), (1, Gen.Const(Step.Clock)), (6, Gen.Const(Step.Probe)))
                    .Array[HardeningScale.OperationsPerTenant],
                Gen.Long[1, 100_000].Array[HardeningScale.OperationsPerTenant],
                Gen.Int[0, 1_000_000].Array[HardeningScale.OperationsPerTenant])
            .Array[HardeningScale.IsolatedTenants]
            .Select(plans => plans.Select((p, i) => new TenantPlan(i, p.Item1, p.Item2, p.Item3)).ToArray());

    [Fact]
    public async Task Tenants_working_in_parallel_never_see_each_others_cards_transactions_sms_journal_or_clock()
    {
        long probes = 0;
        long calls = 0;
        await GeneratedRun.ForEachAsync(Plans, count: 1, parallelism: 1, async plans =>
        {
            using var sandbox = SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
            {
                ["Sandbox:OpenTenants"] = "true",
                ["Sandbox:OpenTenantsSecret"] = Secret,
            });
            var registry = new Registry();
            var tenants = plans.Select(p => new TenantRun(p, sandbox.CreateGateway($"iso_{p.Index}", Secret), registry)).ToArray();
            var startLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = tenants.Select(t => Task.Run(async () =>
            {
                await startLine.Task;
                await t.Run();
            })).ToArray();
            startLine.SetResult();
            await Task.WhenAll(runs);

            foreach (var tenant in tenants)
            {
                await tenant.VerifyReads(tenants.Where(t => t != tenant).ToList());
            }

            probes = tenants.Sum(t => t.Probes);
            calls = tenants.Sum(t => t.Calls);
            sandbox.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Should().BeEmpty();
        }, plans => $"{plans.Length} tenants: " + string.Join("; ", plans.Select(p => $"iso_{p.Index}: {string.Join(",", p.Steps)}")), shrinkIterations: 5);

        output.WriteLine($"tenant isolation ({HardeningScale.Name}): {HardeningScale.IsolatedTenants} open tenants in parallel, {calls} calls, " +
            $"{probes} probes with another tenant's id (all not found), 7 read routes checked per tenant; violations: 0");
    }

    /// <summary>Every id any tenant has made, with its owner, so others can probe it.</summary>
    private sealed class Registry
    {
        private readonly Lock gate = new();
        private readonly List<(string Owner, string Kind, string Id, string? Token)> ids = [];

        public void Add(string owner, string kind, string id, string? token = null)
        {
            lock (gate)
            {
                ids.Add((owner, kind, id, token));
            }
        }

        /// <summary>An id of another tenant, picked by <paramref name="pick"/> (the nearest one after it that is not the tenant's own).</summary>
        public (string Owner, string Kind, string Id, string? Token)? Foreign(string tenant, int pick)
        {
            lock (gate)
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    var candidate = ids[(pick + i) % ids.Count];
                    if (candidate.Owner != tenant)
                    {
                        return candidate;
                    }
                }

                return null;
            }
        }
    }

    private sealed class TenantRun(TenantPlan plan, GatewayClient gateway, Registry registry)
    {
        private readonly HashSet<long> btids = [];
        private readonly HashSet<long> tids = [];
        private readonly HashSet<long> payouts = [];
        private readonly HashSet<long> invoices = [];
        private readonly HashSet<string> cardIds = [];
        private readonly Dictionary<long, long> refunds = [];
        private long clockMoved;

        public string ServiceId => gateway.ServiceId;

        public long Probes { get; private set; }

        public long Calls { get; private set; }

        public async Task Run()
        {
            for (var i = 0; i < plan.Steps.Length; i++)
            {
                var (amount, pick) = (plan.Amounts[i], plan.Picks[i]);
                switch (plan.Steps[i])
                {
                    case Step.Pay or Step.Hold:
                        var prepared = await Ok("pam.prepare_payment", new
                        {
                            card_number = Cards.UzcardPan,
                            card_expire = Cards.UzcardExpiry,
                            phone_number = Cards.UzcardPhone,
                            amount,
                            vendor_id = Cards.VendorId,
                            product = ServiceId,
                            hold = plan.Steps[i] == Step.Hold,
                        });
                        var btid = prepared["bank_transaction_id"]!.GetValue<long>();
                        var paid = await Ok("pam.confirm_payment", new { bank_transaction_id = btid, confirmation_code = Cards.FixedOtp });
                        var tid = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                        btids.Add(btid);
                        tids.Add(tid);
                        registry.Add(ServiceId, "btid", Text(btid));
                        registry.Add(ServiceId, "tid", Text(tid));
                        break;
                    case Step.Register:
                        var registered = await Ok("paysys.card_registration", new { phone_number = Cards.HumoPhone, card_number = Cards.HumoPan, card_expire = "3012" });
                        var cardId = registered["id"]!.GetValue<string>();
                        var confirmed = await Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
                        cardIds.Add(cardId);
                        registry.Add(ServiceId, "card", cardId, confirmed["card_token"]!.GetValue<string>());
                        break;
                    case Step.Refund when tids.Count > 0:
                        var target = tids.ElementAt(pick % tids.Count);
                        var refund = await gateway.Call("paysys.payment_adjustments", new { transaction_id = target, amount = 1 + (amount % 500) });
                        Calls++;
                        if (refund["error"] is null)
                        {
                            refunds[target] = refunds.GetValueOrDefault(target) + 1 + (amount % 500);
                        }

                        break;
                    case Step.Invoice:
                        var invoice = await Ok("paysys.invoice_create", new { order_id = ServiceId, vendor_id = Cards.VendorId, payment_id = -1, currency = "UZS", amount = 10.5 });
                        invoices.Add(invoice["id"]!.GetValue<long>());
                        break;
                    case Step.Payout:
                        var payout = await Ok("pam.pay_by_cash", new { vendor_form = new { account = "998901234567", amount, vendor_id = Cards.VendorId } });
                        var payoutId = payout["details"]!["transaction_id"]!.GetValue<long>();
                        payouts.Add(payoutId);
                        registry.Add(ServiceId, "payout", Text(payoutId));
                        break;
                    case Step.Clock:
                        var seconds = 1 + (pick % 3_600);
                        await gateway.AdvanceClock(seconds);
                        clockMoved += seconds;
                        break;
                    case Step.Probe when registry.Foreign(ServiceId, pick) is { } foreign:
                        await Probe(foreign.Kind, foreign.Id, foreign.Token);
                        break;
                }
            }
        }

        /// <summary>Every method that takes this kind of id, called with another tenant's: not found, every time.</summary>
        private async Task Probe(string kind, string id, string? token)
        {
            var number = long.Parse(kind == "card" ? "1" : id, CultureInfo.InvariantCulture);
            (string Method, object Params, int Code, Dictionary<string, string>? Headers)[] calls = kind switch
            {
                "btid" =>
                [
                    ("pam.confirm_payment", new { bank_transaction_id = number, confirmation_code = Cards.FixedOtp }, -32314, null),
                    ("hold.confirm", new { bank_transaction_id = id, status = "accept" }, -32314, null),
                    ("hold.confirm", new { bank_transaction_id = number, status = "cancel" }, -32314, null),
                    ("pam.check_payment", new { bank_transaction_id = id }, -32314, null),
                ],
                "tid" =>
                [
                    ("transaction.reverse", new { transaction_id = number }, -32314, null),
                    ("paysys.payment_info", new { transaction_id = id }, -32314, null),
                    ("paysys.payment_cancel", new { transaction_id = number }, -32314, null),
                    ("paysys.payment_adjustments", new { transaction_id = id, amount = 1 }, -32314, null),
                    ("paysys.get_fiscal_cheque", new { transaction_id = number, type = "payment" }, -32314, null),
                    ("pam.check_payment", new { agr_transaction_id = number }, -32314, null),
                ],
                "payout" =>
                [
                    ("pam.check_payment", new { agr_transaction_id = id }, -32314, null),
                    ("paysys.payment_info", new { transaction_id = number }, -32314, null),
                ],
                _ =>
                [
                    ("paysys.card_confirm", new { card_id = id, confirmation_code = Cards.FixedOtp }, -32301, null),
                    ("pam.prepare_payment", new { card_id = id, phone_number = Cards.HumoPhone, amount = 100, vendor_id = Cards.VendorId, product = "probe" }, -32301, null),
                    ("pam.payment", new { card_id = id, phone_number = Cards.HumoPhone, amount = 100, vendor_id = Cards.VendorId, product = "probe" }, -32301,
                        new Dictionary<string, string> { ["Card-Token"] = token! }),
                ],
            };
            foreach (var (method, parameters, code, headers) in calls)
            {
                var response = await gateway.Call(method, parameters, headers);
                Calls++;
                Probes++;
                if (response["error"]?["code"]?.GetValue<int>() != code)
                {
                    throw new XunitException($"tenant {ServiceId} called {method} with another tenant's {kind} {id}: expected {code}, got {response.ToJsonString()}");
                }
            }
        }

        /// <summary>Every read route shows this tenant's own work only.</summary>
        public async Task VerifyReads(IReadOnlyList<TenantRun> others)
        {
            var transactions = (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();
            transactions.Select(t => t!["bank_transaction_id"]!.GetValue<long>()).Should().BeEquivalentTo(btids, "tenant {0} lists its own transactions only", ServiceId);
            transactions.Should().OnlyContain(t => t!["product"]!.GetValue<string>() == ServiceId);

            var invoiceList = (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray();
            invoiceList.Select(i => i!["id"]!.GetValue<long>()).Should().BeEquivalentTo(invoices, "tenant {0} lists its own invoices only", ServiceId);

            var payoutList = (await gateway.Control(HttpMethod.Get, "payouts"))["payouts"]!.AsArray();
            payoutList.Select(p => p!["transaction_id"]!.GetValue<long>()).Should().BeEquivalentTo(payouts, "tenant {0} lists its own payouts only", ServiceId);

            var sms = (await gateway.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Select(m => m!["reference"]!.GetValue<string>()).ToList();
            sms.Should().OnlyContain(r => cardIds.Contains(r) || btids.Contains(long.Parse(r, CultureInfo.InvariantCulture)), "tenant {0} reads its own SMS only", ServiceId);
            sms.Should().HaveCount(btids.Count + cardIds.Count > 1000 ? 1000 : sms.Count);

            var clock = await gateway.Control(HttpMethod.Get, "clock");
            clock["offset_seconds"]!.GetValue<long>().Should().Be(clockMoved, "tenant {0}'s clock moved only by its own advances", ServiceId);

            var journal = (await gateway.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();
            journal.Should().HaveCount((int)Math.Min(Calls, 1000), "tenant {0}'s journal holds its own calls, and only them", ServiceId);
            var foreignIds = others.SelectMany(o => o.btids.Select(Text).Concat(o.tids.Select(Text)).Concat(o.cardIds).Concat(o.payouts.Select(Text))).ToList();
            var transactionsText = transactions.ToJsonString();
            foreach (var id in foreignIds)
            {
                sms.Should().NotContain(id, "tenant {0}'s outbox never holds another tenant's SMS", ServiceId);
                transactionsText.Should().NotContain(id, "tenant {0}'s transactions never mention another tenant's ids", ServiceId);
            }

            foreach (var entry in journal)
            {
                var text = entry!.ToJsonString();
                if (foreignIds.FirstOrDefault(id => text.Contains(id, StringComparison.Ordinal)) is { } foreignId)
                {
                    // Only this tenant's own probes mention another tenant's id, and each was answered "not found".
                    entry["response"]!["error"]?["code"]?.GetValue<int>().Should().BeOneOf([-32314, -32301], "journal entry {0} of tenant {1} mentions {2}", text, ServiceId, foreignId);
                    entry["response"]!["error"].Should().NotBeNull("journal entry {0} of tenant {1} mentions {2}", text, ServiceId, foreignId);
                }
            }

            var start = new Dictionary<string, long> { [Domain.CardMasking.MaskPan(Cards.UzcardPan)] = 1_000_000_000, [Domain.CardMasking.MaskPan(Cards.HumoPan)] = 1_000_000_000 };
            MoneyConservationTests.Verify(start, (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray(), transactions, payoutList, refunds);
        }

        private async Task<JsonObject> Ok(string method, object parameters)
        {
            Calls++;
            return await gateway.Ok(method, parameters);
        }

        private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
