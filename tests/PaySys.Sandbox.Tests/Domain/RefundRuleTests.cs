using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests.DomainRules;

/// <summary>
/// The vendor API's money rules without HTTP: refunds capped at the amount minus the vendor's 1 %, in any known
/// currency, and a full cancel once within the cancel window of the virtual clock.
/// </summary>
public sealed class RefundRuleTests
{
    private const long Amount = 100_000;
    private const long Cap = 99_000;

    private readonly DomainTenant tenant = new();

    [Fact]
    public void A_refund_up_to_the_cap_returns_the_money_and_marks_the_payment_returned()
    {
        var payment = tenant.Paid(Amount);
        var balance = tenant.Uzcard.Balance;

        tenant.Run((state, op) => state.Refunds.Refund(payment.TransactionId, Cap, CurrencyRates.Sum, op));

        payment.Status.Should().Be(PaymentStatus.Returned);
        payment.RefundedAmount.Should().Be(Cap);
        tenant.Uzcard.Balance.Should().Be(balance + Cap);
    }

    [Fact]
    public void A_refund_over_the_cap_is_refused_with_what_can_still_be_refunded_and_moves_nothing()
    {
        var payment = tenant.Paid(Amount);
        tenant.Run((state, op) => state.Refunds.Refund(payment.TransactionId, 60_000, CurrencyRates.Sum, op));
        var balance = tenant.Uzcard.Balance;

        var refusal = tenant.Refused((state, op) => state.Refunds.Refund(payment.TransactionId, 39_001, CurrencyRates.Sum, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotAllowed);
        refusal.About.Should().Be(Subject.Amount);
        refusal.Facts.Should().Be(new RefundCapExceeded(Refundable: 39_000, Refunded: 60_000, Cap, CurrencyRates.Sum, RefundableInCurrency: 39_000));
        payment.RefundedAmount.Should().Be(60_000);
        payment.RefundCount.Should().Be(1);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void A_foreign_refund_is_converted_down_to_tiyin_and_capped_in_the_same_money()
    {
        var payment = tenant.Paid(Amount);

        // 1 cent = 127 UZS = 12 700 tiyin: 7 cents fit under the cap of 99 000 tiyin, 8 do not.
        var refusal = tenant.Refused((state, op) => state.Refunds.Refund(payment.TransactionId, 8, "USD", op));
        tenant.Run((state, op) => state.Refunds.Refund(payment.TransactionId, 7, "USD", op));

        refusal.Facts.Should().Be(new RefundCapExceeded(Cap, 0, Cap, "USD", RefundableInCurrency: 7));
        payment.RefundedAmount.Should().Be(7 * 12_700);
    }

    [Fact]
    public void A_refund_worth_less_than_one_tiyin_is_a_parameter_error_about_the_amount()
    {
        var payment = tenant.Paid(Amount);

        var refusal = tenant.Refused((state, op) => state.Refunds.Refund(payment.TransactionId, 0, CurrencyRates.Sum, op));

        refusal.Reason.Should().Be(Reasons.MissingParameters);
        refusal.About.Should().Be(Subject.Amount);
        payment.Status.Should().Be(PaymentStatus.Completed);
    }

    [Fact]
    public void A_held_payment_cannot_be_refunded()
    {
        var payment = tenant.Held(Amount, 3_600, HoldExpiryAction.Cancel);

        var refusal = tenant.Refused((state, op) => state.Refunds.Refund(payment.TransactionId, 1_000, CurrencyRates.Sum, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotAllowed);
        payment.Status.Should().Be(PaymentStatus.Held);
    }

    [Fact]
    public void Refunds_of_one_payment_stop_at_the_tenant_limit()
    {
        var limited = new DomainTenant(TenantLimits.Defaults with { MaxRefundsPerPayment = 2 });
        var payment = limited.Paid(Amount);
        limited.Run((state, op) => state.Refunds.Refund(payment.TransactionId, 100, CurrencyRates.Sum, op));
        limited.Run((state, op) => state.Refunds.Refund(payment.TransactionId, 100, CurrencyRates.Sum, op));

        var refusal = limited.Refused((state, op) => state.Refunds.Refund(payment.TransactionId, 100, CurrencyRates.Sum, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotAllowed);
        refusal.Facts.Should().Be(new LimitReached(2));
        payment.RefundedAmount.Should().Be(200);
    }

    [Fact]
    public void A_cancel_on_the_last_second_of_the_window_returns_the_whole_amount()
    {
        var payment = tenant.Paid(Amount);
        var balance = tenant.Uzcard.Balance;
        tenant.Advance(DomainTenant.CancelWindowSeconds);

        tenant.Run((state, op) => state.Refunds.Cancel(payment.TransactionId, op));

        payment.Status.Should().Be(PaymentStatus.Cancelled);
        payment.History[^1].Event.Should().Be(PaymentEvent.VendorCancelled);
        tenant.Uzcard.Balance.Should().Be(balance + Amount);
    }

    [Fact]
    public void A_cancel_one_second_after_the_window_is_refused_and_the_payment_stays_paid()
    {
        var payment = tenant.Paid(Amount);
        var balance = tenant.Uzcard.Balance;
        tenant.Advance(DomainTenant.CancelWindowSeconds + 1);

        var refusal = tenant.Refused((state, op) => state.Refunds.Cancel(payment.TransactionId, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotAllowed);
        payment.Status.Should().Be(PaymentStatus.Completed);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void A_payment_is_cancelled_once()
    {
        var payment = tenant.Paid(Amount);
        tenant.Run((state, op) => state.Refunds.Cancel(payment.TransactionId, op));
        var balance = tenant.Uzcard.Balance;

        var refusal = tenant.Refused((state, op) => state.Refunds.Cancel(payment.TransactionId, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotAllowed);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void An_unknown_transaction_is_refused_about_the_transaction()
    {
        var refusal = tenant.Refused((state, op) => state.Refunds.Cancel(999, op));

        refusal.Reason.Should().Be(Reasons.TransactionNotFound);
        refusal.About.Should().Be(Subject.Transaction);
    }
}
