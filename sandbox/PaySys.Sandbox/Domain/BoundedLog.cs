namespace PaySys.Sandbox.Domain;

/// <summary>A ring of the last N items: the outbox and the journal never grow without bound.</summary>
public sealed class BoundedLog<T>(int capacity)
{
    private readonly Queue<T> items = new();
    private readonly Lock gate = new();

    public int Capacity { get; } = Math.Max(1, capacity);

    public void Add(T item)
    {
        lock (gate)
        {
            if (items.Count == Capacity)
            {
                items.Dequeue();
            }

            items.Enqueue(item);
        }
    }

    /// <summary>A snapshot, oldest first.</summary>
    public List<T> Snapshot()
    {
        lock (gate)
        {
            return [.. items];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            items.Clear();
        }
    }
}
