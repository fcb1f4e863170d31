namespace PaySys.Sandbox.Domain;

public static class SmsPurpose
{
    public const string CardRegistration = "card_registration";
    public const string Payment = "payment";
}

/// <summary>An SMS the sandbox "sent": readable through GET /_sandbox/sms instead of a phone.</summary>
public sealed record SmsMessage(
    string Phone,
    string Text,
    string Code,
    string Purpose,
    string Reference,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt);

/// <summary>Issues OTP codes and drops the SMS carrying them into the tenant's outbox.</summary>
public sealed class OtpIssuer(OtpSettings settings, BoundedLog<SmsMessage> outbox)
{
    public OtpChallenge Issue(string phone, string purpose, string reference, string text, DateTimeOffset now)
    {
        var code = settings.FixedCode ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var challenge = new OtpChallenge(code, now, now.AddSeconds(settings.LifetimeSeconds), settings.Attempts);
        outbox.Add(new SmsMessage(phone, string.Format(System.Globalization.CultureInfo.InvariantCulture, text, code), code, purpose, reference, now, challenge.ExpiresAt));
        return challenge;
    }
}

public sealed record OtpSettings(string? FixedCode, int LifetimeSeconds, int Attempts);
