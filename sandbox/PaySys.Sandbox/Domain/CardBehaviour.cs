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
