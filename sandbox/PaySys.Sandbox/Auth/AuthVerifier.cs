using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Rpc;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Auth;

/// <summary>
/// Checks header <c>Auth: {service_id}-{sha1_hex(secret_key + timestamp)}-{timestamp}</c> (SPEC §2).
/// The timestamp window is measured on the real clock: moving a tenant's virtual clock never breaks signing.
/// </summary>
public sealed class AuthVerifier(TenantRegistry tenants, TimeProvider realClock, SandboxOptions options)
{
    public const string HeaderName = "Auth";

    public Tenant Authenticate(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw Denied("the Auth header is missing; send Auth: {service_id}-{sha1_hex(secret_key + timestamp)}-{timestamp}");
        }

        var parts = header.Split('-');
        if (parts.Length != 3 || parts[0].Length == 0)
        {
            throw Denied("the Auth header must be {service_id}-{hash}-{timestamp}");
        }

        var (serviceId, hash, timestampText) = (parts[0], parts[1], parts[2]);
        if (!TryReadTimestamp(timestampText, out var signedAt))
        {
            throw Denied(options.StrictTimestampUnits
                ? "the Auth timestamp must be Unix milliseconds (13 digits)"
                : "the Auth timestamp must be Unix milliseconds (13 digits) or seconds (10 digits)");
        }

        var secretKey = tenants.SecretKeyOf(serviceId)
            ?? throw Denied($"service_id {serviceId} is not a known service");
        if (!HashMatches(secretKey, timestampText, hash))
        {
            throw Denied("the Auth hash is not sha1_hex(secret_key + timestamp) for this service");
        }

        var skew = (realClock.GetUtcNow() - signedAt).Duration();
        if (skew > TimeSpan.FromSeconds(options.AuthWindowSeconds))
        {
            throw new RpcException(RpcErrors.StaleRequest,
                $"the Auth timestamp is {(long)skew.TotalSeconds} s away from now; the window is {options.AuthWindowSeconds} s");
        }

        return tenants.TryGet(serviceId, out var tenant, out var whyNot)
            ? tenant
            : throw Denied(whyNot);
    }

    public static string Sign(string serviceId, string secretKey, string timestamp) =>
        $"{serviceId}-{Hash(secretKey, timestamp)}-{timestamp}";

#pragma warning disable CA5350 // SHA-1 is what the PaySys Auth header is defined with; the sandbox must match it.
    public static string Hash(string secretKey, string timestamp) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(secretKey + timestamp)));
#pragma warning restore CA5350

    private bool TryReadTimestamp(string text, out DateTimeOffset signedAt)
    {
        signedAt = default;
        var isMilliseconds = text.Length == 13;
        var isSeconds = text.Length == 10 && !options.StrictTimestampUnits;
        if ((!isMilliseconds && !isSeconds) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        signedAt = isMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
        return true;
    }

    private static bool HashMatches(string secretKey, string timestamp, string givenHash)
    {
        var expected = Encoding.ASCII.GetBytes(Hash(secretKey, timestamp));
        var given = Encoding.ASCII.GetBytes(givenHash.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static RpcException Denied(string detail) => new(RpcErrors.InsufficientPrivileges, detail);
}
