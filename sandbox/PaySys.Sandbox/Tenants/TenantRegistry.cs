using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tenants;

/// <summary>
/// All tenants: the configured merchants, plus (in open-tenants mode) one per service_id on first use, up to
/// <see cref="TenantRules.MaxTenants"/> in all. Configured merchants (the default merchant first) stay for the life of
/// the process. An open tenant that nobody used for <see cref="TenantRules.IdleExpiry"/> expires (PAYSYS_TENANT_IDLE_SECONDS),
/// and when the table is full a new one takes the place of the least recently used open tenant idle for at least
/// <see cref="TenantRules.EvictableAfter"/>; only when there is none is it refused.
/// Idleness is measured on the host's real clock, never on a tenant's virtual clock: that clock is the tenant's own
/// test fixture, moved by POST /_sandbox/clock (a year ahead, back by a reset), while the table's memory is spent in
/// real time. A test that moves its clock must neither expire its tenant nor keep it forever.
/// </summary>
public sealed class TenantRegistry
{
    private const int MaxServiceIdLength = 64;

    private readonly ConcurrentDictionary<string, TableEntry> tenants = new(StringComparer.Ordinal);
    private readonly Func<string, MemoryBudget, Tenant> newOpenTenant;
    private readonly TimeProvider realClock;
    private readonly Lock creating = new();
    private long lastSweepTicks;

    public TenantRegistry(TenantRules rules, TimeProvider realClock, SandboxIds ids)
    {
        Rules = rules;
        this.realClock = realClock;
        var now = NowTicks();
        foreach (var profile in rules.Merchants)
        {
            var tenant = new Tenant(new Merchant(profile), realClock, rules.Settings, rules.Journal, ids, rules.Budget);
            tenants[profile.ServiceId] = new TableEntry(tenant, configured: true, now);
        }

        DefaultServiceId = rules.Merchants[0].ServiceId;
        newOpenTenant = (serviceId, budget) => new Tenant(
            new Merchant(rules.OpenTenantProfile(serviceId)), realClock, rules.Settings, rules.Journal, ids, budget);
        lastSweepTicks = now;
    }

    /// <summary>
    /// An open tenant left the table (expired or evicted), raised inside its last step: whoever keeps a link to it
    /// (hosted pages, the Auth cache) forgets it.
    /// </summary>
    public event Action<Tenant>? Retired;

    public TenantRules Rules { get; }

    public string DefaultServiceId { get; }

    public IEnumerable<Tenant> All => tenants.Values.Select(entry => entry.Tenant);

    public int Count => tenants.Count;

    /// <summary>The tenant of a service id; in open-tenants mode any well-formed id gets one.</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant) => TryGet(serviceId, out tenant, out _);

    /// <summary>The tenant of a service id, or why there is none (unknown, or the sandbox holds the maximum of tenants).</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot) =>
        TryGet(serviceId, keep: true, out tenant, out whyNot);

    /// <summary>
    /// The tenant of a service id for a read: a tenant that is not open yet is shown as it would start (a fresh tenant
    /// that is not kept, and counts nothing against the memory budget), so reads never fill the tenant table.
    /// </summary>
    public bool TryPeek(string serviceId, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot) =>
        TryGet(serviceId, keep: false, out tenant, out whyNot);

    /// <summary>
    /// Marks a tenant found earlier (the Auth cache's) as used now; false when it is no longer in the table, so the
    /// caller looks it up again instead of working on a tenant nobody will see.
    /// </summary>
    public bool TryTouch(Tenant tenant)
    {
        var now = NowTicks();
        if (!tenants.TryGetValue(tenant.ServiceId, out var entry) || !ReferenceEquals(entry.Tenant, tenant) || Expired(entry, now))
        {
            return false;
        }

        entry.Touch(now);
        return true;
    }

    private bool TryGet(string serviceId, bool keep, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot)
    {
        whyNot = null;
        var now = NowTicks();
        SweepWhenDue(now);
        if (tenants.TryGetValue(serviceId, out var entry))
        {
            if (!Expired(entry, now))
            {
                entry.Touch(now);
                tenant = entry.Tenant;
                return true;
            }

            Retire(serviceId, entry);
        }

        if (!Rules.OpenTenants || !IsWellFormed(serviceId))
        {
            tenant = null;
            whyNot = Rules.OpenTenants
                ? $"service_id {serviceId} is not a known service, and not a well-formed open tenant (letters, digits, _ or ., up to {MaxServiceIdLength})"
                : $"service_id {serviceId} is not a known service (PAYSYS_OPEN_TENANTS is off)";
            return false;
        }

        if (!keep)
        {
            // A read of a tenant that is not open: shown as it would start if the table has (or can make) room for it.
            var room = tenants.Count < Rules.MaxTenants || FindEvictable(now) is not null;
            tenant = room ? newOpenTenant(serviceId, MemoryBudget.Untracked) : null;
            whyNot = room ? null : TableFull(serviceId);
            return room;
        }

        lock (creating)
        {
            if (tenants.TryGetValue(serviceId, out entry))
            {
                if (!Expired(entry, now))
                {
                    entry.Touch(now);
                    tenant = entry.Tenant;
                    return true;
                }

                Retire(serviceId, entry);
            }

            if (tenants.Count >= Rules.MaxTenants && FindEvictable(now) is { } evictable)
            {
                Retire(evictable.Key, evictable.Value);
            }

            if (tenants.Count >= Rules.MaxTenants)
            {
                tenant = null;
                whyNot = TableFull(serviceId);
                return false;
            }

            tenant = newOpenTenant(serviceId, Rules.Budget);
            tenants[serviceId] = new TableEntry(tenant, configured: false, now);
            return true;
        }
    }

