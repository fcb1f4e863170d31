using System.Globalization;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests.DomainRules;

/// <summary>
/// SMS codes without HTTP: a code lives its lifetime to the second, wrong attempts count down and the last one
/// burns it, and a payment whose code expired or burned has failed (-1) for good.
/// </summary>
public sealed class OtpRuleTests
{
    private const long Amount = 100_000;

    private readonly DomainTenant tenant = new();

    [Fact]
    public void A_code_is_valid_until_the_last_tick_of_its_lifetime()
    {
        var challenge = new OtpChallenge("123456", DomainTenant.Start, DomainTenant.Start.AddSeconds(120), attempts: 3);

        challenge.Verify("123456", DomainTenant.Start.AddSeconds(120).AddTicks(-1)).Should().Be(OtpVerdict.Accepted);
        challenge.Verify("123456", DomainTenant.Start.AddSeconds(120)).Should().Be(OtpVerdict.Expired);
        challenge.AttemptsLeft.Should().Be(3, "a right code, or an expired one, costs no attempt");
    }

    [Fact]
    public void Wrong_attempts_count_down_and_the_last_one_burns_the_code()
    {
        var challenge = new OtpChallenge("123456", DomainTenant.Start, DomainTenant.Start.AddSeconds(120), attempts: 3);
        var now = DomainTenant.Start.AddSeconds(1);

        string[] wrong = ["000000", "111111", "222222"];
        var verdicts = wrong.Select(code => (Verdict: challenge.Verify(code, now), Left: challenge.AttemptsLeft)).ToList();

        verdicts.Should().Equal((OtpVerdict.Wrong, 2), (OtpVerdict.Wrong, 1), (OtpVerdict.Burned, 0));
        challenge.Verify("123456", now).Should().Be(OtpVerdict.Expired, "a burned code stays dead even when it is right");
    }

    [Fact]
    public void Prepare_sends_the_code_to_the_card_phone_with_the_configured_lifetime()
    {
        var payment = tenant.Prepare(DomainTenant.Order(Amount));

        var sms = tenant.Run((state, _) => state.Sms.Snapshot().Single());
        sms.Phone.Should().Be(MagicCards.Uzcard.Phone);
        sms.Code.Should().Be(DomainTenant.Code);
        sms.Reference.Should().Be(payment.BankTransactionId.ToString(CultureInfo.InvariantCulture));
        sms.Purpose.Should().Be(SmsPurpose.Payment);
        sms.Text.Should().Contain(DomainTenant.Code).And.NotContain(MagicCards.Uzcard.Pan);
        payment.Otp!.ExpiresAt.Should().Be(DomainTenant.Start.AddSeconds(DomainTenant.OtpLifetimeSeconds));
        payment.Status.Should().Be(PaymentStatus.AwaitingConfirmation);
    }

    [Fact]
    public void A_payment_confirmed_one_second_before_the_code_expires_completes()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Prepare(DomainTenant.Order(Amount));
        tenant.Advance(DomainTenant.OtpLifetimeSeconds - 1);

        tenant.Confirm(payment);

