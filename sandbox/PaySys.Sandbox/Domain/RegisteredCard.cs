namespace PaySys.Sandbox.Domain;

/// <summary>A card registered in one tenant: its id is stable per PAN, its token appears after confirmation.</summary>
public sealed class RegisteredCard(string cardId, CardAccount account)
{
    public string CardId { get; } = cardId;

    public CardAccount Account { get; set; } = account;

    public bool Confirmed { get; set; }

    public string? Token { get; set; }

    /// <summary>The phone_number of the latest registration (null when none was sent): decides whether a token is returned.</summary>
    public string? RegisteredPhone { get; set; }

    public OtpChallenge? PendingOtp { get; set; }
}
