using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using PaySys.Sandbox.Domain;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// A randomised mixed workload from 32 concurrent clients on one tenant: card registrations, OTP payments (some with
/// wrong codes), holds, token payments, accepts, cancels, reversals, vendor cancels, refunds in four currencies,
/// payouts, invoices (paid on the pay page over HTTP, confirmed on the page or through the gateway, cancelled on the
/// page, their stale attempts confirmed through the gateway) and clock moves that expire OTPs and holds. Afterwards,
/// for every card: start balance = balance + held + debits − credits; held = the sum of the open holds; no refund sum
/// over its cap; no transaction past a terminal state; every history a legal path of PaymentStateMachine's table;
/// and for every invoice: paid at most once, its status that of its latest attempt, never cancelled with a completed
/// payment (<see cref="InvoiceConsistencyTests.InvoiceProblems"/>). PAYSYS_HARDENING_SCALE=full races 10⁵ operations,
/// PAYSYS_HARDENING_SCALE=bench 10⁶ (bench/run.sh), with the per-tenant caps raised so that no operation meets one.
/// </summary>
public sealed class MoneyConservationTests(ITestOutputHelper output)
{
    private enum OpKind
    {
        Register,
        Pay,
        PrepareOnly,
        WrongCode,
        PayByToken,
        HoldAccept,
        HoldCancel,
        Reverse,
        VendorCancel,
        Refund,
        Payout,
        AdvanceClock,
        Check,
        InvoiceCreate,
        InvoicePay,
        InvoiceGatewayConfirm,
        InvoiceCancel,
    }

    private sealed record Op(OpKind Kind, int Card, int Pick, long Amount, bool Hold, bool AcceptOnExpiry, int Seconds, int Currency, bool Save)
    {
        public override string ToString() =>
            $"{Kind}(card {Card}, pick {Pick}, amount {Amount}, hold {Hold}, accept on expiry {AcceptOnExpiry}, {Seconds} s, currency {Currency}, save {Save})";
    }

    private sealed record Workload(Op[][] Clients)
    {
        public override string ToString() =>
            $"{Clients.Length} clients, {Clients.Sum(c => c.Length)} operations; first client: {string.Join("; ", Clients[0].Take(20))}";
    }

    private sealed record CardUnderTest(string Pan, string Expiry, string Phone);

    private static readonly CardUnderTest[] CardsUnderTest =
    [
        new(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone),
        new(Cards.HumoPan, "3012", Cards.HumoPhone),
        new("8600111100000001", "3012", "998901110001"),
        new("8600111100000002", "3012", "998901110002"),
        new(Cards.InsufficientFundsPan, "3012", Cards.PhoneOf(Cards.InsufficientFundsPan)),
    ];

    private static readonly string[] Currencies = ["UZS", "USD", "EUR", "RUB"];
    private static readonly long[] TiyinPerMinorUnit = [1, 12_650, 13_700, 155];

    private static readonly Gen<Op> Operation =
        Gen.Select(
            Gen.Frequency(
                (3, Gen.Const(OpKind.Register)), (10, Gen.Const(OpKind.Pay)), (3, Gen.Const(OpKind.PrepareOnly)), (2, Gen.Const(OpKind.WrongCode)),
                (5, Gen.Const(OpKind.PayByToken)), (4, Gen.Const(OpKind.HoldAccept)), (4, Gen.Const(OpKind.HoldCancel)), (4, Gen.Const(OpKind.Reverse)),
                (3, Gen.Const(OpKind.VendorCancel)), (7, Gen.Const(OpKind.Refund)), (2, Gen.Const(OpKind.Payout)), (2, Gen.Const(OpKind.AdvanceClock)),
                (2, Gen.Const(OpKind.Check)), (2, Gen.Const(OpKind.InvoiceCreate)), (5, Gen.Const(OpKind.InvoicePay)),
                (2, Gen.Const(OpKind.InvoiceGatewayConfirm)), (1, Gen.Const(OpKind.InvoiceCancel))),
            Gen.Int[0, CardsUnderTest.Length - 1],
            Gen.Int[0, 1_000_000],
            Gen.Long[1, 300_000],
            Gen.Bool,
            Gen.Bool,
            Gen.Int[1, 7_200],
            Gen.Select(Gen.Int[0, Currencies.Length - 1], Gen.Bool))
        .Select(o => new Op(o.Item1, o.Item2, o.Item3, o.Item4, o.Item5, o.Item6, o.Item7, o.Item8.Item1, o.Item8.Item2));

