namespace PaySys.Client.Tests;

/// <summary>The magic cards of contracts/cards.json that these tests use.</summary>
public static class Cards
{
    public const long VendorId = 100381;

    public const string UzcardPan = "8600490744313347";
    public const string UzcardExpiry = "3012";
    public const string UzcardPhone = "998901112233";

    public const string HumoPan = "9860010112345678";
    public const string HumoExpiry = "3012";
    public const string HumoPhone = "998901112234";
}
