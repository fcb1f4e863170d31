using System.Globalization;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>Which card a payment is for: a registered card's id, or a card number with its expiry.</summary>
public sealed record CardReference(string? CardId, string? Pan, string? Expiry);

public sealed record CardConfirmation(RegisteredCard Card, string? Token);

public sealed record PaymentConfirmation(Payment Payment, RegisteredCard? SavedCard);

/// <summary>
/// The acquiring rules of one tenant: card registration, OTP payments, token payments, holds and reversals.
/// Every method checks everything first and moves money last, so a rejected call changes nothing
/// (wrong OTP attempts excepted: counting them is the documented behaviour).
/// Callers hold the tenant's gate.
/// </summary>
public sealed class Acquiring(TenantState state, Merchant merchant, SandboxIds ids, TenantSettings settings)
{
    public TenantSettings Settings => settings;

    public (RegisteredCard Card, OtpChallenge Otp) RegisterCard(string pan, string expiry, string? phone, Operation op)
    {
        var account = state.Cards.FindAccount(pan);
        account.EnsureExpiry(expiry, op.Now);
        account.EnsureServiceable(op);
        if (account.Behaviour == CardBehaviour.RegistrationFails)
        {
            throw new Refusal(Reasons.CardRegistrationFailed, $"the issuer declined to register card {account.MaskedPan}");
        }

        account.EnsureRegistrationCodeReachesPhone();
        var card = state.Cards.Register(account);
        card.RegisteredPhone = phone;
        var otp = state.Otp.Issue(account.Phone, SmsPurpose.CardRegistration, card.CardId,
            $"PaySys: {{0}} is your code to register card {account.MaskedPan}. Do not share it.", op.Now);
        // No expiry is scheduled: paysys.card_confirm finds an expired code itself, so a flood of registrations
        // leaves nothing behind but the newest code of each card.
        card.PendingOtp = otp;
        return (card, otp);
    }

    public CardConfirmation ConfirmCard(string cardId, string code, Operation op)
    {
        var card = state.Cards.FindRegistered(cardId);
        var otp = card.PendingOtp
            ?? throw new Refusal(Reasons.WrongCode, "no code is pending for this card (expired or already used): call paysys.card_registration again");
        card.Account.EnsureServiceable(op);
        switch (otp.Verify(code, op.Now))
        {
            case OtpVerdict.Expired:
                card.PendingOtp = null;
                throw new Refusal(Reasons.WrongCode, "the code has expired: call paysys.card_registration again");
            case OtpVerdict.Wrong:
                throw WrongCode(otp);
            case OtpVerdict.Burned:
                card.PendingOtp = null;
                throw Burned();
        }

        if (card.Account.Behaviour == CardBehaviour.TokenFails)
        {
            throw new Refusal(Reasons.TokenGenerationFailed, $"the issuer could not tokenise card {card.Account.MaskedPan}");
        }

        card.PendingOtp = null;
        card.Confirmed = true;
        var phoneMatches = string.Equals(card.RegisteredPhone, card.Account.Phone, StringComparison.Ordinal);
        var token = phoneMatches ? card.Token ??= SandboxIds.NewCardToken() : null;
        return new CardConfirmation(card, token);
    }

    public Payment Prepare(CardReference cardReference, PaymentOrder order, Operation op)
    {
        EnsureVendor(order.VendorId);
        var (account, cardId) = ResolveCard(cardReference, op);
        account.EnsureServiceable(op);
        account.EnsureSmsEnabled();
        EnsureCardPhone(account, order.PhoneNumber);

        account.EnsureFunds(order.Amount);
        var payment = NewPayment(account, cardId, order, op, PaymentEvent.Prepared);
        var otp = state.Otp.Issue(account.Phone, SmsPurpose.Payment, payment.BankTransactionId.ToString(CultureInfo.InvariantCulture),
            $"PaySys: {{0}} is your code to pay {FormatSum(order.Amount)} UZS with card {account.MaskedPan}. Do not share it.", op.Now);
        payment.Otp = otp;
        ScheduleOtpExpiry(payment, otp);
        return payment;
    }