    // Generated up front even at the bench size: 10⁶ operations are about 60 MB and 2–3 s next to the race's minutes and
    // the sandbox's own state, and whole arrays are what lets CsCheck shrink a failure at the smaller sizes.
    private static readonly Gen<Workload> Workloads =
        Operation.Array[HardeningScale.OperationsPerClient].Array[HardeningScale.Clients].Select(clients => new Workload(clients));

    [Fact]
    public async Task A_randomised_mixed_workload_of_32_clients_conserves_money_and_keeps_every_history_legal()
    {
        var figures = new Figures { Started = TimeProvider.System.GetTimestamp() };
        // Every retry of a 10⁶-operation case races for minutes, so the bench size reports its case unshrunk.
        var shrinkIterations = HardeningScale.Current == HardeningScale.Size.Bench ? 0 : 10;
        await GeneratedRun.ForEachAsync(Workloads, count: 1, parallelism: 1, w => Run(w, figures), w => w.ToString(), shrinkIterations);

        output.WriteLine($"money conservation ({HardeningScale.Name}): {figures.Clients} concurrent clients raced {figures.Operations} operations " +
            $"({figures.Calls} gateway and pay-page calls, {figures.Succeeded} succeeded); {figures.Transactions} transactions, {figures.Refunds} refunds, {figures.Invoices} invoices, " +
            $"{figures.Cards} cards checked; violations: 0");
        output.WriteLine($"money conservation timings ({HardeningScale.Name}): generated in {Seconds(figures.Generated)}, " +
            $"raced in {Seconds(figures.Raced)} ({figures.Operations / figures.Raced.TotalSeconds:0} operations/s), verified in {Seconds(figures.Verified)}");
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.0} s";

    /// <summary>
    /// Caps no larger than the workload can reach: every operation stores at most one transaction and at most one refund,
    /// so with these no call meets a cap (which <see cref="Apply"/> checks) and the race stays a race, not a flood of -32312.
    /// The defaults already hold the reduced and full sizes. The catalogue does not grow (registrations are not cards of it).
    /// </summary>
    private static Dictionary<string, string?> CapsFor(long operations) => new()
    {
        ["Sandbox:MaxTransactionsPerTenant"] = Math.Max(TenantLimits.Defaults.MaxTransactions, operations).ToString(CultureInfo.InvariantCulture),
        ["Sandbox:MaxRefundsPerPayment"] = Math.Max(TenantLimits.Defaults.MaxRefundsPerPayment, operations).ToString(CultureInfo.InvariantCulture),
        ["Sandbox:MaxInvoicesPerTenant"] = Math.Max(TenantLimits.Defaults.MaxInvoices, operations).ToString(CultureInfo.InvariantCulture),
    };

    private sealed class Figures
    {
        public long Started { get; init; }

        public TimeSpan Generated { get; set; }

        public TimeSpan Raced { get; set; }

        public TimeSpan Verified { get; set; }

        public int Clients { get; set; }

        public long Operations { get; set; }

        public long Calls;

        public long Succeeded;

        public int Transactions { get; set; }

        public int Refunds { get; set; }

        public int Invoices { get; set; }

        public int Cards { get; set; }
    }

