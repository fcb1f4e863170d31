using PaySys.Client.Sandbox;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests.DomainRules;

/// <summary>The payment lifecycle (SPEC §7) edge by edge, on a payment alone: no tenant, no clock, no HTTP.</summary>
public sealed class PaymentStateMachineTests
{
    private static readonly DateTimeOffset At = DomainTenant.Start;

    /// <summary>Every edge the lifecycle has, written out here rather than read from the table under test.</summary>
    private static readonly (PaymentStatus From, PaymentEvent Event, PaymentStatus To)[] Edges =
    [
        (PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpConfirmed, PaymentStatus.Completed),
        (PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpConfirmedHold, PaymentStatus.Held),
        (PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpBurned, PaymentStatus.Error),
        (PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpExpired, PaymentStatus.Error),
        (PaymentStatus.AwaitingConfirmation, PaymentEvent.Voided, PaymentStatus.Cancelled),
        (PaymentStatus.Created, PaymentEvent.TokenPaid, PaymentStatus.Completed),
        (PaymentStatus.Created, PaymentEvent.TokenHeld, PaymentStatus.Held),
        (PaymentStatus.AwaitingConfirmation, PaymentEvent.OtpAccepted, PaymentStatus.Created),
        (PaymentStatus.Created, PaymentEvent.TokenAccepted, PaymentStatus.Created),
        (PaymentStatus.Created, PaymentEvent.Settled, PaymentStatus.Completed),
        (PaymentStatus.Held, PaymentEvent.HoldAccepted, PaymentStatus.Completed),
        (PaymentStatus.Held, PaymentEvent.HoldCancelled, PaymentStatus.Cancelled),
        (PaymentStatus.Held, PaymentEvent.HoldExpiredAccepted, PaymentStatus.Completed),
        (PaymentStatus.Held, PaymentEvent.HoldExpiredCancelled, PaymentStatus.Cancelled),
        (PaymentStatus.Held, PaymentEvent.Reversed, PaymentStatus.Cancelled),
        (PaymentStatus.Completed, PaymentEvent.Reversed, PaymentStatus.Cancelled),
        (PaymentStatus.Completed, PaymentEvent.VendorCancelled, PaymentStatus.Cancelled),
        (PaymentStatus.Completed, PaymentEvent.Refunded, PaymentStatus.Returned),
        (PaymentStatus.Returned, PaymentEvent.Refunded, PaymentStatus.Returned),
    ];

