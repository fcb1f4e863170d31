using PaySys.Client.Sandbox;

namespace PaySys.Client.Tests;

/// <summary>The magic cards by the names these tests use; the values are MagicCards, generated from contracts/cards.json.</summary>
public static class Cards
{
    public const long VendorId = 100381;

    public const string UzcardPan = MagicCards.Uzcard.Pan;
    public const string UzcardExpiry = MagicCards.Uzcard.Expiry;
    public const string UzcardPhone = MagicCards.Uzcard.Phone;

    public const string HumoPan = MagicCards.Humo.Pan;
    public const string HumoExpiry = MagicCards.Humo.Expiry;
    public const string HumoPhone = MagicCards.Humo.Phone;
}
