using System.Globalization;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// A magic card's account inside one tenant. Balance is what is available; Held is the sum of open holds.
/// Every rule about what a card allows lives here, so handlers never decide card behaviour.
/// </summary>
public sealed class CardAccount
{
    public CardAccount(CardSpec spec, CardBehaviour behaviour)
    {
        Spec = spec;
        Behaviour = behaviour;
        Balance = spec.Balance;
    }

    public CardSpec Spec { get; private set; }

    public CardBehaviour Behaviour { get; private set; }

    public string Pan => Spec.Pan;

    public string Phone => Spec.Phone;

    public long Balance { get; private set; }

    public long Held { get; private set; }

    /// <summary>card_data.sms: whether SMS-informing is connected.</summary>
    public bool SmsEnabled => Behaviour is not (CardBehaviour.SmsDisabled or CardBehaviour.SmsInformingOff);

    /// <summary>card_data.status: the catalogue's card status (0 unless the card says otherwise).</summary>
    public int Status => Spec.CardStatus ?? 0;

    public string MaskedPan => CardMasking.MaskPan(Pan);

    /// <summary>The card's last valid moment is the end of its expiry month (UTC).</summary>
    public bool IsExpiredAt(DateTimeOffset now)
    {
        if (Behaviour == CardBehaviour.Expired)
        {
            return true;
        }

        var year = 2000 + int.Parse(Spec.Expiry.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(Spec.Expiry.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var firstInvalidDay = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return now >= firstInvalidDay;
    }

    public void EnsureExpiry(string givenExpiry, DateTimeOffset now)
    {
        if (!string.Equals(givenExpiry, Spec.Expiry, StringComparison.Ordinal))
        {
            throw new Refusal(Reasons.InvalidCardExpiry, Subject.CardExpiry, name => $"{name(Subject.CardExpiry)} does not match the card's expiry");
        }

        if (IsExpiredAt(now))
        {
            throw new Refusal(Reasons.InvalidCardExpiry, $"the card expired at the end of {Spec.Expiry[2..]}/{Spec.Expiry[..2]}", Subject.CardExpiry);
        }
    }

    /// <summary>Processing and blocking failures apply to every operation with the card; slow cards mark the operation.</summary>
    public void EnsureServiceable(Operation operation)
    {
        switch (Behaviour)
        {
            case CardBehaviour.ProcessingDown:
                throw new Refusal(Reasons.ProcessingUnavailable, $"the processing centre of card {MaskedPan} does not answer");
            case CardBehaviour.Blocked:
                throw new Refusal(Reasons.CardBlocked, $"card {MaskedPan} is blocked");
            case CardBehaviour.Slow:
                operation.TouchedSlowCard = true;
                break;
        }
    }

    public void EnsureSmsEnabled()
    {
        if (!SmsEnabled)
        {
            throw new Refusal(Reasons.SmsNotEnabled, $"card {MaskedPan} has no SMS-informing service");
        }
    }

    /// <summary>
    /// Registration needs a phone that gets codes; a card whose SMS-informing alone is off still gets its registration
    /// code (the issuer's own channel), so that card_data.sms = false can be seen at all (docs/fidelity.md).
    /// </summary>
    public void EnsureRegistrationCodeReachesPhone()
    {
        if (Behaviour == CardBehaviour.SmsDisabled)
        {
            EnsureSmsEnabled();
        }
    }

    /// <summary>Whether a payment with this card is "processing" (status 0) for a while before it completes.</summary>
    public bool SettlesLate => Behaviour == CardBehaviour.SettlesLate;

    /// <summary>Only the balance decides (SPEC §3): the insufficient_funds card fails through its low balance of 100 tiyin.</summary>
    public void EnsureFunds(long amount)
    {
        if (Balance < amount)
        {
            throw new Refusal(Reasons.InsufficientFunds, $"card {MaskedPan} cannot pay {amount} tiyin");
        }
    }

    public void Debit(long amount)
    {
        EnsureFunds(amount);
        Balance -= amount;
    }

    public void PlaceHold(long amount)
    {
        EnsureFunds(amount);
        Balance -= amount;
        Held += amount;
    }

    public void CaptureHold(long amount) => Held -= amount;

    public void ReleaseHold(long amount)
    {
        Held -= amount;
        Balance += amount;
    }

    public void Credit(long amount) => Balance += amount;

    /// <summary>The balance and holds a snapshot kept (checked against its held payments before).</summary>
    public void Restore(long balance, long held)
    {
        Balance = balance;
        Held = held;
    }

    /// <summary>
    /// The card as POST /_sandbox/cards replaces it: new details, behaviour and available balance. Open holds stay
    /// on it (their payments still point at this account), so held keeps showing them and a capture or release
    /// later settles against the card the tenant now sees.
    /// </summary>
    public void Replace(CardSpec spec, CardBehaviour behaviour)
    {
        Spec = spec;
        Behaviour = behaviour;
        Balance = spec.Balance;
    }
}
