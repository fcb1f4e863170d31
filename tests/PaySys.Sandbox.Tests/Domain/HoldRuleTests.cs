using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests.DomainRules;

/// <summary>
/// Holds without HTTP: the amount leaves the balance into Held, hold.confirm settles it either way, and when the
/// holding time passes on the clock the hold settles itself as after_expired says, exactly at its due time.
/// </summary>
public sealed class HoldRuleTests
{
    private const long Amount = 330_000;
    private const long HoldingTime = 3_600;

    private readonly DomainTenant tenant = new();

    [Fact]
    public void A_confirmed_hold_keeps_the_amount_held_on_the_card()
    {
        var balance = tenant.Uzcard.Balance;

        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Cancel);

        payment.Status.Should().Be(PaymentStatus.Held);
        tenant.Uzcard.Held.Should().Be(Amount);
        tenant.Uzcard.Balance.Should().Be(balance - Amount);
    }

    [Fact]
    public void Accepting_a_hold_takes_the_money()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Cancel);

        tenant.Run((state, op) => state.Acquiring.ResolveHold(payment.BankTransactionId, accept: true, op));

        payment.Status.Should().Be(PaymentStatus.Completed);
        payment.History[^1].Event.Should().Be(PaymentEvent.HoldAccepted);
        tenant.Uzcard.Held.Should().Be(0);
        tenant.Uzcard.Balance.Should().Be(balance - Amount);
    }

    [Fact]
    public void Cancelling_a_hold_gives_the_money_back()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Accept);

        tenant.Run((state, op) => state.Acquiring.ResolveHold(payment.BankTransactionId, accept: false, op));

        payment.Status.Should().Be(PaymentStatus.Cancelled);
        tenant.Uzcard.Held.Should().Be(0);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void A_hold_left_to_expire_with_cancel_is_released_exactly_at_its_holding_time()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Cancel);

        tenant.Advance(HoldingTime - 1);
        var before = tenant.Run((_, _) => payment.Status);
        tenant.Advance(1);
        var after = tenant.Run((_, _) => payment.Status);

        before.Should().Be(PaymentStatus.Held);
        after.Should().Be(PaymentStatus.Cancelled);
        payment.History[^1].Should().BeEquivalentTo(new HistoryStep(DomainTenant.Start.AddSeconds(HoldingTime), PaymentStatus.Cancelled, PaymentEvent.HoldExpiredCancelled));
        tenant.Uzcard.Held.Should().Be(0);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void A_hold_left_to_expire_with_accept_is_captured_at_its_due_time_even_when_noticed_later()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Accept);

        // Nothing runs for a day: the expiry applies on the next step, dated when it fell due.
        tenant.Advance(86_400);
        tenant.Run((_, _) => payment.Status).Should().Be(PaymentStatus.Completed);

        payment.History[^1].Should().BeEquivalentTo(new HistoryStep(DomainTenant.Start.AddSeconds(HoldingTime), PaymentStatus.Completed, PaymentEvent.HoldExpiredAccepted));
        payment.CompletedAt.Should().Be(DomainTenant.Start.AddSeconds(HoldingTime));
        tenant.Uzcard.Held.Should().Be(0);
        tenant.Uzcard.Balance.Should().Be(balance - Amount);
    }

    [Fact]
    public void The_real_clock_moving_lets_a_hold_expire_too()
    {
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Cancel);

        tenant.RealClock.Advance(TimeSpan.FromSeconds(HoldingTime));

        tenant.Run((_, _) => payment.Status).Should().Be(PaymentStatus.Cancelled);
    }

    [Fact]
    public void An_expired_and_cancelled_hold_can_no_longer_be_accepted()
    {
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Cancel);
        tenant.Advance(HoldingTime);

        var refusal = tenant.Refused((state, op) => state.Acquiring.ResolveHold(payment.BankTransactionId, accept: true, op));

        refusal.Reason.Should().Be(Reasons.TransactionCancelled);
        tenant.Uzcard.Held.Should().Be(0);
    }

    [Fact]
    public void An_accepted_hold_does_not_expire_afterwards()
    {
        var payment = tenant.Held(Amount, HoldingTime, HoldExpiryAction.Cancel);
        tenant.Run((state, op) => state.Acquiring.ResolveHold(payment.BankTransactionId, accept: true, op));
        var balance = tenant.Uzcard.Balance;

        tenant.Advance(HoldingTime);

        tenant.Run((_, _) => payment.Status).Should().Be(PaymentStatus.Completed);
        payment.History.Select(entry => entry.Event).Should().NotContain(PaymentEvent.HoldExpiredCancelled);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void Accepting_a_payment_that_is_not_held_is_not_allowed()
    {
        var payment = tenant.Paid(Amount);

        var refusal = tenant.Refused((state, op) => state.Acquiring.ResolveHold(payment.BankTransactionId, accept: true, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotAllowed);
        payment.Status.Should().Be(PaymentStatus.Completed);
    }
}