    /// <summary>The secret a service signs with, or null when the service id is unknown (and cannot be opened).</summary>
    public string? SecretKeyOf(string serviceId)
    {
        if (tenants.TryGetValue(serviceId, out var entry))
        {
            return entry.Tenant.Merchant.SecretKey;
        }

        return Rules.OpenTenants && IsWellFormed(serviceId) ? Rules.OpenTenantsSecret : null;
    }

    public static bool IsWellFormed(string serviceId) =>
        serviceId.Length is > 0 and <= MaxServiceIdLength &&
        serviceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.');

    private string TableFull(string serviceId) =>
        $"the sandbox holds the maximum of {Rules.MaxTenants} tenants (PAYSYS_MAX_TENANTS), none of them an open tenant idle for {(long)Rules.EvictableAfter.TotalSeconds} s: " +
        $"service_id {serviceId} cannot be opened; retry later, restart the sandbox or raise the limit";

    private long NowTicks() => realClock.GetUtcNow().UtcTicks;

    private bool Expired(TableEntry entry, long now) =>
        !entry.Configured && Rules.IdleExpiry > TimeSpan.Zero && now - entry.LastUsedTicks >= Rules.IdleExpiry.Ticks;

    /// <summary>
    /// Drops every expired open tenant, at most once per <see cref="TenantRules.SweepEvery"/> and by one caller: the table
    /// is scanned on that schedule, never per request, so expired tenants give their memory back even when their ids are
    /// never seen again.
    /// </summary>
    private void SweepWhenDue(long now)
    {
        var last = Interlocked.Read(ref lastSweepTicks);
        if (Rules.IdleExpiry <= TimeSpan.Zero || now - last < Rules.SweepEvery.Ticks ||
            Interlocked.CompareExchange(ref lastSweepTicks, now, last) != last)
        {
            return;
        }

        foreach (var (serviceId, entry) in tenants)
        {
            if (Expired(entry, now))
            {
                Retire(serviceId, entry);
            }
        }
    }

    /// <summary>The least recently used open tenant idle for at least <see cref="TenantRules.EvictableAfter"/>, if any (a scan of the table, made only when it is full).</summary>
    private KeyValuePair<string, TableEntry>? FindEvictable(long now)
    {
        KeyValuePair<string, TableEntry>? oldest = null;
        foreach (var pair in tenants)
        {
            if (!pair.Value.Configured && now - pair.Value.LastUsedTicks >= Rules.EvictableAfter.Ticks &&
                (oldest is null || pair.Value.LastUsedTicks < oldest.Value.Value.LastUsedTicks))
            {
                oldest = pair;
            }
        }

        return oldest;
    }

    private void Retire(string serviceId, TableEntry entry)
    {
        // Only the entry seen: a tenant opened again under the same id meanwhile stays.
        if (tenants.TryRemove(KeyValuePair.Create(serviceId, entry)))
        {
            entry.Tenant.Retire(() => Retired?.Invoke(entry.Tenant));
        }
    }

    /// <summary>One row of the table: the tenant, whether it is configured (never expires) and when it was last used (real clock ticks).</summary>
    private sealed class TableEntry
    {
        private long lastUsed;

        public TableEntry(Tenant tenant, bool configured, long lastUsedTicks)
        {
            Tenant = tenant;
            Configured = configured;
            lastUsed = lastUsedTicks;
        }

        public Tenant Tenant { get; }

        public bool Configured { get; }

        public long LastUsedTicks => Interlocked.Read(ref lastUsed);

        public void Touch(long now) => Interlocked.Exchange(ref lastUsed, now);
    }
}

/// <summary>
/// What the tenant table is made of: the configured merchants (the first is the default), whether any other well-formed
/// service id opens a tenant of its own, how many tenants there may be, how long an idle open tenant is kept, the
/// memory budget all tenants share, and what every tenant's domain needs.
/// </summary>
public sealed record TenantRules(
    IReadOnlyList<MerchantProfile> Merchants,
    bool OpenTenants,
    string OpenTenantsSecret,
    int MaxTenants,
    JournalBounds Journal,
    TenantSettings Settings,
    Func<string, MerchantProfile> OpenTenantProfile,
    MemoryBudget Budget,
    TimeSpan IdleExpiry)
{
    /// <summary>How long an open tenant must have been unused before a full table may evict it: a minute, or the idle expiry when that is shorter.</summary>
    public TimeSpan EvictableAfter =>
        IdleExpiry > TimeSpan.Zero && IdleExpiry < TimeSpan.FromMinutes(1) ? IdleExpiry : TimeSpan.FromMinutes(1);

    /// <summary>How often the table is scanned for expired tenants: a quarter of the idle expiry, at least every second.</summary>
    public TimeSpan SweepEvery => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, IdleExpiry.Ticks / 4));
}
