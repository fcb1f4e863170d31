using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// What all tenants together may store (PAYSYS_MEMORY_BUDGET_MB): each tenant reports the bytes it adds and drops to
/// this one counter, so the process as a whole is bounded without ever scanning a tenant. The figures are the stored
/// payload as <see cref="StoredSizes"/> estimates it (journal bodies exactly), not the whole heap.
/// </summary>
public sealed class MemoryBudget
{
    public const string Variable = "PAYSYS_MEMORY_BUDGET_MB";

    private const long BytesPerMegabyte = 1024 * 1024;

    private long used;

    public MemoryBudget(int megabytes)
    {
        Megabytes = Math.Max(1, megabytes);
        MaxBytes = Megabytes * BytesPerMegabyte;
    }

    /// <summary>A budget that counts nothing: for a tenant shown to a read and then dropped, never kept.</summary>
    public static MemoryBudget Untracked { get; } = new(int.MaxValue);

    public int Megabytes { get; }

    public long MaxBytes { get; }

    public long UsedBytes => Volatile.Read(ref used);

    /// <summary>Takes <paramref name="bytes"/> from the budget, or nothing when they do not fit.</summary>
    public bool TryTake(long bytes)
    {
        if (ReferenceEquals(this, Untracked) || bytes <= 0)
        {
            return true;
        }

        while (true)
        {
            var before = Volatile.Read(ref used);
            if (before + bytes > MaxBytes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref used, before + bytes, before) == before)
            {
                return true;
            }
        }
    }

    public void Return(long bytes)
    {
        if (!ReferenceEquals(this, Untracked) && bytes > 0)
        {
            Interlocked.Add(ref used, -bytes);
        }
    }

    /// <summary>The refusal when a store would pass the budget: -32312 with {"limit": megabytes}, like a per-tenant cap.</summary>
    public Refusal Exhausted(string what) => new(Reasons.TransactionNotAllowed,
        $"not allowed: the sandbox's memory budget of {Megabytes} MB ({Variable}) is used up, so no {what} can be stored; " +
        "reset tenants with POST /_sandbox/reset, wait for idle open tenants to expire, or raise the budget",
        facts: new LimitReached(Megabytes));
}