    public static TheoryData<PaymentStatus, PaymentEvent, PaymentStatus> AllowedEdges()
    {
        var data = new TheoryData<PaymentStatus, PaymentEvent, PaymentStatus>();
        foreach (var (from, paymentEvent, to) in Edges)
        {
            data.Add(from, paymentEvent, to);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedEdges))]
    public void An_allowed_event_moves_the_payment_and_is_written_into_its_history(PaymentStatus from, PaymentEvent paymentEvent, PaymentStatus to)
    {
        var payment = PaymentIn(from);
        var historyBefore = payment.History.Count;

        payment.Apply(paymentEvent, new Operation(At.AddMinutes(5)));

        payment.Status.Should().Be(to);
        payment.History.Should().HaveCount(historyBefore + 1);
        payment.History[^1].Should().BeEquivalentTo(new HistoryStep(At.AddMinutes(5), to, paymentEvent));
    }

    [Fact]
    public void No_edge_exists_beyond_the_lifecycle()
    {
        var unexpected =
            from status in Enum.GetValues<PaymentStatus>()
            from paymentEvent in Enum.GetValues<PaymentEvent>()
            where PaymentStateMachine.CanApply(status, paymentEvent)
            where !Edges.Any(edge => edge.From == status && edge.Event == paymentEvent)
            select $"{status} --{paymentEvent}-->";

        unexpected.Should().BeEmpty("every transition of a payment is one of the documented edges");
        Edges.Should().OnlyContain(edge => PaymentStateMachine.CanApply(edge.From, edge.Event));
    }

    [Fact]
    public void A_refused_event_changes_neither_status_nor_history()
    {
        var payment = PaymentIn(PaymentStatus.Completed);
        var history = payment.History.ToList();

        var act = () => payment.Apply(PaymentEvent.HoldAccepted, new Operation(At.AddMinutes(5)));

        act.Should().Throw<Refusal>().Which.Reason.Should().Be(Reasons.TransactionNotAllowed);
        payment.Status.Should().Be(PaymentStatus.Completed);
        payment.History.Should().Equal(history);
    }

    [Fact]
    public void Anything_but_a_vendor_cancel_on_a_cancelled_payment_is_refused_as_cancelled()
    {
        var payment = PaymentIn(PaymentStatus.Cancelled);

        var accept = () => payment.Apply(PaymentEvent.HoldAccepted, new Operation(At));
        var reverse = () => payment.Apply(PaymentEvent.Reversed, new Operation(At));

        accept.Should().Throw<Refusal>().Which.Reason.Should().Be(Reasons.TransactionCancelled);
        reverse.Should().Throw<Refusal>().Which.Reason.Should().Be(Reasons.TransactionCancelled);
    }

    [Fact]
    public void A_second_vendor_cancel_is_not_allowed_rather_than_cancelled()
    {
        var payment = PaymentIn(PaymentStatus.Completed);
        payment.Apply(PaymentEvent.VendorCancelled, new Operation(At));

        var again = () => payment.Apply(PaymentEvent.VendorCancelled, new Operation(At));

        again.Should().Throw<Refusal>().Which.Reason.Should().Be(Reasons.TransactionNotAllowed);
    }

    [Fact]
    public void Confirming_a_failed_payment_is_a_wrong_code()
    {
        var payment = PaymentIn(PaymentStatus.Error);

        var confirm = () => payment.Apply(PaymentEvent.OtpConfirmed, new Operation(At));
        var refund = () => payment.Apply(PaymentEvent.Refunded, new Operation(At));

        confirm.Should().Throw<Refusal>().Which.Reason.Should().Be(Reasons.WrongCode);
        refund.Should().Throw<Refusal>().Which.Reason.Should().Be(Reasons.TransactionNotAllowed);
    }

    [Fact]
    public void The_cancel_window_starts_at_the_first_completion_and_later_refunds_keep_it()
    {
        var payment = PaymentIn(PaymentStatus.Created);

        payment.Apply(PaymentEvent.TokenPaid, new Operation(At.AddMinutes(1)));
        payment.Apply(PaymentEvent.Refunded, new Operation(At.AddMinutes(2)));

        payment.CompletedAt.Should().Be(At.AddMinutes(1));
        payment.Status.Should().Be(PaymentStatus.Returned);
    }

    /// <summary>A payment of 1 000 UZS by the UzCard, driven into <paramref name="status"/> along allowed edges.</summary>
    private static Payment PaymentIn(PaymentStatus status)
    {
        var card = new CardAccount(
            new CardSpec(MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry, MagicCards.Uzcard.Phone, "UZCARD SUCCESS", 1_000_000, "success"),
            CardBehaviour.Success);
        var origin = status is PaymentStatus.AwaitingConfirmation or PaymentStatus.Error ? PaymentEvent.Prepared : PaymentEvent.Created;
        var payment = new Payment(1, 2, card, null, DomainTenant.Order(100_000), new Operation(At), origin, "000000000001");
        PaymentEvent[] path = status switch
        {
            PaymentStatus.AwaitingConfirmation or PaymentStatus.Created => [],
            PaymentStatus.Error => [PaymentEvent.OtpBurned],
            PaymentStatus.Completed => [PaymentEvent.TokenPaid],
            PaymentStatus.Held => [PaymentEvent.TokenHeld],
            PaymentStatus.Cancelled => [PaymentEvent.TokenHeld, PaymentEvent.HoldCancelled],
            PaymentStatus.Returned => [PaymentEvent.TokenPaid, PaymentEvent.Refunded],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no path to this status"),
        };
        foreach (var step in path)
        {
            payment.Apply(step, new Operation(At));
        }

        payment.Status.Should().Be(status, "the test starts from this status");
        return payment;
    }
}
