using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaySys.Client;

/// <summary>The <c>Auth</c> header: <c>{service_id}-{sha1_hex(secret_key + timestamp)}-{timestamp}</c>.</summary>
public static class PaySysAuth
{
    public const string HeaderName = "Auth";

    /// <summary>The header value for <paramref name="now"/> in <paramref name="unit"/>.</summary>
    public static string CreateHeader(string serviceId, string secretKey, DateTimeOffset now, PaySysTimestampUnit unit)
    {
        var timestamp = unit == PaySysTimestampUnit.Seconds ? now.ToUnixTimeSeconds() : now.ToUnixTimeMilliseconds();
        return Sign(serviceId, secretKey, timestamp.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The header value for a given timestamp text.</summary>
    public static string Sign(string serviceId, string secretKey, string timestamp) =>
        $"{serviceId}-{Hash(secretKey, timestamp)}-{timestamp}";

#pragma warning disable CA5350 // SHA-1 is what the PaySys Auth header is defined with.
    /// <summary>sha1_hex(secret_key + timestamp), lower-case hex.</summary>
    public static string Hash(string secretKey, string timestamp) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(secretKey + timestamp)));
#pragma warning restore CA5350
}