        payment.Status.Should().Be(PaymentStatus.Completed);
        tenant.Uzcard.Balance.Should().Be(balance - Amount);
    }

    [Fact]
    public void When_the_code_expires_the_payment_fails_and_a_late_right_code_is_refused()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Prepare(DomainTenant.Order(Amount));
        tenant.Advance(DomainTenant.OtpLifetimeSeconds);

        var refusal = tenant.Refused((state, op) => state.Acquiring.Confirm(payment.BankTransactionId, DomainTenant.Code, op));

        refusal.Reason.Should().Be(Reasons.WrongCode);
        payment.Status.Should().Be(PaymentStatus.Error);
        payment.History[^1].Should().BeEquivalentTo(new HistoryStep(
            DomainTenant.Start.AddSeconds(DomainTenant.OtpLifetimeSeconds), PaymentStatus.Error, PaymentEvent.OtpExpired));
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void A_wrong_code_is_refused_about_the_code_and_leaves_the_payment_waiting()
    {
        var payment = tenant.Prepare(DomainTenant.Order(Amount));

        var refusal = tenant.Refused((state, op) => state.Acquiring.Confirm(payment.BankTransactionId, DomainTenant.WrongCode, op));

        refusal.Reason.Should().Be(Reasons.WrongCode);
        refusal.About.Should().Be(Subject.Code);
        refusal.Describe(subject => subject == Subject.Code ? "confirmation_code" : "?").Should().Contain("wrong confirmation_code, 2 attempts left");
        payment.Status.Should().Be(PaymentStatus.AwaitingConfirmation);
        payment.Otp!.AttemptsLeft.Should().Be(2);
    }

    [Fact]
    public void Three_wrong_codes_burn_the_code_and_fail_the_payment_without_taking_money()
    {
        var balance = tenant.Uzcard.Balance;
        var payment = tenant.Prepare(DomainTenant.Order(Amount));

        var refusals = Enumerable.Range(0, 3)
            .Select(_ => tenant.Refused((state, op) => state.Acquiring.Confirm(payment.BankTransactionId, DomainTenant.WrongCode, op)))
            .ToList();
        var late = tenant.Refused((state, op) => state.Acquiring.Confirm(payment.BankTransactionId, DomainTenant.Code, op));

        refusals.Should().AllSatisfy(refusal => refusal.Reason.Should().Be(Reasons.WrongCode));
        late.Reason.Should().Be(Reasons.WrongCode);
        payment.Status.Should().Be(PaymentStatus.Error);
        payment.History.Select(entry => entry.Event).Should().Equal(PaymentEvent.Prepared, PaymentEvent.OtpBurned);
        tenant.Uzcard.Balance.Should().Be(balance);
    }

    [Fact]
    public void With_one_attempt_the_first_wrong_code_burns_it()
    {
        var strict = new DomainTenant(otpAttempts: 1);
        var payment = strict.Prepare(DomainTenant.Order(Amount));

        strict.Refused((state, op) => state.Acquiring.Confirm(payment.BankTransactionId, DomainTenant.WrongCode, op));

        payment.Status.Should().Be(PaymentStatus.Error);
    }

    [Fact]
    public void A_card_registration_code_that_expired_is_dropped()
    {
        var (card, _) = tenant.Run((state, op) =>
            state.Acquiring.RegisterCard(MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry, MagicCards.Uzcard.Phone, op));
        tenant.Advance(DomainTenant.OtpLifetimeSeconds);

        var expired = tenant.Refused((state, op) => state.Acquiring.ConfirmCard(card.CardId, DomainTenant.Code, op));
        var again = tenant.Refused((state, op) => state.Acquiring.ConfirmCard(card.CardId, DomainTenant.Code, op));

        expired.Reason.Should().Be(Reasons.WrongCode);
        again.Reason.Should().Be(Reasons.WrongCode);
        card.PendingOtp.Should().BeNull();
        card.Confirmed.Should().BeFalse();
    }

    [Fact]
    public void A_card_registration_code_confirms_the_card_and_gives_a_token_for_its_own_phone()
    {
        var (card, _) = tenant.Run((state, op) =>
            state.Acquiring.RegisterCard(MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry, MagicCards.Uzcard.Phone, op));
        tenant.Advance(DomainTenant.OtpLifetimeSeconds - 1);

        var confirmation = tenant.Run((state, op) => state.Acquiring.ConfirmCard(card.CardId, DomainTenant.Code, op));

        confirmation.Card.Confirmed.Should().BeTrue();
        confirmation.Token.Should().MatchRegex("^[0-9a-f]{40}$");
        card.PendingOtp.Should().BeNull();
    }

    [Fact]
    public void Preparing_for_a_phone_that_is_not_the_card_phone_is_refused_about_the_phone()
    {
        var order = DomainTenant.Order(Amount) with { PhoneNumber = MagicCards.Humo.Phone };

        var refusal = tenant.Refused((state, op) =>
            state.Acquiring.Prepare(new CardReference(null, MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry), order, op));

        refusal.Reason.Should().Be(Reasons.SmsNotEnabled);
        refusal.About.Should().Be(Subject.Phone);
        tenant.Run((state, _) => state.Payments.All.Count).Should().Be(0);
        tenant.Run((state, _) => state.Sms.Snapshot().Count).Should().Be(0);
    }
}