    /// <summary>
    /// A payment as a snapshot kept it, counted against the tenant's caps; its code and hold expire when they would
    /// have (an expiry that fell due meanwhile applies at the next step).
    /// </summary>
    public void Adopt(Payment payment)
    {
        state.EnsureRoomForTransaction();
        state.Payments.Add(payment);
        if (payment is { Status: PaymentStatus.AwaitingConfirmation, Otp: { } otp })
        {
            ScheduleOtpExpiry(payment, otp);
        }

        ScheduleHoldExpiry(payment);
        if (payment is { Status: PaymentStatus.Created, History: [.., { Event: PaymentEvent.OtpAccepted or PaymentEvent.TokenAccepted } accepted] })
        {
            ScheduleSettlement(payment, accepted.At);
        }
    }

    public PaymentConfirmation Confirm(long bankTransactionId, string code, Operation op)
    {
        var payment = state.Payments.FindByBankTransactionId(bankTransactionId);
        var confirmed = payment.Order.Hold ? PaymentEvent.OtpConfirmedHold
            : SettlesLate(payment) ? PaymentEvent.OtpAccepted
            : PaymentEvent.OtpConfirmed;
        PaymentStateMachine.EnsureCanApply(payment, confirmed);
        var otp = payment.Otp!;
        switch (otp.Verify(code, op.Now))
        {
            case OtpVerdict.Expired:
                payment.Otp = null;
                payment.Apply(PaymentEvent.OtpExpired, otp.ExpiresAt, op.Wall, op.Call);
                throw new Refusal(Reasons.WrongCode, "the code has expired; the transaction has failed (status -1)");
            case OtpVerdict.Wrong:
                throw WrongCode(otp);
            case OtpVerdict.Burned:
                payment.Otp = null;
                payment.Apply(PaymentEvent.OtpBurned, op);
                throw Burned();
        }

        var account = payment.Card;
        account.EnsureServiceable(op);
        if (payment.Order.Save && account.Behaviour == CardBehaviour.TokenFails)
        {
            throw new Refusal(Reasons.TokenGenerationFailed, $"the issuer could not tokenise card {account.MaskedPan} to save it");
        }

        MoveMoney(payment);
        payment.Otp = null;
        payment.RequestId = ids.NextRequestId();
        payment.Apply(confirmed, op);
        ScheduleHoldExpiry(payment);
        ScheduleSettlement(payment, op.Now);
        if (payment.Invoice is { Status: InvoiceStatus.Paid } invoice && ReferenceEquals(invoice.Payment, payment))
        {
            state.Callbacks.InvoicePaid(invoice, op);
        }

        RegisteredCard? saved = null;
        if (payment.Order.Save)
        {
            saved = state.Cards.Register(account);
            saved.Confirmed = true;
            saved.Token ??= SandboxIds.NewCardToken();
            payment.CardId = saved.CardId;
        }

        return new PaymentConfirmation(payment, saved);
    }

    /// <summary>
    /// Abandons a payment still awaiting its code (status 1 → 3): nothing was debited, and its code can no longer pay,
    /// so a later pam.confirm_payment of it answers -32313.
    /// </summary>
    public void Void(Payment payment, Operation op)
    {
        PaymentStateMachine.EnsureCanApply(payment, PaymentEvent.Voided);
        payment.Otp = null;
        payment.Apply(PaymentEvent.Voided, op);
    }