    private static async Task Run(Workload workload, Figures figures)
    {
        figures.Generated = TimeProvider.System.GetElapsedTime(figures.Started);
        var operations = workload.Clients.Sum(c => (long)c.Length);
        using var sandbox = SandboxFactory.WithFixedOtp(CapsFor(operations));
        var gateway = sandbox.CreateGateway();
        foreach (var (pan, balance) in new[] { ("8600111100000001", 2_000_000L), ("8600111100000002", 500_000L) })
        {
            var card = CardsUnderTest.Single(c => c.Pan == pan);
            await gateway.Control(HttpMethod.Post, "cards", new { pan, expiry = card.Expiry, phone = card.Phone, holder = "RACE", balance, behaviour = "success" });
        }

        var start = await BalancesByMaskedPan(gateway);
        var world = new World();
        var startLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = workload.Clients.Select(ops => Task.Run(async () =>
        {
            await startLine.Task;
            foreach (var op in ops)
            {
                await Apply(gateway, op, world, figures);
            }
        })).ToArray();
        var raceStarted = TimeProvider.System.GetTimestamp();
        startLine.SetResult();
        await Task.WhenAll(clients);
        figures.Raced = TimeProvider.System.GetElapsedTime(raceStarted);

        var verifyStarted = TimeProvider.System.GetTimestamp();
        var cards = await gateway.ControlListAll("cards");
        var transactions = await gateway.ControlListAll("transactions");
        var payouts = await gateway.ControlListAll("payouts");
        var invoices = await gateway.ControlListAll("invoices");
        Verify(start, cards, transactions, payouts, world.RefundedTiyin);
        var invoiceProblems = InvoiceConsistencyTests.InvoiceProblems(invoices, transactions);
        invoiceProblems.Should().BeEmpty("every invoice follows its payment and is paid at most once");
        figures.Verified = TimeProvider.System.GetElapsedTime(verifyStarted);

        figures.Clients = workload.Clients.Length;
        figures.Operations = operations;
        figures.Transactions = transactions.Count;
        figures.Refunds = world.RefundCount;
        figures.Invoices = invoices.Count;
        figures.Cards = start.Count;
        sandbox.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Should().BeEmpty();
    }

    /// <summary>What the clients learned: ids to act on, registered cards, and the refunds the sandbox accepted (in tiyin).</summary>
    private sealed class World
    {
        private readonly Lock gate = new();
        private readonly List<(long Btid, long Tid)> payments = [];
        private readonly List<(string CardId, string Token, int Card)> tokens = [];
        private readonly List<string> invoiceHashes = [];
        private readonly List<long> invoiceAttempts = [];

        public ConcurrentDictionary<long, long> RefundedTiyin { get; } = new();

        public int RefundCount;

        public void AddPayment(long btid, long tid)
        {
            lock (gate)
            {
                payments.Add((btid, tid));
            }
        }

        public (long Btid, long Tid)? Payment(int pick)
        {
            lock (gate)
            {
                return payments.Count == 0 ? null : payments[pick % payments.Count];
            }
        }

        public void AddToken(string cardId, string token, int card)
        {
            lock (gate)
            {
                tokens.Add((cardId, token, card));
            }
        }

        public (string CardId, string Token, int Card)? Token(int pick)
        {
            lock (gate)
            {
                return tokens.Count == 0 ? null : tokens[pick % tokens.Count];
            }
        }

        public void AddInvoice(string hash)
        {
            lock (gate)
            {
                invoiceHashes.Add(hash);
            }
        }

        public string? Invoice(int pick)
        {
            lock (gate)
            {
                return invoiceHashes.Count == 0 ? null : invoiceHashes[pick % invoiceHashes.Count];
            }
        }

        /// <summary>The bank_transaction_id of an attempt on an invoice's pay page: its latest, voided or failed by now, or paid.</summary>
        public void AddInvoiceAttempt(long btid)
        {
            lock (gate)
            {
                invoiceAttempts.Add(btid);
            }
        }

        public long? InvoiceAttempt(int pick)
        {
            lock (gate)
            {
                return invoiceAttempts.Count == 0 ? null : invoiceAttempts[pick % invoiceAttempts.Count];
            }
        }
    }

