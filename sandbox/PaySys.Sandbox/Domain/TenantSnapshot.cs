using System.Globalization;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// Everything a tenant holds, as one versioned document (contracts/snapshot.schema.json): exported by
/// GET /_sandbox/snapshot, given back by PUT /_sandbox/snapshot, named snapshots and the state directory. The request
/// journal is not part of it (it records calls, not state). Cards, tokens and codes in it are the sandbox's own test values.
/// </summary>
public sealed record TenantSnapshot(
    int Version,
    string ServiceId,
    SnapshotClock Clock,
    long IdSequence,
    IReadOnlyList<SnapshotCard> Cards,
    IReadOnlyList<SnapshotRegisteredCard> RegisteredCards,
    IReadOnlyList<SnapshotPayment> Payments,
    IReadOnlyList<SnapshotInvoice> Invoices,
    IReadOnlyList<SnapshotPayout> Payouts,
    IReadOnlyList<SmsMessage> Sms,
    SnapshotFaults Faults,
    SnapshotSwitches Switches,
    SnapshotCallbacks Callbacks,
    GatewayRules? Rules = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>The virtual clock: its offset from the real clock (what an import restores) and the virtual now at export.</summary>
public sealed record SnapshotClock(DateTimeOffset Now, long OffsetTicks);

public sealed record SnapshotCard(CardSpec Spec, long Balance, long Held);

public sealed record SnapshotOtp(string Code, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, int AttemptsLeft);

public sealed record SnapshotRegisteredCard(string CardId, string Pan, bool Confirmed, string? Token, string? RegisteredPhone, SnapshotOtp? PendingOtp);

public sealed record SnapshotPayment(
    long BankTransactionId,
    long TransactionId,
    string Pan,
    string? CardId,
    PaymentOrder Order,
    DateTimeOffset CreatedAt,
    string ReferenceNumber,
    PaymentStatus Status,
    SnapshotOtp? Otp,
    string? RequestId,
    string? ReversalReference,
    DateTimeOffset? CompletedAt,
    long RefundedAmount,
    int RefundCount,
    string? ReceiptId,
    IReadOnlyList<PaymentHistoryEntry> History);

/// <summary>An invoice; its latest pay-page attempt is named by that payment's bank_transaction_id (earlier ones are plain payments).</summary>
public sealed record SnapshotInvoice(
    long Id,
    string Hash,
    string OrderId,
    long VendorId,
    decimal Amount,
    string Currency,
    long AmountTiyin,
    string? OrderNote,
    DateTimeOffset CreatedAt,
    long? AttemptBankTransactionId,
    bool ClosedByCustomer);

public sealed record SnapshotPayout(
    long TransactionId,
    string RequestId,
    string Account,
    long Amount,
    string Currency,
    long VendorId,
    string? Wallet,
    DateTimeOffset CreatedAt,
    PaymentStatus Status,
    IReadOnlyList<PayoutHistoryEntry> History);

public sealed record SnapshotFaults(int LastId, IReadOnlyList<SnapshotFaultRule> Rules);

/// <summary>A fault rule; its kind by its wire name (contracts/faults.json).</summary>
public sealed record SnapshotFaultRule(string Id, string Method, string Kind, int? DelayMs, int? Code, int? HttpStatus, double Probability, int? TimesLeft);

public sealed record SnapshotSwitches(bool ServiceBlocked, IReadOnlyList<long> BlockedVendors);

/// <summary>
/// Callback settings, deliveries and the callback fault rules (POST /_sandbox/callbacks/faults, ids "cf1"…). A version-1
/// document written before the rules were kept has no <paramref name="Faults"/>: it is read as no callback fault rules.
/// </summary>
public sealed record SnapshotCallbacks(
    CallbackEndpoints Endpoints,
    int Dropped,
    long LastDeliveryId,
    IReadOnlyList<SnapshotCallbackChain> Chains,
    SnapshotFaults? Faults = null);

/// <summary>The callbacks about one paid invoice, keyed by the bank_transaction_id of the payment that paid it.</summary>
public sealed record SnapshotCallbackChain(
    long BankTransactionId,
    long InvoiceId,
    long AgrTransId,
    long VendorId,
    int PaymentId,
    string PaymentName,
    string MerchantTransId,
    string Amount,
    string? VendorTransId,
    IReadOnlyList<SnapshotDelivery> Deliveries);

public sealed record SnapshotDelivery(
    long Id,
    CallbackKind Kind,
    string? NotifyStatus,
    DateTimeOffset QueuedAt,
    CallbackDeliveryStatus Status,
    DateTimeOffset NextAttemptAt,
    int ScheduledAttempts,
    IReadOnlyList<SnapshotAttempt> Attempts);

public sealed record SnapshotAttempt(
    DateTimeOffset At,
    string Url,
    string Request,
    bool Redelivery,
    int? HttpStatus,
    string? Body,
    int? Error,
    string? ErrorNote,
    string? VendorTransId,
    string? Failure,
    long LatencyMs);

/// <summary>Turns a tenant's state into a <see cref="TenantSnapshot"/> and back. Callers hold the tenant's gate.</summary>
public static class TenantSnapshots
{
    public static TenantSnapshot Export(Tenant tenant, TenantState state, Operation op, SandboxIds ids) => new(
        TenantSnapshot.CurrentVersion,
        tenant.ServiceId,
        new SnapshotClock(op.Now, tenant.Clock.Offset.Ticks),
        ids.Last,
        [.. state.Cards.Accounts.Select(a => new SnapshotCard(a.Spec, a.Balance, a.Held))],
        [.. state.Cards.Registered.Select(c => new SnapshotRegisteredCard(c.CardId, c.Account.Pan, c.Confirmed, c.Token, c.RegisteredPhone, Otp(c.PendingOtp)))],
        [.. state.Payments.All.Select(p => new SnapshotPayment(p.BankTransactionId, p.TransactionId, p.Card.Pan, p.CardId, p.Order, p.CreatedAt,
            p.ReferenceNumber, p.Status, Otp(p.Otp), p.RequestId, p.ReversalReference, p.CompletedAt, p.RefundedAmount, p.RefundCount, p.ReceiptId, [.. p.History]))],
        [.. state.Invoices.All.Select(i => new SnapshotInvoice(i.Id, i.Hash, i.OrderId, i.VendorId, i.Amount, i.Currency, i.AmountTiyin, i.OrderNote,
            i.CreatedAt, i.Payment?.BankTransactionId, i.ClosedByCustomer))],
        [.. state.Payouts.All.Select(p => new SnapshotPayout(p.TransactionId, p.RequestId, p.Account, p.Amount, p.Currency, p.VendorId, p.Wallet,
            p.CreatedAt, p.Status, [.. p.History]))],
        state.Sms.Snapshot(),
        Faults(state.Faults.All, state.Faults.LastId),
        new SnapshotSwitches(state.ServiceBlocked, [.. state.BlockedVendors.Order()]),
        new SnapshotCallbacks(state.Callbacks.Endpoints, state.Callbacks.Dropped, state.Callbacks.LastDeliveryId,
            [.. state.Callbacks.ChainsByPayment.Select(pair => Chain(pair.Key, pair.Value))],
            Faults(state.Callbacks.Faults.All, state.Callbacks.Faults.LastId)),
        state.Rules);

    /// <summary>
    /// What is wrong with <paramref name="snapshot"/> for <paramref name="merchant"/>'s tenant, or null: every reference
    /// resolves, every id is unique, every number is in range, and each card's held sum is its held payments'.
    /// Checked before anything is replaced, so a refused snapshot leaves the tenant as it was.
    /// </summary>
    public static string? Problem(TenantSnapshot snapshot, Merchant merchant)
    {
        if (snapshot.Version != TenantSnapshot.CurrentVersion)
        {
            return $"version {snapshot.Version} is not supported; this sandbox reads version {TenantSnapshot.CurrentVersion}";
        }

        if (snapshot.Rules is { ReversalWindowDays: < 0 or > GatewayRules.MaxReversalWindowDays })
        {
            return $"rules.reversal_window_days must be between 0 and {GatewayRules.MaxReversalWindowDays}";
        }

        if (!string.Equals(snapshot.ServiceId, merchant.ServiceId, StringComparison.Ordinal))
        {
            return $"the snapshot is of service {snapshot.ServiceId}, not of service {merchant.ServiceId}; a snapshot goes back to the tenant it came from";
        }

        return CardProblem(snapshot) ?? PaymentProblem(snapshot, merchant) ?? InvoiceProblem(snapshot, merchant)
            ?? PayoutProblem(snapshot, merchant) ?? RestProblem(snapshot, merchant) ?? CallbackProblem(snapshot);
    }

    /// <summary>
    /// Fills <paramref name="fresh"/> (a new, empty state) from a snapshot <see cref="Problem"/> found nothing wrong with.
    /// A tenant cap or the memory budget may still refuse (a <see cref="Refusal"/>); the caller then drops the new state.
    /// </summary>
    public static void Fill(TenantState fresh, TenantSnapshot snapshot)
    {
        foreach (var card in snapshot.Cards)
        {
            fresh.Cards.AddOrReplace(card.Spec).Restore(card.Balance, card.Held);
        }

        var registered = new Dictionary<string, RegisteredCard>(StringComparer.Ordinal);
        foreach (var card in snapshot.RegisteredCards)
        {
            var adopted = fresh.Cards.Adopt(card.CardId, fresh.Cards.FindAccount(card.Pan));
            adopted.Confirmed = card.Confirmed;
            adopted.Token = card.Token;
            adopted.RegisteredPhone = card.RegisteredPhone;
            adopted.PendingOtp = Otp(card.PendingOtp);
            registered[card.CardId] = adopted;
        }

        var payments = new Dictionary<long, Payment>();
        foreach (var kept in snapshot.Payments)
        {
            var payment = new Payment(kept.BankTransactionId, kept.TransactionId, fresh.Cards.FindAccount(kept.Pan), kept.Order, kept.CreatedAt,
                kept.ReferenceNumber, kept.Status, kept.CompletedAt, kept.History)
            {
                CardId = kept.CardId,
                Otp = Otp(kept.Otp),
                RequestId = kept.RequestId,
                ReversalReference = kept.ReversalReference,
                RefundedAmount = kept.RefundedAmount,
                RefundCount = kept.RefundCount,
                ReceiptId = kept.ReceiptId,
            };
            fresh.Acquiring.Adopt(payment);
            payments[payment.BankTransactionId] = payment;
        }

        fresh.Footprint.Resize(StoredKind.Refunds, snapshot.Payments.Sum(p => (long)p.RefundCount), StoredSizes.Refund, "refund");

        foreach (var kept in snapshot.Invoices)
        {
            var invoice = new Invoice(kept.Id, kept.Hash, kept.OrderId, kept.VendorId, kept.Amount, kept.Currency, kept.AmountTiyin, kept.OrderNote, kept.CreatedAt);
            invoice.Restore(kept.AttemptBankTransactionId is { } attempt ? payments[attempt] : null, kept.ClosedByCustomer);
            fresh.Invoices.Adopt(invoice);
        }

        foreach (var kept in snapshot.Payouts)
        {
            var payout = new Payout(kept.TransactionId, kept.RequestId, kept.Account, kept.Amount, kept.Currency, kept.VendorId, kept.Wallet, kept.CreatedAt);
            payout.Restore(kept.Status, kept.History);
            fresh.Payouts.Adopt(payout);
        }

        foreach (var message in snapshot.Sms)
        {
            fresh.Sms.Add(message);
        }

        fresh.Faults.Restore(Rules(snapshot.Faults), snapshot.Faults.LastId);
        // A document without rules (written before they were kept) leaves the tenant's configured ones.
        fresh.Rules = snapshot.Rules ?? fresh.Rules;
        fresh.ServiceBlocked = snapshot.Switches.ServiceBlocked;
        fresh.BlockedVendors.Clear();
        fresh.BlockedVendors.UnionWith(snapshot.Switches.BlockedVendors);
        fresh.Callbacks.Restore(snapshot.Callbacks.Endpoints, snapshot.Callbacks.Dropped, snapshot.Callbacks.LastDeliveryId,
            snapshot.Callbacks.Chains.Select(kept => KeyValuePair.Create(kept.BankTransactionId, Chain(kept))));
        if (snapshot.Callbacks.Faults is { } callbackFaults)
        {
            fresh.Callbacks.Faults.Restore(Rules(callbackFaults), callbackFaults.LastId);
        }
    }

    /// <summary>The highest id a snapshot holds: the shared sequence must be past it before the tenant gives out new ones.</summary>
    public static long HighestId(TenantSnapshot snapshot) =>
        new[]
        {
            snapshot.IdSequence,
            snapshot.Payments.Select(p => Math.Max(p.BankTransactionId, p.TransactionId)).DefaultIfEmpty().Max(),
            snapshot.Payments.Select(p => long.TryParse(p.RequestId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).DefaultIfEmpty().Max(),
            snapshot.Invoices.Select(i => i.Id).DefaultIfEmpty().Max(),
            snapshot.Payouts.Select(p => p.TransactionId).DefaultIfEmpty().Max(),
        }.Max();

    private static string? CardProblem(TenantSnapshot snapshot)
    {
        var pans = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (card, index) in snapshot.Cards.Select((c, i) => (c, i)))
        {
            if (!pans.Add(card.Spec.Pan))
            {
                return $"cards[{index}]: card {CardMasking.MaskPan(card.Spec.Pan)} appears more than once";
            }

            if (!CardBehaviours.TryParse(card.Spec.Behaviour, out _))
            {
                return $"cards[{index}].spec.behaviour '{card.Spec.Behaviour}' is not one of {string.Join(", ", CardBehaviours.AllNames)}";
            }

            if (card.Balance < 0 || card.Held < 0)
            {
                return $"cards[{index}]: balance and held must be >= 0";
            }

            var heldByPayments = snapshot.Payments.Where(p => p.Status == PaymentStatus.Held && p.Pan == card.Spec.Pan).Sum(p => p.Order.Amount);
            if (heldByPayments != card.Held)
            {
                return $"cards[{index}]: held is {card.Held} but the card's held payments hold {heldByPayments}";
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var registeredPans = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (card, index) in snapshot.RegisteredCards.Select((c, i) => (c, i)))
        {
            if (!ids.Add(card.CardId) || !registeredPans.Add(card.Pan))
            {
                return $"registered_cards[{index}]: card_id and pan must each appear once";
            }

            if (!pans.Contains(card.Pan))
            {
                return $"registered_cards[{index}]: card {CardMasking.MaskPan(card.Pan)} is not in cards";
            }

            if (card.PendingOtp is { } otp && OtpProblem(otp) is { } problem)
            {
                return $"registered_cards[{index}].pending_otp: {problem}";
            }
        }

        return null;
    }

    private static string? PaymentProblem(TenantSnapshot snapshot, Merchant merchant)
    {
        var pans = snapshot.Cards.Select(c => c.Spec.Pan).ToHashSet(StringComparer.Ordinal);
        var cardIds = snapshot.RegisteredCards.Select(c => c.CardId).ToHashSet(StringComparer.Ordinal);
        var numbers = new HashSet<long>();
        foreach (var (payment, index) in snapshot.Payments.Select((p, i) => (p, i)))
        {
            var at = $"payments[{index}]";
            if (payment.BankTransactionId <= 0 || payment.TransactionId <= 0 || !numbers.Add(payment.BankTransactionId) || !numbers.Add(payment.TransactionId))
            {
                return $"{at}: bank_transaction_id and transaction_id must be positive and name nothing else";
            }

            if (!pans.Contains(payment.Pan))
            {
                return $"{at}: card {CardMasking.MaskPan(payment.Pan)} is not in cards";
            }

            if (payment.CardId is { } cardId && !cardIds.Contains(cardId))
            {
                return $"{at}.card_id is not in registered_cards";
            }

            if (!merchant.Vendors.ContainsKey(payment.Order.VendorId))
            {
                return $"{at}.order.vendor_id {payment.Order.VendorId} is not a vendor of service {merchant.ServiceId}";
            }

            if (!Enum.IsDefined(payment.Status) || !Enum.IsDefined(payment.Order.AfterExpired))
            {
                return $"{at}: status or order.after_expired is not a known value";
            }

            if (payment.Order.Amount <= 0 || payment.Order.HoldingTimeSeconds < 0 || payment.RefundedAmount < 0 || payment.RefundedAmount > payment.Order.Amount || payment.RefundCount < 0)
            {
                return $"{at}: order.amount must be > 0, holding_time_seconds >= 0, and refunded_amount between 0 and the amount";
            }

            if (payment.History.Count == 0 || payment.History[^1].Status != payment.Status ||
                payment.History.Any(h => !Enum.IsDefined(h.Status) || !Enum.IsDefined(h.Event)))
            {
                return $"{at}.history must hold known steps and end in the payment's status";
            }

            if (payment.Otp is { } otp && (payment.Status != PaymentStatus.AwaitingConfirmation || OtpProblem(otp) is not null))
            {
                return $"{at}.otp: only a payment awaiting its code has one, {OtpProblem(otp) ?? "and this one is not awaiting"}";
            }
        }

        return null;
    }

    private static string? InvoiceProblem(TenantSnapshot snapshot, Merchant merchant)
    {
        var payments = snapshot.Payments.Select(p => p.BankTransactionId).ToHashSet();
        var ids = new HashSet<long>();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (invoice, index) in snapshot.Invoices.Select((v, i) => (v, i)))
        {
            var at = $"invoices[{index}]";
            if (!ids.Add(invoice.Id) || !hashes.Add(invoice.Hash))
            {
                return $"{at}: id and hash must each appear once";
            }

            if (invoice.Hash.Length != 32 || !invoice.Hash.All(char.IsAsciiHexDigitLower))
            {
                return $"{at}.hash must be 32 lower-case hex characters";
            }

            if (!merchant.Vendors.ContainsKey(invoice.VendorId))
            {
                return $"{at}.vendor_id {invoice.VendorId} is not a vendor of service {merchant.ServiceId}";
            }

            if (invoice.AmountTiyin <= 0 || invoice.Amount <= 0)
            {
                return $"{at}: amount and amount_tiyin must be > 0";
            }

            if (invoice.AttemptBankTransactionId is { } attempt && !payments.Contains(attempt))
            {
                return $"{at}.attempt_bank_transaction_id {attempt} is not a payment in payments";
            }
        }

        return null;
    }

    private static string? PayoutProblem(TenantSnapshot snapshot, Merchant merchant)
    {
        var numbers = snapshot.Payments.SelectMany(p => new[] { p.BankTransactionId, p.TransactionId }).ToHashSet();
        foreach (var (payout, index) in snapshot.Payouts.Select((p, i) => (p, i)))
        {
            var at = $"payouts[{index}]";
            if (payout.TransactionId <= 0 || !numbers.Add(payout.TransactionId))
            {
                return $"{at}.transaction_id must be positive and name nothing else";
            }

            if (!merchant.Vendors.ContainsKey(payout.VendorId))
            {
                return $"{at}.vendor_id {payout.VendorId} is not a vendor of service {merchant.ServiceId}";
            }

            if (payout.Status is not (PaymentStatus.AwaitingConfirmation or PaymentStatus.Completed or PaymentStatus.Error) ||
                payout.History.Count == 0 || payout.History[^1].Status != payout.Status)
            {
                return $"{at}: status must be 1, 2 or -1 and history must end in it";
            }
        }

        return null;
    }

    private static string? RestProblem(TenantSnapshot snapshot, Merchant merchant)
    {
        var faultIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, index) in snapshot.Faults.Rules.Select((r, i) => (r, i)))
        {
            if (!faultIds.Add(rule.Id) || rule.Method.Length == 0 || !FaultRule.TryParseKind(rule.Kind, out var kind) || !FaultRule.HitsGatewayCalls(kind) ||
                rule.Probability is < 0 or > 1 or double.NaN || rule.TimesLeft is <= 0)
            {
                return $"faults.rules[{index}]: a unique id, a method, a gateway fault kind ({string.Join(", ", FaultRule.GatewayKindNames)}), probability between 0 and 1 and times_left > 0 (or null) are needed";
            }
        }

        if (snapshot.Faults.LastId < 0)
        {
            return "faults.last_id must be >= 0";
        }

        if (snapshot.Switches.BlockedVendors.Where(v => !merchant.Vendors.ContainsKey(v)).Select(v => (long?)v).FirstOrDefault() is { } vendor)
        {
            return $"switches.blocked_vendors: {vendor} is not a vendor of service {merchant.ServiceId}";
        }

        if (snapshot.IdSequence < SandboxIds.LowestStart || snapshot.IdSequence >= SandboxIds.HighestStart)
        {
            return $"id_sequence must be between {SandboxIds.LowestStart} and {SandboxIds.HighestStart}";
        }

        return HighestId(snapshot) > snapshot.IdSequence ? "id_sequence is below an id the snapshot holds" : null;
    }

    private static string? CallbackProblem(TenantSnapshot snapshot)
    {
        var payments = snapshot.Payments.Select(p => p.BankTransactionId).ToHashSet();
        var chains = new HashSet<long>();
        var deliveries = new HashSet<long>();
        foreach (var (chain, index) in snapshot.Callbacks.Chains.Select((c, i) => (c, i)))
        {
            var at = $"callbacks.chains[{index}]";
            if (!payments.Contains(chain.BankTransactionId) || !chains.Add(chain.BankTransactionId))
            {
                return $"{at}.bank_transaction_id must name a payment in payments, once";
            }

            foreach (var delivery in chain.Deliveries)
            {
                if (!deliveries.Add(delivery.Id) || delivery.Id <= 0 || delivery.Id > snapshot.Callbacks.LastDeliveryId ||
                    !Enum.IsDefined(delivery.Kind) || !Enum.IsDefined(delivery.Status) || delivery.ScheduledAttempts < 0 ||
                    delivery.Attempts.Count > CallbackPolicy.MaxAttemptsKept || (delivery.Kind == CallbackKind.Notify) != (delivery.NotifyStatus is not null))
                {
                    return $"{at}: delivery {delivery.Id} needs a unique id up to last_delivery_id, a known kind and status, and a notify_status exactly when it is a Notify";
                }
            }
        }

        return snapshot.Callbacks.Dropped < 0 ? "callbacks.dropped must be >= 0" : CallbackFaultProblem(snapshot.Callbacks.Faults);
    }

    /// <summary>The checks POST /_sandbox/callbacks/faults makes, on rules a snapshot kept.</summary>
    private static string? CallbackFaultProblem(SnapshotFaults? faults)
    {
        if (faults is null)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, index) in faults.Rules.Select((r, i) => (r, i)))
        {
            var at = $"callbacks.faults.rules[{index}]";
            if (!ids.Add(rule.Id))
            {
                return $"{at}.id {Shorten(rule.Id)} appears more than once";
            }

            if (!CallbackFaults.Callbacks.Contains(rule.Method))
            {
                return $"{at}.method must be one of {string.Join(", ", CallbackFaults.Callbacks)}";
            }

            if (!FaultRule.TryParseKind(rule.Kind, out var kind) || !CallbackFaults.Kinds.Contains(kind))
            {
                return $"{at}.kind must be one of {string.Join(", ", CallbackFaults.Kinds.Select(FaultRule.KindName))}";
            }

            if (kind == FaultKind.Delay ? rule.DelayMs is not (>= 0 and <= CallbackFaults.MaxDelayMs) : rule.DelayMs is not null)
            {
                return $"{at}.delay_ms must be between 0 and {CallbackFaults.MaxDelayMs} for a delay, and null for any other kind";
            }

            if (rule.Code is not null || rule.HttpStatus is not null)
            {
                return $"{at}: code and http_status are null for a callback fault";
            }

            if (rule.Probability is < 0 or > 1 or double.NaN || rule.TimesLeft is <= 0)
            {
                return $"{at}: probability must be between 0 and 1 and times_left > 0 (or null)";
            }
        }

        return faults.LastId < 0 ? "callbacks.faults.last_id must be >= 0" : null;
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";

    private static string? OtpProblem(SnapshotOtp otp) =>
        otp.AttemptsLeft < 0 || otp.ExpiresAt < otp.SentAt || otp.Code.Length == 0 ? "a code, attempts_left >= 0 and expires_at after sent_at are needed" : null;

    private static SnapshotFaults Faults(IEnumerable<FaultRule> rules, int lastId) => new(lastId, [.. rules.Select(r =>
        new SnapshotFaultRule(r.Id, r.Method, FaultRule.KindName(r.Kind), r.DelayMs, r.Code, r.HttpStatus, r.Probability, r.TimesLeft))]);

    private static IEnumerable<FaultRule> Rules(SnapshotFaults faults) => faults.Rules.Select(r =>
        new FaultRule(r.Id, r.Method, FaultRule.TryParseKind(r.Kind, out var kind) ? kind : default, r.DelayMs, r.Code, r.HttpStatus, r.Probability, r.TimesLeft));

    private static SnapshotOtp? Otp(OtpChallenge? otp) => otp is null ? null : new(otp.Code, otp.SentAt, otp.ExpiresAt, otp.AttemptsLeft);

    private static OtpChallenge? Otp(SnapshotOtp? otp) => otp is null ? null : new(otp.Code, otp.SentAt, otp.ExpiresAt, otp.AttemptsLeft);

    private static SnapshotCallbackChain Chain(long bankTransactionId, CallbackChain chain) => new(bankTransactionId, chain.InvoiceId, chain.AgrTransId,
        chain.VendorId, chain.PaymentId, chain.PaymentName, chain.MerchantTransId, chain.Amount, chain.VendorTransId,
        [.. chain.Deliveries.Select(d => new SnapshotDelivery(d.Id, d.Kind, d.NotifyStatus, d.QueuedAt,
            // An attempt on its way is answered to the exporting state; the imported one sends it again.
            d.Status == CallbackDeliveryStatus.Sending ? CallbackDeliveryStatus.Pending : d.Status,
            d.NextAttemptAt, d.ScheduledAttempts,
            [.. d.Attempts.Select(a => new SnapshotAttempt(a.At, a.Url, a.Request, a.Redelivery, a.Answer.HttpStatus, a.Answer.Body, a.Answer.Error,
                a.Answer.ErrorNote, a.Answer.VendorTransId, a.Answer.Failure, a.Answer.LatencyMs))]))]);

    private static CallbackChain Chain(SnapshotCallbackChain kept)
    {
        var chain = new CallbackChain(kept.InvoiceId, kept.AgrTransId, kept.VendorId, kept.PaymentId, kept.PaymentName, kept.MerchantTransId, kept.Amount)
        {
            VendorTransId = kept.VendorTransId,
        };
        foreach (var d in kept.Deliveries)
        {
            var delivery = new CallbackDelivery(d.Id, d.Kind, chain, d.NotifyStatus, d.QueuedAt)
            {
                Status = d.Status == CallbackDeliveryStatus.Sending ? CallbackDeliveryStatus.Pending : d.Status,
                NextAttemptAt = d.NextAttemptAt,
                ScheduledAttempts = d.ScheduledAttempts,
            };
            delivery.Attempts.AddRange(d.Attempts.Select(a => new CallbackAttempt(a.At, a.Url, a.Request, a.Redelivery,
                new CallbackAnswer(a.HttpStatus, a.Body, a.Error, a.ErrorNote, a.VendorTransId, a.Failure, a.LatencyMs))));
            chain.Deliveries.Add(delivery);
        }

        return chain;
    }
}
