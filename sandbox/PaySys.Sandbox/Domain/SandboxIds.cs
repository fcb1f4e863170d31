using System.Globalization;
using System.Security.Cryptography;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// Ids of the gateway: bank_transaction_id, transaction_id (also a payout's agr_transaction_id), the invoice id and
/// the intermediate request id all come from one increasing sequence shared by every tenant, so no number ever names
/// two things: one tenant's id is simply not found in another, and a bank_transaction_id is never a transaction_id.
/// </summary>
/// <remarks>
/// The sequence starts at the microseconds from 2026-01-01 to the real clock's start-up time (plus
/// <see cref="LowestStart"/>), so a restarted sandbox starts above every id the previous run gave out, unless that run
/// gave out more than a million a second over its whole life: an id kept by a test or a database never names another
/// payment after a restart. Ids have 10 to 15 digits: never card-shaped (16 digits, <see cref="CardMasking"/>),
/// exact as a JavaScript number, and within the integer or digit-string types the docs and contracts/schemas give
/// them. Under a fake real clock (the test fixture's TimeProvider) the start, and so every id, is the same on every
/// run: tests that rely on the ids stay deterministic.
/// </remarks>
public sealed class SandboxIds(TimeProvider realClock)
{
    /// <summary>The lowest start: a real clock before 2026 still gives 10-digit ids, never the small ids tests use for "no such payment".</summary>
    public const long LowestStart = 1_000_000_000;

    /// <summary>The highest start (about 2054): ids stay at 15 digits at most, below card numbers' 16.</summary>
    public const long HighestStart = 900_000_000_000_000;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private long last = StartAt(realClock.GetUtcNow());

    /// <summary>Where the sequence of a sandbox started at <paramref name="startUp"/> (real clock) begins.</summary>
    public static long StartAt(DateTimeOffset startUp) =>
        LowestStart + Math.Clamp((startUp - Epoch).Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestStart - LowestStart);

    /// <summary>The last id given out: a snapshot keeps it, so ids go on counting after an import.</summary>
    public long Last => Interlocked.Read(ref last);

    /// <summary>Moves the sequence up to <paramref name="position"/> (never down: other tenants share it).</summary>
    public void MoveAtLeastTo(long position)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref last);
            if (seen >= position)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref last, position, seen) != seen);
    }

    public long NextBankTransactionId() => Interlocked.Increment(ref last);

    public long NextTransactionId() => Interlocked.Increment(ref last);

    public long NextInvoiceId() => Interlocked.Increment(ref last);

    public string NextRequestId() => Interlocked.Increment(ref last).ToString(CultureInfo.InvariantCulture);

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