    private static async Task Apply(GatewayClient gateway, Op op, World world, Figures figures)
    {
        var card = CardsUnderTest[op.Card];
        async Task<JsonObject?> Call(string method, object parameters, IDictionary<string, string>? headers = null)
        {
            var response = await gateway.Call(method, parameters, headers);
            Interlocked.Increment(ref figures.Calls);
            if (response["error"] is JsonObject error)
            {
                var code = error["code"]!.GetValue<int>();
                code.Should().NotBe(-32400, "{0} failed unexpectedly: {1}", method, error.ToJsonString());
                (error["data"] as JsonObject)?["limit"].Should().BeNull("the caps are raised past what the workload can reach, yet {0} met one: {1}", method, error.ToJsonString());
                return null;
            }

            Interlocked.Increment(ref figures.Succeeded);
            return response["result"]!.AsObject();
        }

        async Task<string> OnPage(Func<PayPageCustomer, Task<string>> post)
        {
            var html = await post(new PayPageCustomer(gateway.Http));
            Interlocked.Increment(ref figures.Calls);
            html.Should().NotContain("PAYSYS_MAX_", "the caps are raised past what the workload can reach");
            return html;
        }

        void Paid(long btid, JsonObject? confirmed)
        {
            if (confirmed is not null)
            {
                world.AddPayment(btid, long.Parse(confirmed["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            }
        }

        switch (op.Kind)
        {
            case OpKind.Register:
                if (await Call("paysys.card_registration", new { phone_number = card.Phone, card_number = card.Pan, card_expire = card.Expiry }) is { } registered &&
                    await Call("paysys.card_confirm", new { card_id = registered["id"]!.GetValue<string>(), confirmation_code = Cards.FixedOtp }) is { } confirmed &&
                    confirmed["card_token"] is JsonValue token)
                {
                    world.AddToken(registered["id"]!.GetValue<string>(), token.GetValue<string>(), op.Card);
                }

                break;
            case OpKind.Pay or OpKind.PrepareOnly or OpKind.WrongCode:
                var prepared = await Call("pam.prepare_payment", new
                {
                    card_number = card.Pan,
                    card_expire = card.Expiry,
                    phone_number = card.Phone,
                    amount = op.Amount,
                    vendor_id = Cards.VendorId,
                    product = "race",
                    hold = op.Hold,
                    holding_time = op.Seconds,
                    after_expired = op.AcceptOnExpiry ? "accept" : "cancel",
                    save = op.Save,
                });
                if (prepared is null || op.Kind == OpKind.PrepareOnly)
                {
                    break;
                }

                var btid = prepared["bank_transaction_id"]!.GetValue<long>();
                if (op.Kind == OpKind.WrongCode)
                {
                    for (var attempt = 0; attempt < 1 + (op.Pick % 3); attempt++)
                    {
                        await Call("pam.confirm_payment", new { bank_transaction_id = btid, confirmation_code = "000000" });
                    }
                }

                if (await Call("pam.confirm_payment", new { bank_transaction_id = btid, confirmation_code = Cards.FixedOtp }) is { } paid)
                {
                    world.AddPayment(btid, long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                    if (paid["card"] is JsonObject saved)
                    {
                        world.AddToken(saved["id"]!.GetValue<string>(), saved["token"]!.GetValue<string>(), op.Card);
                    }
                }

                break;
            case OpKind.PayByToken when world.Token(op.Pick) is { } registeredCard:
                var owner = CardsUnderTest[registeredCard.Card];
                if (await Call("pam.payment", new
                {
                    card_id = registeredCard.CardId,
                    phone_number = owner.Phone,
                    amount = op.Amount,
                    vendor_id = Cards.VendorId,
                    product = "race-token",
                    hold = op.Hold,
                    holding_time = op.Seconds,
                    after_expired = op.AcceptOnExpiry ? "accept" : "cancel",
                }, new Dictionary<string, string> { ["Card-Token"] = registeredCard.Token }) is { } tokenPaid)
                {
                    var details = tokenPaid["details"]!;
                    world.AddPayment(long.Parse(details["bank_transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                        long.Parse(details["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                }

                break;
            case OpKind.HoldAccept or OpKind.HoldCancel when world.Payment(op.Pick) is { } held:
                await Call("hold.confirm", new { bank_transaction_id = held.Btid, status = op.Kind == OpKind.HoldAccept ? "accept" : "cancel" });
                break;
            case OpKind.Reverse when world.Payment(op.Pick) is { } reversed:
                await Call("transaction.reverse", new { transaction_id = reversed.Tid });
                break;
            case OpKind.VendorCancel when world.Payment(op.Pick) is { } cancelled:
                await Call("paysys.payment_cancel", new { transaction_id = cancelled.Tid });
                break;
            case OpKind.Refund when world.Payment(op.Pick) is { } refunded:
                var minor = op.Currency == 0 ? op.Amount : 1 + (op.Amount % 25);
                if (await Call("paysys.payment_adjustments", new { transaction_id = refunded.Tid, amount = minor, currency = Currencies[op.Currency] }) is not null)
                {
                    world.RefundedTiyin.AddOrUpdate(refunded.Tid, minor * TiyinPerMinorUnit[op.Currency], (_, sum) => sum + (minor * TiyinPerMinorUnit[op.Currency]));
                    Interlocked.Increment(ref world.RefundCount);
                }

                break;
            case OpKind.Payout:
                await Call("pam.pay_by_cash", new { vendor_form = new { account = op.Pick % 5 == 0 ? "79000000003" : "998901234567", amount = op.Amount, vendor_id = Cards.VendorId } });
                break;
            case OpKind.AdvanceClock:
                await gateway.AdvanceClock(op.Seconds);
                break;
            case OpKind.InvoiceCreate:
                if (await Call("paysys.invoice_create", new
                {
                    order_id = $"invoice-{Guid.NewGuid():N}",
                    vendor_id = Cards.VendorId,
                    payment_id = -1,
                    currency = "UZS",
                    amount = op.Amount / 100m,
                    order_note = "race",
                }) is { } invoice)
                {
                    world.AddInvoice(invoice["hash"]!.GetValue<string>());
                }

                break;
            case OpKind.InvoicePay when world.Invoice(op.Pick) is { } hash:
                if (PayPageCustomer.Attempt(await OnPage(c => c.Pay(hash, card.Pan, card.Expiry, card.Phone))) is not { } started)
                {
                    break;
                }

                world.AddInvoiceAttempt(started);
                if (op.Hold)
                {
                    // Left awaiting its code: a later attempt, a Cancel or the clock decides it.
                }
                else if (op.Save)
                {
                    Paid(started, await Call("pam.confirm_payment", new { bank_transaction_id = started, confirmation_code = Cards.FixedOtp }));
                }
                else if (PayPageCustomer.PaidTransaction(await OnPage(c => c.Confirm(hash, Cards.FixedOtp))) is { } paidTid &&
                    await Call("paysys.payment_info", new { transaction_id = paidTid }) is { } info)
                {
                    // Another client may have started a newer attempt in between: the page pays whichever is the latest.
                    world.AddPayment(info["bank_transaction_id"]!.GetValue<long>(), paidTid);
                }

                break;
            case OpKind.InvoiceGatewayConfirm when world.InvoiceAttempt(op.Pick) is { } staleOrNot:
                Paid(staleOrNot, await Call("pam.confirm_payment", new { bank_transaction_id = staleOrNot, confirmation_code = Cards.FixedOtp }));
                break;
            case OpKind.InvoiceCancel when world.Invoice(op.Pick) is { } cancelledHash:
                await OnPage(c => c.Cancel(cancelledHash));
                break;
            case OpKind.Check when world.Payment(op.Pick) is { } checkedPayment:
                await Call("pam.check_payment", new { bank_transaction_id = checkedPayment.Btid });
                await Call("paysys.payment_info", new { transaction_id = checkedPayment.Tid });
                break;
        }
    }

    /// <summary>balance + held of each card, by masked PAN (the transactions name their card so).</summary>
    internal static async Task<Dictionary<string, long>> BalancesByMaskedPan(GatewayClient gateway, IReadOnlyCollection<string>? pans = null) =>
        (await gateway.Control(HttpMethod.Get, "cards"))["cards"]!.AsArray()
            .Where(c => (pans ?? CardsUnderTest.Select(u => u.Pan).ToList()).Contains(c!["pan"]!.GetValue<string>()))
            .ToDictionary(c => CardMasking.MaskPan(c!["pan"]!.GetValue<string>()), c => c!["balance"]!.GetValue<long>() + c!["held"]!.GetValue<long>());

    private static readonly Dictionary<string, PaymentEvent> EventsByWireName =
        Enum.GetValues<PaymentEvent>().ToDictionary(PaymentStateMachine.WireName);

    private static readonly HashSet<string> Captures = ["paid", "paid_by_token", "hold_accepted", "hold_expired_accepted"];

    /// <summary>The ledger's promises over the control API's cards, transactions and payouts, and the refunds the clients saw accepted.</summary>
    internal static void Verify(Dictionary<string, long> start, JsonArray cards, JsonArray transactions, JsonArray payouts, IReadOnlyDictionary<long, long> refundedTiyin)
    {
        var problems = new List<string>();
        var debits = new Dictionary<string, long>();
        var credits = new Dictionary<string, long>();
        var openHolds = new Dictionary<string, long>();
        foreach (var node in transactions)
        {
            var t = node!.AsObject();
            var tid = t["transaction_id"]!.GetValue<long>();
            var amount = t["amount"]!.GetValue<long>();
            var card = t["masked_card_number"]!.GetValue<string>();
            var status = t["status"]!.GetValue<int>();
            var history = t["history"]!.AsArray().Select(h => (Status: h!["status"]!.GetValue<int>(), Event: h["event"]!.GetValue<string>())).ToList();
            problems.AddRange(IllegalSteps(tid, history).Take(3));
            if (history[^1].Status != status)
            {
                problems.Add($"transaction {tid} is {status} but its history ends in {history[^1].Status}");
            }

            var refunded = refundedTiyin.GetValueOrDefault(tid);
            var cap = amount - (long)decimal.Floor(amount * 0.01m);
            if (refunded > cap)
            {
                problems.Add($"transaction {tid}: refunds of {refunded} tiyin pass its cap of {cap}");
            }

            var captured = history.Any(h => Captures.Contains(h.Event));
            var returned = history.Any(h => h.Event is "cancelled_by_vendor") ||
                history.Zip(history.Skip(1)).Any(p => p.First.Status == 2 && p.Second.Event == "reversed");
            Add(debits, card, captured ? amount : 0);
            Add(credits, card, (returned ? amount : 0) + refunded);
            Add(openHolds, card, status == 7 ? amount : 0);
        }

        foreach (var node in cards)
        {
            var pan = node!["pan"]!.GetValue<string>();
            var masked = CardMasking.MaskPan(pan);
            if (!start.TryGetValue(masked, out var before))
            {
                continue;
            }

            var balance = node["balance"]!.GetValue<long>();
            var held = node["held"]!.GetValue<long>();
            var debited = debits.GetValueOrDefault(masked);
            var credited = credits.GetValueOrDefault(masked);
            if (before != balance + held + debited - credited)
            {
                problems.Add($"card {masked}: start {before} ≠ balance {balance} + held {held} + debits {debited} − credits {credited} = {balance + held + debited - credited}");
            }

            if (held != openHolds.GetValueOrDefault(masked) || balance < 0 || held < 0)
            {
                problems.Add($"card {masked}: held {held}, but its open holds add up to {openHolds.GetValueOrDefault(masked)} (balance {balance})");
            }
        }

        foreach (var payout in payouts)
        {
            var steps = payout!["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).ToList();
            if (steps[0] != "accepted" || steps.Count > 2 || (steps.Count == 2 && steps[1] is not ("paid_out" or "failed")))
            {
                problems.Add($"payout {payout["transaction_id"]}: history {string.Join(" → ", steps)}");
            }
        }

        if (problems.Count > 0)
        {
            throw new XunitException($"{problems.Count} violations:\n{string.Join("\n", problems.Take(20))}");
        }
    }

    /// <summary>Every step must be an edge of the transition table, and nothing may follow a terminal status (-1 failed, 3 cancelled).</summary>
    private static IEnumerable<string> IllegalSteps(long tid, List<(int Status, string Event)> history)
    {
        if (history[0] is not ((1, "prepared") or (0, "created")))
        {
            yield return $"transaction {tid} starts with {history[0]}";
        }

        for (var i = 1; i < history.Count; i++)
        {
            var (from, (to, name)) = (history[i - 1].Status, history[i]);
            if (from is -1 or 3)
            {
                yield return $"transaction {tid}: {name} after the terminal status {from}";
            }

            if (!EventsByWireName.TryGetValue(name, out var paymentEvent) ||
                !PaymentStateMachine.TryNext((PaymentStatus)from, paymentEvent, out var next) || (int)next != to)
            {
                yield return $"transaction {tid}: {from} --{name}--> {to} is not in the transition table";
            }
        }
    }

    private static void Add(Dictionary<string, long> sums, string card, long amount) =>
        sums[card] = sums.GetValueOrDefault(card) + amount;
}
