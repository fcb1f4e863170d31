namespace PaySys.Sandbox.Domain;

/// <summary>
/// A tenant's merchant callbacks: its settings, the deliveries it owes (bounded), and their log. An invoice paid (its
/// pay-page attempt confirmed by the page, the control API's simulate or the vendor API's pam.confirm_payment) queues Pay
/// then Notify "2"; a cancel, reversal or first refund of that payment queues Cancel then Notify "3". Each chain
/// goes in order: a callback waits until the one before it was delivered or given up. Attempts fall due on the tenant's
/// virtual clock; the sender takes them with <see cref="TakeDue"/> and hands each answer to <see cref="Record"/>.
/// Callers hold the tenant's gate.
/// </summary>
public sealed class CallbackOutbox(Merchant merchant, CallbackPolicy policy, CallbackFaults faults)
{
    private const int MaxAnswerChars = 4096;

    private readonly List<CallbackDelivery> deliveries = [];
    private readonly Dictionary<long, CallbackChain> chainsByPayment = [];
    private long lastId;

    public CallbackEndpoints Endpoints { get; private set; } = merchant.Callbacks ?? CallbackEndpoints.None;

    /// <summary>What SIGN_STRING is signed with: the callbacks' own secret, else the service's secret key.</summary>
    public string Secret => Endpoints.Secret ?? merchant.SecretKey;

    public CallbackPolicy Policy => policy;

    /// <summary>The rules that break this tenant's callbacks on purpose.</summary>
    public CallbackFaults Faults => faults;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<CallbackDelivery> Deliveries => deliveries;

    /// <summary>Callbacks not queued because every kept delivery was still pending (the queue was full).</summary>
    public int Dropped { get; private set; }

    /// <summary>The deliveries' id sequence: a snapshot keeps it so ids never repeat.</summary>
    public long LastDeliveryId => lastId;

    /// <summary>Each paid invoice's chain, by the bank_transaction_id of the payment that paid it.</summary>
    public IReadOnlyDictionary<long, CallbackChain> ChainsByPayment => chainsByPayment;

    /// <summary>Settings, chains and deliveries as a snapshot kept them; deliveries still owed are sent from now on.</summary>
    public void Restore(CallbackEndpoints endpoints, int dropped, long lastDeliveryId, IEnumerable<KeyValuePair<long, CallbackChain>> chains)
    {
        Endpoints = endpoints;
        Dropped = dropped;
        lastId = lastDeliveryId;
        foreach (var (payment, chain) in chains)
        {
            chainsByPayment[payment] = chain;
            deliveries.AddRange(chain.Deliveries);
        }

        deliveries.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (HasPending)
        {
            policy.Doorbell.Ring(merchant.ServiceId);
        }
    }

    public bool HasPending => deliveries.Exists(d => !d.IsFinished);

    /// <summary>Replaces the settings; deliveries already queued go to the new URLs, signed with the new secret.</summary>
    public void Configure(CallbackEndpoints endpoints) => Endpoints = endpoints;

    /// <summary>The invoice's payment took the money, whoever confirmed it: Pay, then Notify "2".</summary>
    public void InvoicePaid(Invoice invoice, Operation op)
    {
        var payment = invoice.Payment!;
        var humo = payment.Card.Pan.StartsWith("9860", StringComparison.Ordinal);
        var chain = new CallbackChain(invoice.Id, payment.TransactionId, invoice.VendorId, humo ? 10 : 9, humo ? "humo" : "uzcard",
            invoice.OrderId, CallbackMessages.Sums(invoice.AmountTiyin));
        chainsByPayment[payment.BankTransactionId] = chain;
        Queue(chain, CallbackKind.Pay, null, op.Now);
        Queue(chain, CallbackKind.Notify, CallbackMessages.Paid, op.Now);
    }

    /// <summary>A paid invoice's payment was cancelled, reversed or refunded: Cancel, then Notify "3". Other payments have no callbacks.</summary>
    public void PaymentCancelled(Payment payment, Operation op)
    {
        if (chainsByPayment.TryGetValue(payment.BankTransactionId, out var chain))
        {
            Queue(chain, CallbackKind.Cancel, null, op.Now);
            Queue(chain, CallbackKind.Notify, CallbackMessages.Cancelled, op.Now);
        }
    }

    public CallbackDelivery? Find(long id) => deliveries.Find(d => d.Id == id);

    /// <summary>Whether an attempt falls due at or before <paramref name="now"/>.</summary>
    public bool HasDue(DateTimeOffset now) => deliveries.Exists(d => IsDue(d, now));

    /// <summary>The attempts due now, at most <paramref name="max"/>, each marked as being sent and signed at <paramref name="now"/>.</summary>
    public List<CallbackSend> TakeDue(DateTimeOffset now, int max)
    {
        var sends = new List<CallbackSend>();
        foreach (var delivery in deliveries)
        {
            if (sends.Count == max)
            {
                break;
            }

            if (!IsDue(delivery, now))
            {
                continue;
            }

            if (Render(delivery, now) is { } message)
            {
                TakeWithFaults(delivery, message, now, sends);
            }
            else
            {
                delivery.Status = CallbackDeliveryStatus.Skipped;
                MakeNextDue(delivery.Chain, now);
            }
        }

        return sends;
    }

