using System.Globalization;
using System.Security.Cryptography;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// Ids of the gateway. Transaction numbers are increasing across all tenants, so one tenant's id is
/// never another tenant's transaction (it is simply not found there).
/// </summary>
public sealed class SandboxIds
{
    private long bankTransactionId = 137_664_000;
    private long transactionId = 11_424_000;
    private long requestId = 1_429_072_000;
    private long invoiceId = 2_693_000;

    public long NextBankTransactionId() => Interlocked.Increment(ref bankTransactionId);

    public long NextTransactionId() => Interlocked.Increment(ref transactionId);

    public long NextInvoiceId() => Interlocked.Increment(ref invoiceId);

    public string NextRequestId() => Interlocked.Increment(ref requestId).ToString(CultureInfo.InvariantCulture);

    /// <summary>34 upper-case hex characters, like the docs' 6A0A002A1289688F2CDA1F1C0686359C16.</summary>
    public static string NewCardId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(17));

    /// <summary>40 lower-case hex characters.</summary>
    public static string NewCardToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>12 digits, like reference_number 003136441185.</summary>
    public static string NewReferenceNumber() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture) +
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>32 lower-case hex characters, like the payout details' id 2b32d68e154573ec7b6d30d1f803c5a5.</summary>
    public static string NewRequestToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// 32 lower-case hex characters: the mx_id request tracker. It only has to be unique, not secret, so it comes
    /// from <see cref="Random.Shared"/> (Guid.NewGuid asks the kernel for random bytes on every call).
    /// </summary>
    public static string NewMxId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
