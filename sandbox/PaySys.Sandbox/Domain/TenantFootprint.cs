namespace PaySys.Sandbox.Domain;

/// <summary>The stores a tenant's state grows, each counted against the <see cref="MemoryBudget"/>.</summary>
public enum StoredKind
{
    Transactions,
    Cards,
    Invoices,
    FaultRules,
    Refunds,
}

/// <summary>
/// What one item of each store costs, an upper bound: every text in it is bounded (<see cref="StoredText"/>, the
/// gateway's 255-character params), so one figure per kind is enough and nothing is ever measured per request.
/// </summary>
public static class StoredSizes
{
    /// <summary>A catalogue card: holder, description, username (<see cref="StoredText"/>) as UTF-16, the account, its registration.</summary>
    public const int Card = 2048;

    /// <summary>A payment or payout: up to three 255-character texts as UTF-16, its order, card link and first history steps.</summary>
    public const int Transaction = 2048;

    /// <summary>An invoice: order id and note (255 characters each) as UTF-16, its hash and its pay-page link.</summary>
    public const int Invoice = 1536;

    public const int FaultRule = 256;

    /// <summary>One refund: a step of its payment's history.</summary>
    public const int Refund = 64;

    /// <summary>A journal entry: its two bodies exactly, plus its method name and the entry itself.</summary>
    public static long Of(JournalEntry entry) => 64 + (2L * entry.Method.Length) + entry.Request.Length + entry.Response.Length;
}

/// <summary>
/// A tenant state's share of the <see cref="MemoryBudget"/>: per store, the bytes its items cost, reported to the budget
/// as they change. Changed only inside the tenant's step (its gate); a reset or an eviction returns all of it.
/// </summary>
public sealed class TenantFootprint(MemoryBudget budget)
{
    private readonly long[] counts = new long[Enum.GetValues<StoredKind>().Length];
    private readonly long[] bytes = new long[Enum.GetValues<StoredKind>().Length];
    private long total;
    private bool closed;

    /// <summary>Counts nothing: the footprint of a tenant that is shown to a read and dropped.</summary>
    public static TenantFootprint Untracked => new(MemoryBudget.Untracked);

    public MemoryBudget Budget { get; } = budget;

    public long Bytes => Volatile.Read(ref total);

    /// <summary>
    /// The store of <paramref name="kind"/> is about to hold <paramref name="count"/> items of <paramref name="each"/>
    /// bytes: takes the growth from the budget (or refuses, changing nothing) and returns any shrinking.
    /// </summary>
    public void Resize(StoredKind kind, long count, int each, string what)
    {
        if (closed)
        {
            // A step that raced an eviction changes a state nobody will see again: nothing to count.
            return;
        }

        var index = (int)kind;
        var delta = (count * each) - bytes[index];
        if (delta > 0 && !Budget.TryTake(delta))
        {
            throw Budget.Exhausted(what);
        }

        Budget.Return(-delta);
        counts[index] = count;
        bytes[index] += delta;
        Volatile.Write(ref total, total + delta);
    }

    /// <summary>One more item of a store that only grows until a reset (refunds).</summary>
    public void Grow(StoredKind kind, int each, string what) => Resize(kind, counts[(int)kind] + 1, each, what);

    /// <summary>Gives all of it back and counts nothing from now on: the state is wiped (reset) or dropped (eviction).</summary>
    public void Close()
    {
        closed = true;
        Budget.Return(total);
        Array.Clear(bytes);
        Volatile.Write(ref total, 0);
    }
}