    /// <summary>One more attempt of a delivery now, outside its schedule; null with a reason when it cannot be sent.</summary>
    public CallbackSend? StartRedelivery(CallbackDelivery delivery, DateTimeOffset now, out string? problem)
    {
        problem = delivery.Status == CallbackDeliveryStatus.Sending
            ? $"an attempt of delivery {delivery.Id} is on its way; try again when it is answered"
            : null;
        var message = problem is null ? Render(delivery, now) : null;
        if (problem is null && message is null)
        {
            problem = $"no {UrlSetting(delivery.Kind)} is configured (PUT /_sandbox/callbacks)";
        }

        if (problem is not null)
        {
            return null;
        }

        var send = new CallbackSend(delivery, message!, now, Redelivery: true, delivery.Status);
        delivery.Status = CallbackDeliveryStatus.Sending;
        return send;
    }

    /// <summary>
    /// Keeps the attempt and moves the delivery on: delivered; or the next attempt of the schedule, counted from this one's
    /// due time; or given up after the last. A redelivery that fails leaves the delivery as it was.
    /// </summary>
    public void Record(CallbackSend send, string request, CallbackAnswer answer, DateTimeOffset now)
    {
        var delivery = send.Delivery;
        var masked = answer with { Body = answer.Body is null ? null : Mask(answer.Body.Length > MaxAnswerChars ? answer.Body[..MaxAnswerChars] : answer.Body) };
        delivery.Attempts.Add(new CallbackAttempt(send.At, send.Message.Url, Mask(request), send.Redelivery, masked));
        TrimAttempts(delivery);
        if (send.Duplicate)
        {
            // The copy's answer is the merchant's reaction to a repeat: logged, but the first copy's answer decides.
            return;
        }

        if (answer.Succeeded)
        {
            delivery.Status = CallbackDeliveryStatus.Delivered;
            if (delivery.Kind == CallbackKind.Pay)
            {
                delivery.Chain.VendorTransId = answer.VendorTransId ?? delivery.Chain.VendorTransId;
            }

            MakeNextDue(delivery.Chain, now);
            return;
        }

        if (send.Redelivery)
        {
            delivery.Status = send.StatusBefore;
            return;
        }

        delivery.ScheduledAttempts++;
        if (delivery.ScheduledAttempts < policy.Schedule.Count)
        {
            delivery.NextAttemptAt += policy.Schedule[delivery.ScheduledAttempts];
            delivery.Status = CallbackDeliveryStatus.Pending;
        }
        else
        {
            delivery.Status = CallbackDeliveryStatus.Failed;
            MakeNextDue(delivery.Chain, now);
        }
    }

    /// <summary>The attempt as the fault rules leave it: postponed, dropped unsent, sent twice, forged, or as it is.</summary>
    private void TakeWithFaults(CallbackDelivery delivery, CallbackMessage message, DateTimeOffset now, List<CallbackSend> sends)
    {
        var name = KindName(delivery.Kind);
        if (faults.All.Count > 0 && delivery.DelayedAttempt != delivery.ScheduledAttempts
            && faults.Fire(name, Random.Shared.NextDouble, FaultKind.Delay) is { } delay)
        {
            delivery.DelayedAttempt = delivery.ScheduledAttempts;
            delivery.NextAttemptAt = now + TimeSpan.FromMilliseconds(delay.DelayMs ?? 0);
            NoteFault(delivery, $"attempt {delivery.ScheduledAttempts + 1} delayed {delay.DelayMs ?? 0} ms of the virtual clock by fault rule {delay.Id}");
            if (delivery.NextAttemptAt > now)
            {
                return;
            }
        }

        var fault = faults.All.Count == 0 ? null : faults.Fire(name, Random.Shared.NextDouble, FaultKind.Drop, FaultKind.Duplicate, FaultKind.WrongSignature);
        var send = new CallbackSend(delivery, message, now, Redelivery: false, CallbackDeliveryStatus.Pending);
        delivery.Status = CallbackDeliveryStatus.Sending;
        switch (fault?.Kind)
        {
            case FaultKind.Drop:
                NoteFault(delivery, $"attempt {delivery.ScheduledAttempts + 1} dropped, not sent, by fault rule {fault.Id}");
                Record(send, "(not sent)", new CallbackAnswer(null, null, null, null, null, $"dropped by fault rule {fault.Id}", 0), now);
                return;
            case FaultKind.Duplicate:
                NoteFault(delivery, $"attempt {delivery.ScheduledAttempts + 1} sent twice by fault rule {fault.Id}");
                sends.Add(send);
                sends.Add(send with { Duplicate = true });
                return;
            case FaultKind.WrongSignature:
                NoteFault(delivery, $"attempt {delivery.ScheduledAttempts + 1} signed with a wrong secret by fault rule {fault.Id}");
                sends.Add(send with { Message = Forged(message) });
                return;
            default:
                sends.Add(send);
                return;
        }
    }

