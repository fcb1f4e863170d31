namespace PaySys.Sandbox.Domain;

public enum OtpVerdict
{
    Accepted,
    Wrong,
    Burned,
    Expired,
}

/// <summary>One SMS code: valid until <see cref="ExpiresAt"/>, burned by the last allowed wrong attempt.</summary>
public sealed class OtpChallenge(string code, DateTimeOffset sentAt, DateTimeOffset expiresAt, int attempts)
{
    public string Code { get; } = code;

    public DateTimeOffset SentAt { get; } = sentAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public int AttemptsLeft { get; private set; } = attempts;

    public int LifetimeSeconds => (int)(ExpiresAt - SentAt).TotalSeconds;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>A right code does not consume the challenge, so a later failure (funds, card) leaves it usable.</summary>
    public OtpVerdict Verify(string code, DateTimeOffset now)
    {
        if (IsExpiredAt(now) || AttemptsLeft <= 0)
        {
            return OtpVerdict.Expired;
        }

        if (string.Equals(code, Code, StringComparison.Ordinal))
        {
            return OtpVerdict.Accepted;
        }

        AttemptsLeft--;
        return AttemptsLeft == 0 ? OtpVerdict.Burned : OtpVerdict.Wrong;
    }
}
