using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tenants;

/// <summary>
/// One merchant's isolated world: its clock, its state and its journal. Every read or change of
/// <see cref="State"/> happens under <see cref="Gate"/>, which makes each transition atomic.
/// </summary>
public sealed class Tenant
{
    private readonly Func<TenantState> newState;

    public Tenant(Merchant merchant, TimeProvider realClock, TenantSettings settings, int journalSize, SandboxIds ids)
    {
        Merchant = merchant;
        Clock = new VirtualClock(realClock);
        Journal = new BoundedLog<JournalEntry>(journalSize);
        newState = () => new TenantState(merchant, CardCatalogue.Embedded, settings, ids);
        State = newState();
    }

    public Merchant Merchant { get; }

    public string ServiceId => Merchant.ServiceId;

    public VirtualClock Clock { get; }

    public Lock Gate { get; } = new();

    public TenantState State { get; private set; }

    public BoundedLog<JournalEntry> Journal { get; }

    /// <summary>Applies every expiry that fell due. Call with <see cref="Gate"/> held.</summary>
    public DateTimeOffset CatchUp()
    {
        var now = Clock.GetUtcNow();
        State.Expiries.ApplyDue(now);
        return now;
    }

    public void Reset()
    {
        lock (Gate)
        {
            State = newState();
            Clock.Reset();
            Journal.Clear();
        }
    }
}

/// <summary>
/// One request and its response as the journal keeps them: UTF-8 JSON with card numbers masked, decoded only
/// when the journal is read.
/// </summary>
public sealed record JournalEntry(DateTimeOffset At, string Method, byte[] Request, byte[] Response);
