namespace PaySys.Sandbox.Domain;

/// <summary>One named snapshot: the document's UTF-8 JSON and when (virtual clock) it was taken.</summary>
public sealed record NamedSnapshot(string Name, DateTimeOffset SavedAt, byte[] Document);

/// <summary>
/// A tenant's named snapshots, in memory: at most <see cref="MaxCount"/> of them and <see cref="MaxBytes"/> together,
/// their bytes also taken from the sandbox's <see cref="MemoryBudget"/>. A reset keeps them (restoring after a reset is
/// what they are for); the tenant leaving the table (idle expiry, eviction) drops them.
/// </summary>
public sealed class SnapshotShelf(MemoryBudget budget)
{
    public const int MaxCount = 32;

    public const long MaxBytes = 16 * 1024 * 1024;

    public const int MaxNameLength = 64;

    private readonly Dictionary<string, NamedSnapshot> byName = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long bytes;

    /// <summary>Letters, digits, '.', '_' and '-', 1 to 64 of them: the name goes into a URL path.</summary>
    public static string? NameProblem(string name) =>
        name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? $"a snapshot name is 1 to {MaxNameLength} letters, digits, '.', '_' or '-'"
            : null;

    /// <summary>Keeps <paramref name="snapshot"/> under its name (replacing one of the same name), or says why not.</summary>
    public string? Save(NamedSnapshot snapshot)
    {
        lock (gate)
        {
            var replaced = byName.GetValueOrDefault(snapshot.Name);
            var count = byName.Count + (replaced is null ? 1 : 0);
            var total = bytes - (replaced?.Document.Length ?? 0) + snapshot.Document.Length;
            if (count > MaxCount)
            {
                return $"the tenant holds the maximum of {MaxCount} named snapshots; delete one with DELETE /_sandbox/snapshots/{{name}}";
            }

            if (total > MaxBytes)
            {
                return $"the tenant's named snapshots would take {total} bytes, more than the {MaxBytes} allowed; delete one first";
            }

            if (!budget.TryTake(snapshot.Document.Length))
            {
                return budget.Exhausted("named snapshot").Message;
            }

            budget.Return(replaced?.Document.Length ?? 0);
            byName[snapshot.Name] = snapshot;
            bytes = total;
            return null;
        }
    }

    public NamedSnapshot? Find(string name)
    {
        lock (gate)
        {
            return byName.GetValueOrDefault(name);
        }
    }

    /// <summary>Oldest name first.</summary>
    public List<NamedSnapshot> All()
    {
        lock (gate)
        {
            return [.. byName.Values.OrderBy(s => s.SavedAt).ThenBy(s => s.Name, StringComparer.Ordinal)];
        }
    }

    public bool Delete(string name)
    {
        lock (gate)
        {
            if (!byName.Remove(name, out var removed))
            {
                return false;
            }

            bytes -= removed.Document.Length;
            budget.Return(removed.Document.Length);
            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            budget.Return(bytes);
            byName.Clear();
            bytes = 0;
        }
    }
}