    public Payment PayByToken(string cardId, string cardToken, PaymentOrder order, Operation op)
    {
        EnsureVendor(order.VendorId);
        var card = state.Cards.FindConfirmed(cardId);
        if (card.Token is null || !string.Equals(card.Token, cardToken, StringComparison.Ordinal))
        {
            throw new Refusal(Reasons.CardNotRegistered, Subject.CardToken,
                name => $"{name(Subject.CardToken)} is not the token of {name(Subject.RegisteredCard)}");
        }

        var account = card.Account;
        if (account.IsExpiredAt(op.Now))
        {
            throw new Refusal(Reasons.InvalidCardExpiry, $"card {account.MaskedPan} has expired", Subject.RegisteredCard);
        }

        account.EnsureServiceable(op);
        // The same rule as pam.prepare_payment: a token pays only for the phone linked to its card.
        EnsureCardPhone(account, order.PhoneNumber);
        account.EnsureFunds(order.Amount);
        var payment = NewPayment(account, cardId, order, op, PaymentEvent.Created);
        MoveMoney(payment);
        payment.RequestId = ids.NextRequestId();
        payment.Apply(order.Hold ? PaymentEvent.TokenHeld : SettlesLate(payment) ? PaymentEvent.TokenAccepted : PaymentEvent.TokenPaid, op);
        ScheduleHoldExpiry(payment);
        ScheduleSettlement(payment, op.Now);
        return payment;
    }

    public Payment ResolveHold(long bankTransactionId, bool accept, Operation op)
    {
        var payment = state.Payments.FindByBankTransactionId(bankTransactionId);
        var resolution = accept ? PaymentEvent.HoldAccepted : PaymentEvent.HoldCancelled;
        PaymentStateMachine.EnsureCanApply(payment, resolution);
        payment.Card.EnsureServiceable(op);
        SettleHold(payment, accept);
        payment.Apply(resolution, op);
        return payment;
    }

    public Payment Reverse(long transactionId, Operation op)
    {
        var payment = state.Payments.FindByTransactionId(transactionId);
        var wasHeld = payment.Status == PaymentStatus.Held;
        PaymentStateMachine.EnsureCanApply(payment, PaymentEvent.Reversed);
        EnsureWithinReversalWindow(payment, op);
        payment.Card.EnsureServiceable(op);
        if (wasHeld)
        {
            payment.Card.ReleaseHold(payment.Amount);
        }
        else
        {
            payment.Card.Credit(payment.Amount);
        }

        payment.ReversalReference = SandboxIds.NewReferenceNumber();
        payment.Apply(PaymentEvent.Reversed, op);
        state.Callbacks.PaymentCancelled(payment, op);
        return payment;
    }

    public void EnsureVendor(long vendorId)
    {
        if (!merchant.Vendors.ContainsKey(vendorId))
        {
            throw new Refusal(Reasons.VendorInfoFailed, $"vendor {vendorId} is not a vendor of service {merchant.ServiceId}", Subject.Vendor);
        }

        if (state.BlockedVendors.Contains(vendorId))
        {
            throw new Refusal(Reasons.VendorBlocked, $"vendor {vendorId} is switched off", Subject.Vendor);
        }
    }

    /// <summary>The docs give transaction.reverse no window; a tenant may give it one (docs/fidelity.md).</summary>
    private void EnsureWithinReversalWindow(Payment payment, Operation op)
    {
        var days = state.Rules.ReversalWindowDays;
        if (days <= 0)
        {
            return;
        }

        var windowEnd = (payment.CompletedAt ?? payment.CreatedAt).AddDays(days);
        if (op.Now > windowEnd)
        {
            throw new Refusal(Reasons.TransactionNotAllowed,
                $"the reversal window of transaction {payment.TransactionId} closed at {windowEnd.ToUnixTimeSeconds()} ({days} days after the payment); refund it with paysys.payment_adjustments",
                Subject.Transaction);
        }
    }

    private static void EnsureCardPhone(CardAccount account, string phone)
    {
        if (!string.Equals(phone, account.Phone, StringComparison.Ordinal))
        {
            throw new Refusal(Reasons.SmsNotEnabled, Subject.Phone, name => $"{name(Subject.Phone)} is not the phone linked to the card");
        }
    }

