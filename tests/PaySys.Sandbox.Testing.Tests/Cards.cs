using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>The magic card these tests use (MagicCards, generated from contracts/cards.json), and one payment request on it.</summary>
public static class Cards
{
    public const long VendorId = 100381;

    public const string UzcardPan = MagicCards.Uzcard.Pan;
    public const string UzcardExpiry = MagicCards.Uzcard.Expiry;
    public const string UzcardPhone = MagicCards.Uzcard.Phone;

    public static PreparePaymentRequest Uzcard(long amount = 100_000, string product = "order-42") => new()
    {
        CardNumber = UzcardPan,
        CardExpire = UzcardExpiry,
        PhoneNumber = UzcardPhone,
        Amount = amount,
        VendorId = VendorId,
        Product = product,
    };
}