    /// <summary>The message with a SIGN_STRING no merchant holding the real secret can reproduce.</summary>
    private CallbackMessage Forged(CallbackMessage message)
    {
        var fields = message.Fields.Where(f => f.Name != "SIGN_STRING").ToList();
        var sign = CallbackMessages.Sign("forged-" + Secret, fields.Select(f => f.Text));
        fields.Add(new CallbackField("SIGN_STRING", sign, IsNumber: false));
        return message with { Fields = fields };
    }

    private static string KindName(CallbackKind kind) => kind switch
    {
        CallbackKind.Info => "info",
        CallbackKind.Pay => "pay",
        CallbackKind.Notify => "notify",
        CallbackKind.Cancel => "cancel",
        _ => "statement",
    };

    private static void NoteFault(CallbackDelivery delivery, string note)
    {
        delivery.Faults.Add(note);
        if (delivery.Faults.Count > CallbackPolicy.MaxAttemptsKept)
        {
            delivery.Faults.RemoveAt(0);
        }
    }

    private static void TrimAttempts(CallbackDelivery delivery)
    {
        if (delivery.Attempts.Count > CallbackPolicy.MaxAttemptsKept)
        {
            delivery.Attempts.RemoveAt(0);
        }
    }

    private static bool IsDue(CallbackDelivery delivery, DateTimeOffset now) =>
        delivery.Status == CallbackDeliveryStatus.Pending && delivery.NextAttemptAt <= now && delivery.Chain.Current == delivery;

    /// <summary>The callback after a finished one starts its schedule now, not when it was queued.</summary>
    private static void MakeNextDue(CallbackChain chain, DateTimeOffset now)
    {
        if (chain.Current is { Status: CallbackDeliveryStatus.Pending } next && next.NextAttemptAt < now)
        {
            next.NextAttemptAt = now;
        }
    }

    private static string UrlSetting(CallbackKind kind) => kind switch
    {
        CallbackKind.Info => "info_url",
        CallbackKind.Pay => "pay_url",
        CallbackKind.Notify => "notify_url",
        CallbackKind.Cancel => "cancel_url",
        _ => "statement_url",
    };

    private void Queue(CallbackChain chain, CallbackKind kind, string? status, DateTimeOffset now)
    {
        // A callback without a URL is not sent (the vendor's cabinet leaves it empty); nothing is kept for it.
        if (Endpoints.UrlOf(kind) is null)
        {
            return;
        }

        if (deliveries.Count >= Math.Max(1, policy.QueueSize) && !EvictOldestFinished())
        {
            Dropped++;
            return;
        }

        var delivery = new CallbackDelivery(++lastId, kind, chain, status, now) { NextAttemptAt = now + policy.Schedule[0] };
        deliveries.Add(delivery);
        chain.Deliveries.Add(delivery);
        if (kind == CallbackKind.Notify && chain.Deliveries.Count >= 2 && chain.Deliveries[^2] is { IsFinished: false } before
            && faults.All.Count > 0 && faults.Fire(KindName(kind), Random.Shared.NextDouble, FaultKind.OutOfOrder) is { } reorder)
        {
            // The chain sends in list order: the Notify now goes before the Pay or Cancel it should follow.
            chain.Deliveries.RemoveAt(chain.Deliveries.Count - 1);
            chain.Deliveries.Insert(chain.Deliveries.Count - 1, delivery);
            NoteFault(delivery, $"sent before {KindName(before.Kind)} delivery {before.Id} by fault rule {reorder.Id}");
            NoteFault(before, $"sent after notify delivery {delivery.Id} by fault rule {reorder.Id}");
        }

        policy.Doorbell.Ring(merchant.ServiceId);
    }

    private bool EvictOldestFinished()
    {
        var index = deliveries.FindIndex(d => d.IsFinished);
        if (index < 0)
        {
            return false;
        }

        var evicted = deliveries[index];
        deliveries.RemoveAt(index);
        evicted.Chain.Deliveries.Remove(evicted);
        return true;
    }

    private CallbackMessage? Render(CallbackDelivery delivery, DateTimeOffset now)
    {
        var url = Endpoints.UrlOf(delivery.Kind);
        if (url is null)
        {
            return null;
        }

        var signTime = now.ToUnixTimeMilliseconds();
        return delivery.Kind switch
        {
            CallbackKind.Pay => CallbackMessages.Pay(url, Secret, delivery.Chain, signTime),
            CallbackKind.Notify => CallbackMessages.Notify(url, Secret, delivery.Chain, delivery.NotifyStatus!, signTime),
            CallbackKind.Cancel => CallbackMessages.Cancel(url, Secret, delivery.Chain, signTime),
            _ => null,
        };
    }

    /// <summary>The secret never reaches the log, even echoed by a merchant; nor does a card number.</summary>
    private string Mask(string text)
    {
        var masked = Secret.Length >= 4 ? text.Replace(Secret, "****", StringComparison.Ordinal) : text;
        return CardMasking.MaskSecrets(masked);
    }
}
