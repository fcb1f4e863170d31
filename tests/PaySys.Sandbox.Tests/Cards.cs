namespace PaySys.Sandbox.Tests;

/// <summary>The magic cards of contracts/cards.json that tests use, by name.</summary>
public static class Cards
{
    public const string FixedOtp = "666666";
    public const long VendorId = 100381;

    public const string UzcardPan = "8600490744313347";
    public const string UzcardExpiry = "3012";
    public const string UzcardPhone = "998901112233";

    public const string HumoPan = "9860010112345678";
    public const string HumoPhone = "998901112234";

    public const string DocsPan = "8600330410689500";
    public const string DocsExpiry = "2304";
    public const string DocsPhone = "998907702150";

    public const string InsufficientFundsPan = "8600000000000001";
    public const string BlockedPan = "8600000000000002";
    public const string ExpiredPan = "8600000000000003";
    public const string SmsDisabledPan = "8600000000000004";
    public const string RegistrationFailsPan = "8600000000000005";
    public const string TokenFailsPan = "8600000000000006";
    public const string ProcessingDownPan = "8600000000000007";
    public const string SlowPan = "8600000000000008";

    /// <summary>The linked phone of the failure cards: 99890000000N for 860000000000000N.</summary>
    public static string PhoneOf(string failurePan) => "99890000000" + failurePan[^1];
}
