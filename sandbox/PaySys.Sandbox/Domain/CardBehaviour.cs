namespace PaySys.Sandbox.Domain;

/// <summary>How a magic card behaves; the names are the catalogue's "behaviour" values (SPEC §10).</summary>
public enum CardBehaviour
{
    Success,
    InsufficientFunds,
    Blocked,
    Expired,
    SmsDisabled,
    RegistrationFails,
    TokenFails,
    ProcessingDown,
    Slow,

    /// <summary>Registers (its code still arrives), but card_data.sms is false and it cannot pay by code (-32311); tokens pay.</summary>
    SmsInformingOff,

    /// <summary>A completed payment is "processing" (status 0) for the settlement delay, then completed (2).</summary>
    SettlesLate,
}

public static class CardBehaviours
{
    private static readonly (CardBehaviour Behaviour, string Name)[] Names =
    [
        (CardBehaviour.Success, "success"),
        (CardBehaviour.InsufficientFunds, "insufficient_funds"),
        (CardBehaviour.Blocked, "blocked"),
        (CardBehaviour.Expired, "expired"),
        (CardBehaviour.SmsDisabled, "sms_disabled"),
        (CardBehaviour.RegistrationFails, "registration_fails"),
        (CardBehaviour.TokenFails, "token_fails"),
        (CardBehaviour.ProcessingDown, "processing_down"),
        (CardBehaviour.Slow, "slow"),
        (CardBehaviour.SmsInformingOff, "sms_informing_off"),
        (CardBehaviour.SettlesLate, "settles_late"),
    ];

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    public static bool TryParse(string name, out CardBehaviour behaviour)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (candidateName == name)
            {
                behaviour = candidate;
                return true;
            }
        }

        behaviour = default;
        return false;
    }

    public static string Name(CardBehaviour behaviour) => Names.First(n => n.Behaviour == behaviour).Name;
}
