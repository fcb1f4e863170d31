using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// One merchant's isolated world: its clock, its state and its journal. Every read or change of <see cref="State"/>
/// goes through <see cref="Run{T}"/>, which makes each one atomic and lets it see every expiry that fell due.
/// </summary>
public sealed class Tenant
{
    private readonly Func<TenantState> newState;
    private readonly Lock gate = new();
    private readonly SandboxIds ids;
    private long changes;

    public Tenant(Merchant merchant, TimeProvider realClock, TenantSettings settings, JournalBounds journal, SandboxIds ids, MemoryBudget budget)
    {
        Merchant = merchant;
        this.ids = ids;
        Snapshots = new SnapshotShelf(budget);
        Clock = new VirtualClock(realClock);
        Journal = new RequestJournal(journal.MaxEntries, journal.MaxBytes, budget);
        newState = () => new TenantState(merchant, CardCatalogue.Embedded, settings, ids, new TenantFootprint(budget));
        State = newState();
    }

    public Merchant Merchant { get; }

    public string ServiceId => Merchant.ServiceId;

    public VirtualClock Clock { get; }

    /// <summary>The tenant's state; read or change it only inside <see cref="Run{T}"/>.</summary>
    public TenantState State { get; private set; }

    public RequestJournal Journal { get; }

    /// <summary>The tenant's named snapshots (POST /_sandbox/snapshots/{name}); a reset keeps them.</summary>
    public SnapshotShelf Snapshots { get; }

    /// <summary>
    /// Counts the steps that may have changed the state (every <see cref="Run{T}"/>, reset and import): the state
    /// directory's writer saves a tenant whose count moved since its last save.
    /// </summary>
    public long Changes => Interlocked.Read(ref changes);

    /// <summary>
    /// The one way into the state: takes the tenant's gate, applies every expiry that fell due on the virtual clock,
    /// and runs <paramref name="operation"/> with the operation's now. Calls on one tenant run one at a time.
    /// </summary>
    public T Run<T>(Func<Operation, T> operation)
    {
        lock (gate)
        {
            var wall = Clock.RealNow;
            var step = new Operation(wall + Clock.Offset, wall);
            State.Expiries.ApplyDue(step);
            Interlocked.Increment(ref changes);
            return operation(step);
        }
    }

    /// <summary>
    /// Everything the tenant holds, as one document, in one atomic step. Not counted as a change unless an expiry fell
    /// due, so saving a tenant never makes it look changed.
    /// </summary>
    public TenantSnapshot Export()
    {
        lock (gate)
        {
            var wall = Clock.RealNow;
            var step = new Operation(wall + Clock.Offset, wall);
            var due = State.Expiries.Count;
            State.Expiries.ApplyDue(step);
            if (State.Expiries.Count != due)
            {
                Interlocked.Increment(ref changes);
            }

            return TenantSnapshots.Export(this, State, step, ids);
        }
    }

    /// <summary>
    /// Replaces the state and the clock's offset with <paramref name="snapshot"/>'s, or says why not (then nothing
    /// changed): the snapshot is checked whole, then built into a new state, and only a complete one replaces the old.
    /// The shared id sequence moves past every id in it, so new ids keep counting on. The journal stays as it was.
    /// <paramref name="alsoAdopt"/> runs in the same step once the state is replaced.
    /// </summary>
    public string? Replace(TenantSnapshot snapshot, Action? alsoAdopt = null)
    {
        if (TenantSnapshots.Problem(snapshot, Merchant) is { } problem)
        {
            return problem;
        }

        lock (gate)
        {
            var fresh = newState();
            try
            {
                TenantSnapshots.Fill(fresh, snapshot);
            }
            catch (Refusal refused)
            {
                fresh.Footprint.Close();
                return CardMasking.MaskSecrets(refused.Message);
            }

            State.Footprint.Close();
            State = fresh;
            Clock.SetOffset(TimeSpan.FromTicks(snapshot.Clock.OffsetTicks));
            ids.MoveAtLeastTo(TenantSnapshots.HighestId(snapshot));
            Interlocked.Increment(ref changes);
            alsoAdopt?.Invoke();
            return null;
        }
    }

    /// <summary>Wipes the state, the clock and the journal; <paramref name="alsoForget"/> runs in the same step.</summary>
    public void Reset(Action? alsoForget = null)
    {
        lock (gate)
        {
            State.Footprint.Close();
            State = newState();
            Clock.Reset();
            Journal.Clear();
            Interlocked.Increment(ref changes);
            alsoForget?.Invoke();
        }
    }

    /// <summary>
    /// The tenant leaves the table (it expired, or made room): its bytes go back to the memory budget, and a call that
    /// raced the eviction changes a state nobody sees again. <paramref name="alsoForget"/> runs in the same step.
    /// </summary>
    public void Retire(Action? alsoForget = null)
    {
        lock (gate)
        {
            State.Footprint.Close();
            Journal.Close();
            Snapshots.Clear();
            alsoForget?.Invoke();
        }
    }
}

/// <summary>How much a tenant's journal keeps: entries and bytes (PAYSYS_JOURNAL_SIZE, PAYSYS_JOURNAL_BYTES_PER_TENANT).</summary>
public sealed record JournalBounds(int MaxEntries, long MaxBytes);

/// <summary>
/// One request and its response as the journal keeps them: UTF-8 JSON with card numbers masked, decoded only
/// when the journal is read.
/// </summary>
public sealed record JournalEntry(DateTimeOffset At, string Method, byte[] Request, byte[] Response);
