using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Tests;

/// <summary>The magic cards by the names these tests use; the values are MagicCards, generated from contracts/cards.json.</summary>
public static class Cards
{
    public const string FixedOtp = "666666";
    public const long VendorId = 100381;

    public const string UzcardPan = MagicCards.Uzcard.Pan;
    public const string UzcardExpiry = MagicCards.Uzcard.Expiry;
    public const string UzcardPhone = MagicCards.Uzcard.Phone;

    public const string HumoPan = MagicCards.Humo.Pan;
    public const string HumoPhone = MagicCards.Humo.Phone;

    public const string DocsPan = MagicCards.Docs.Pan;
    public const string DocsExpiry = MagicCards.Docs.Expiry;
    public const string DocsPhone = MagicCards.Docs.Phone;

    public const string InsufficientFundsPan = MagicCards.InsufficientFunds.Pan;
    public const string BlockedPan = MagicCards.Blocked.Pan;
    public const string ExpiredPan = MagicCards.Expired.Pan;
    public const string SmsDisabledPan = MagicCards.SmsDisabled.Pan;
    public const string RegistrationFailsPan = MagicCards.RegistrationFails.Pan;
    public const string TokenFailsPan = MagicCards.TokenFails.Pan;
    public const string ProcessingDownPan = MagicCards.ProcessingDown.Pan;
    public const string SlowPan = MagicCards.Slow.Pan;
    public const string SmsInformingOffPan = MagicCards.SmsInformingOff.Pan;
    public const string SettlesLatePan = MagicCards.SettlesLate.Pan;
    public const string CardStatusOnePan = MagicCards.CardStatus1.Pan;

    /// <summary>The linked phone of a failure card, by its card number.</summary>
    public static string PhoneOf(string failurePan) =>
        MagicCards.All.SingleOrDefault(c => c.Pan == failurePan)?.Phone ?? "99890000000" + failurePan[^1];
}
