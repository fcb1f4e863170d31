namespace PaySys.Sandbox.Domain;

/// <summary>
/// A tenant's last requests and responses, bounded twice: at most <see cref="MaxEntries"/> entries and at most
/// <see cref="MaxBytes"/> bytes (PAYSYS_JOURNAL_SIZE, PAYSYS_JOURNAL_BYTES_PER_TENANT); the oldest go first. Its
/// bytes count against the sandbox's <see cref="MemoryBudget"/>. Being a record of what happened, not state, it never
/// refuses a call: when the budget is used up the entry is not kept and <see cref="NotKept"/> counts it.
/// It has its own lock, so the journal is read and written without the tenant's step.
/// </summary>
public sealed class RequestJournal
{
    private readonly Queue<(JournalEntry Entry, long Bytes)> entries = new();
    private readonly MemoryBudget budget;
    private readonly Lock gate = new();
    private long bytes;
    private long notKept;
    private bool closed;

    public RequestJournal(int maxEntries, long maxBytes, MemoryBudget budget)
    {
        MaxEntries = Math.Max(1, maxEntries);
        MaxBytes = Math.Max(1, maxBytes);
        this.budget = budget;
    }

    public int MaxEntries { get; }

    public long MaxBytes { get; }

    /// <summary>The bytes the kept entries take (<see cref="StoredSizes.Of(JournalEntry)"/>).</summary>
    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    /// <summary>Entries dropped on arrival since the last reset: larger than the journal's bytes, or past the memory budget.</summary>
    public long NotKept => Interlocked.Read(ref notKept);

    public void Add(JournalEntry entry)
    {
        var size = StoredSizes.Of(entry);
        lock (gate)
        {
            if (closed || size > MaxBytes)
            {
                Interlocked.Increment(ref notKept);
                return;
            }

            while (entries.Count > 0 && (entries.Count >= MaxEntries || bytes + size > MaxBytes))
            {
                DropOldest();
            }

            if (!budget.TryTake(size))
            {
                Interlocked.Increment(ref notKept);
                return;
            }

            entries.Enqueue((entry, size));
            bytes += size;
        }
    }

    /// <summary>A snapshot, oldest first.</summary>
    public List<JournalEntry> Snapshot()
    {
        lock (gate)
        {
            return [.. entries.Select(e => e.Entry)];
        }
    }

    /// <summary>Drops every entry and gives their bytes back to the budget (a reset, an eviction).</summary>
    public void Clear()
    {
        lock (gate)
        {
            budget.Return(bytes);
            entries.Clear();
            bytes = 0;
            Interlocked.Exchange(ref notKept, 0);
        }
    }

    /// <summary>Clears the journal for good: its tenant was dropped from the table, and a call that raced that keeps nothing.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
            budget.Return(bytes);
            entries.Clear();
            bytes = 0;
        }
    }

    private void DropOldest()
    {
        var (_, size) = entries.Dequeue();
        bytes -= size;
        budget.Return(size);
    }
}
