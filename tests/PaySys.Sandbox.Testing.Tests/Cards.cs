using PaySys.Client;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>The magic cards of contracts/cards.json that these tests use, and one payment request on each.</summary>
public static class Cards
{
    public const long VendorId = 100381;

    public const string UzcardPan = "8600490744313347";
    public const string UzcardExpiry = "3012";
    public const string UzcardPhone = "998901112233";

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