    private void ScheduleOtpExpiry(Payment payment, OtpChallenge otp) =>
        state.Expiries.Schedule(otp.ExpiresAt, (at, step) =>
        {
            if (payment.Status == PaymentStatus.AwaitingConfirmation && ReferenceEquals(payment.Otp, otp))
            {
                payment.Otp = null;
                // Caused by the clock, not by the call that happens to apply it.
                payment.Apply(PaymentEvent.OtpExpired, at, step.Wall, call: null);
            }
        });

    private (CardAccount Account, string? CardId) ResolveCard(CardReference reference, Operation op)
    {
        if (reference.CardId is not null)
        {
            var card = state.Cards.FindConfirmed(reference.CardId);
            if (card.Account.IsExpiredAt(op.Now))
            {
                throw new Refusal(Reasons.InvalidCardExpiry, $"card {card.Account.MaskedPan} has expired", Subject.RegisteredCard);
            }

            return (card.Account, card.CardId);
        }

        var account = state.Cards.FindAccount(reference.Pan!);
        account.EnsureExpiry(reference.Expiry!, op.Now);
        return (account, null);
    }

    private Payment NewPayment(CardAccount account, string? cardId, PaymentOrder order, Operation op, PaymentEvent origin)
    {
        state.EnsureRoomForTransaction();
        var payment = new Payment(ids.NextBankTransactionId(), ids.NextTransactionId(), account, cardId, order, op, origin,
            SandboxIds.NewReferenceNumber());
        state.Payments.Add(payment);
        return payment;
    }

    private static void MoveMoney(Payment payment)
    {
        if (payment.Order.Hold)
        {
            payment.Card.PlaceHold(payment.Amount);
        }
        else
        {
            payment.Card.Debit(payment.Amount);
        }
    }

    /// <summary>
    /// The settles_late card's payments, not held and not an invoice's (the pay page's invoice statuses have no
    /// "processing"), are accepted first and completed after the settlement delay on the tenant's clock.
    /// </summary>
    private static bool SettlesLate(Payment payment) => payment.Card.SettlesLate && !payment.Order.Hold && payment.Invoice is null;

    private void ScheduleSettlement(Payment payment, DateTimeOffset acceptedAt)
    {
        if (payment.Status != PaymentStatus.Created)
        {
            return;
        }

        state.Expiries.Schedule(acceptedAt.AddSeconds(settings.SettlementDelaySeconds), (at, step) =>
        {
            if (payment.Status == PaymentStatus.Created)
            {
                // Caused by the clock, not by the call that happens to apply it.
                payment.Apply(PaymentEvent.Settled, at, step.Wall, call: null);
            }
        });
    }

    private void ScheduleHoldExpiry(Payment payment)
    {
        if (payment.Status != PaymentStatus.Held)
        {
            return;
        }

        state.Expiries.Schedule(payment.CreatedAt.AddSeconds(payment.Order.HoldingTimeSeconds), (at, step) =>
        {
            if (payment.Status != PaymentStatus.Held)
            {
                return;
            }

            var accept = payment.Order.AfterExpired == HoldExpiryAction.Accept;
            SettleHold(payment, accept);
            payment.Apply(accept ? PaymentEvent.HoldExpiredAccepted : PaymentEvent.HoldExpiredCancelled, at, step.Wall, call: null);
        });
    }

    private static void SettleHold(Payment payment, bool accept)
    {
        if (accept)
        {
            payment.Card.CaptureHold(payment.Amount);
        }
        else
        {
            payment.Card.ReleaseHold(payment.Amount);
        }
    }

    private static Refusal WrongCode(OtpChallenge otp) =>
        new(Reasons.WrongCode, Subject.Code,
            name => $"wrong {name(Subject.Code)}, {otp.AttemptsLeft} attempt{(otp.AttemptsLeft == 1 ? "" : "s")} left");

    private static Refusal Burned() =>
        new(Reasons.WrongCode, Subject.Code, name => $"wrong {name(Subject.Code)}; no attempts left, the code is burned");

    private static string FormatSum(long tiyin) =>
        (tiyin / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
