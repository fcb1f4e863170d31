using PaySys.Client;
using PaySys.Contract.Tests.Infrastructure;

namespace PaySys.Contract.Tests;

/// <summary>
/// The host-to-host acquiring methods on their success paths, each response validated against its result schema by
/// the client's pipeline: card registration, OTP payments (with save), token payments with Card-Token, holds,
/// pam.check_payment by bank_transaction_id and transaction.reverse.
/// </summary>
[Collection(ContractTargetGroup.Name)]
public sealed class AcquiringContractTests(ContractTargetFixture fixture) : IDisposable
{
    private readonly ContractTarget target = fixture.Target;
    private readonly Journeys journeys = new(fixture.Target);
    private readonly ContractScope scope = fixture.Target.Monitor.BeginScope();

    public void Dispose() => scope.Dispose();

    [OtpFact]
    public async Task Card_registration_and_confirmation_return_a_card_id_and_a_token()
    {
        var registration = await target.Client.RegisterCardAsync(new RegisterCardRequest(target.Card.Number, target.Card.Expire, target.Card.Phone));
        var confirmation = await target.Client.ConfirmCardAsync(registration.Id, await target.CodeAsync(registration.Id));

        registration.TimeOut.Should().BePositive();
        confirmation.CardToken.Should().NotBeNullOrEmpty();
        confirmation.CardData.Id.Should().Be(registration.Id);
        confirmation.CardData.Expiry.Should().Be(target.Card.Expire);
        scope.Responses.Select(r => r.Method).Should().Equal("paysys.card_registration", "paysys.card_confirm");
    }

    [OtpFact]
    public async Task An_otp_payment_saved_for_later_completes_and_returns_the_card()
    {
        var (prepared, paid) = await journeys.PayAsync(journeys.Order(100_000) with { Save = true });
        var check = await target.Client.CheckPaymentAsync(prepared.BankTransactionId);

        prepared.TimeOut.Should().BePositive();
        paid.Details.BankTransactionId.Should().Be(prepared.BankTransactionId);
        paid.Details.Amount.Should().Be(100_000);
        paid.Card.Should().NotBeNull("the payment was prepared with save: true, so the result carries card");
        check.Should().Be(new PaymentCheck(prepared.BankTransactionId, PaymentStatuses.Completed, 100_000));
        scope.Responses.Select(r => r.Method).Should().Equal("pam.prepare_payment", "pam.confirm_payment", "pam.check_payment");
    }

    [OtpFact]
    public async Task An_otp_payment_by_a_registered_card_id_completes()
    {
        var (cardId, _) = await journeys.RegisteredCardAsync();
        var order = journeys.Order(20_000) with { CardNumber = null, CardExpire = null, CardId = cardId };

        var (prepared, paid) = await journeys.PayAsync(order);

        paid.Details.BankTransactionId.Should().Be(prepared.BankTransactionId);
        paid.Card.Should().BeNull("the payment was not prepared with save: true");
        (await target.Client.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
    }

    [OtpFact]
    public async Task A_token_payment_with_the_card_confirm_token_completes_without_a_code()
    {
        var (cardId, token) = await journeys.RegisteredCardAsync();

        var paid = await target.Client.PayWithTokenAsync(token, journeys.TokenOrder(cardId, 25_000));

        paid.Details.Amount.Should().Be(25_000);
        paid.Card.Should().BeNull();
        (await target.Client.CheckPaymentAsync(paid.Details.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
        scope.Responses.Select(r => r.Method).Should().Contain("pam.payment");
    }

    [OtpFact]
    public async Task A_token_payment_with_the_token_saved_by_confirm_payment_completes()
    {
        var (_, saved) = await journeys.PayAsync(journeys.Order(10_000) with { Save = true });

        var paid = await target.Client.PayWithTokenAsync(saved.Card!.Token, journeys.TokenOrder(saved.Card.Id, 15_000));

        paid.Details.TransactionId.Should().NotBe(saved.Details.TransactionId);
        (await target.Client.CheckPaymentAsync(paid.Details.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
    }

    [OtpFact]
    public async Task A_hold_is_held_and_accepting_it_completes_the_payment()
    {
        var (prepared, _) = await journeys.PayAsync(journeys.Order(30_000) with { Hold = true });

        var held = await target.Client.CheckPaymentAsync(prepared.BankTransactionId);
        var accepted = await target.Client.ConfirmHoldAsync(prepared.BankTransactionId, HoldDecision.Accept);

        held.Status.Should().Be(PaymentStatuses.Held);
        accepted.Status.Should().Be(PaymentStatuses.Completed);
        (await target.Client.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
    }

    [OtpFact]
    public async Task Cancelling_a_hold_cancels_the_payment()
    {
        var (prepared, _) = await journeys.PayAsync(journeys.Order(20_000) with { Hold = true });

        var cancelled = await target.Client.ConfirmHoldAsync(prepared.BankTransactionId, HoldDecision.Cancel);

        cancelled.Status.Should().Be(PaymentStatuses.Cancelled);
        (await target.Client.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Cancelled);
    }

    [OtpFact]
    public async Task Reverse_cancels_a_completed_payment()
    {
        var paid = await journeys.PaidAsync(70_000);

        var reversal = await target.Client.ReverseAsync(paid.TransactionId);

        reversal.TransactionId.Should().Be(paid.TransactionId);
        reversal.RefNum.Should().NotBeNullOrEmpty();
        (await target.Client.CheckPaymentAsync(paid.BankTransactionId)).Status.Should().Be(PaymentStatuses.Cancelled);
    }

    [Fact]
    public async Task A_prepared_payment_awaits_its_code()
    {
        var prepared = await target.Client.PreparePaymentAsync(journeys.Order(5_000));

        var check = await target.Client.CheckPaymentAsync(prepared.BankTransactionId);

        check.Should().Be(new PaymentCheck(prepared.BankTransactionId, PaymentStatuses.AwaitingConfirmation, 5_000));
    }

    [SandboxFact]
    public async Task A_hold_left_alone_is_cancelled_when_its_holding_time_passes()
    {
        var (prepared, _) = await journeys.PayAsync(journeys.Order(40_000) with { Hold = true, HoldingTime = 3_600, AfterExpired = HoldExpiryAction.Cancel });

        await target.SandboxControl.AdvanceClockAsync(3_600);

        (await target.Client.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Cancelled);
    }
}
