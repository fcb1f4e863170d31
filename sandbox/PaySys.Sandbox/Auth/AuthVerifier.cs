using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Rpc;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Auth;

/// <summary>
/// Checks header <c>Auth: {service_id}-{sha1_hex(secret_key + timestamp)}-{timestamp}</c> (SPEC §2).
/// The timestamp window is measured on the real clock: moving a tenant's virtual clock never breaks signing.
/// The last header verified for each service is remembered, so a client that signs once per millisecond (or
/// per second) pays for SHA-1 once, not on every call; its window is still checked on every call.
/// </summary>
public sealed class AuthVerifier(TenantRegistry tenants, TimeProvider realClock, SandboxOptions options)
{
    public const string HeaderName = "Auth";

    private const int HashHexLength = SHA1.HashSizeInBytes * 2;

    private const string MillisecondsOnly = "the Auth timestamp must be Unix milliseconds (13 digits)";

    private readonly ConcurrentDictionary<string, VerifiedHeader> lastVerified = new(StringComparer.Ordinal);

    /// <summary>Forgets the cached header of a tenant that left the table, so the cache never keeps a dropped tenant alive.</summary>
    public void Forget(Tenant tenant)
    {
        if (lastVerified.TryGetValue(tenant.ServiceId, out var verified) && ReferenceEquals(verified.Tenant, tenant))
        {
            lastVerified.TryRemove(KeyValuePair.Create(tenant.ServiceId, verified));
        }
    }

    public Tenant Authenticate(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw Denied("the Auth header is missing; send Auth: {service_id}-{sha1_hex(secret_key + timestamp)}-{timestamp}");
        }

        // Exactly three parts separated by '-', the first not empty.
        var first = header.IndexOf('-');
        var second = first < 0 ? -1 : header.IndexOf('-', first + 1);
        if (first <= 0 || second < 0 || header.IndexOf('-', second + 1) >= 0)
        {
            throw Denied("the Auth header must be {service_id}-{hash}-{timestamp}");
        }

        var serviceId = header[..first];
        if (lastVerified.TryGetValue(serviceId, out var verified) && string.Equals(verified.Header, header, StringComparison.Ordinal) &&
            tenants.TryTouch(verified.Tenant))
        {
            EnsureUnit(verified.Tenant, verified.InSeconds);
            EnsureWithinWindow(verified.SignedAt);
            return verified.Tenant;
        }

        var hash = header.AsSpan(first + 1, second - first - 1);
        var timestampText = header.AsSpan(second + 1);
        if (!TryReadTimestamp(timestampText, out var signedAt, out var inSeconds))
        {
            throw Denied(options.StrictTimestampUnits ? MillisecondsOnly : "the Auth timestamp must be Unix milliseconds (13 digits) or seconds (10 digits)");
        }

        var secretKey = tenants.SecretKeyOf(serviceId)
            ?? throw Denied($"service_id {serviceId} is not a known service");
        if (!HashMatches(secretKey, timestampText, hash))
        {
            throw Denied("the Auth hash is not sha1_hex(secret_key + timestamp) for this service");
        }

        EnsureWithinWindow(signedAt);
        if (!tenants.TryGet(serviceId, out var tenant, out var whyNot))
        {
            throw Denied(whyNot);
        }

        EnsureUnit(tenant, inSeconds);
        lastVerified[serviceId] = new VerifiedHeader(header, signedAt, inSeconds, tenant);
        return tenant;
    }

    public static string Sign(string serviceId, string secretKey, string timestamp) =>
        $"{serviceId}-{Hash(secretKey, timestamp)}-{timestamp}";

#pragma warning disable CA5350 // SHA-1 is what the PaySys Auth header is defined with; the sandbox must match it.
    public static string Hash(string secretKey, string timestamp) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(secretKey + timestamp)));

    /// <summary><see cref="Hash"/> compared with <paramref name="givenHash"/> (any case) in fixed time, without allocating.</summary>
    private static bool HashMatches(string secretKey, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> givenHash)
    {
        Span<char> given = stackalloc char[HashHexLength];
        if (givenHash.Length != HashHexLength || Ascii.ToLower(givenHash, given, out _) != OperationStatus.Done)
        {
            return false;
        }

        var inputLength = Encoding.UTF8.GetByteCount(secretKey) + Encoding.UTF8.GetByteCount(timestamp);
        var input = inputLength <= 256 ? stackalloc byte[inputLength] : new byte[inputLength];
        var keyLength = Encoding.UTF8.GetBytes(secretKey, input);
        Encoding.UTF8.GetBytes(timestamp, input[keyLength..]);
        Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, digest);
        Span<char> expected = stackalloc char[HashHexLength];
        Convert.TryToHexStringLower(digest, expected, out _);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(given));
    }
#pragma warning restore CA5350

    private void EnsureWithinWindow(DateTimeOffset signedAt)
    {
        var skew = (realClock.GetUtcNow() - signedAt).Duration();
        if (skew > TimeSpan.FromSeconds(options.AuthWindowSeconds))
        {
            throw new RpcException(Reasons.StaleRequest,
                $"the Auth timestamp is {(long)skew.TotalSeconds} s away from now; the window is {options.AuthWindowSeconds} s");
        }
    }

    /// <summary>
    /// Seconds are refused per tenant (<see cref="GatewayRules.MillisecondTimestampsOnly"/>), so once the tenant is known;
    /// a flag read without the gate, like the service's switch: a change applies from the next call.
    /// </summary>
    private static void EnsureUnit(Tenant tenant, bool inSeconds)
    {
        if (inSeconds && tenant.State.Rules.MillisecondTimestampsOnly)
        {
            throw Denied(MillisecondsOnly);
        }
    }

    private static bool TryReadTimestamp(ReadOnlySpan<char> text, out DateTimeOffset signedAt, out bool isSeconds)
    {
        signedAt = default;
        var isMilliseconds = text.Length == 13;
        isSeconds = text.Length == 10;
        if ((!isMilliseconds && !isSeconds) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        signedAt = isMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
        return true;
    }

    private static RpcException Denied(string detail) => new(Reasons.InsufficientPrivileges, detail);

    /// <summary>A header that passed every check but the window, which depends on when it is used.</summary>
    private sealed record VerifiedHeader(string Header, DateTimeOffset SignedAt, bool InSeconds, Tenant Tenant);
}
