using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tenants;

/// <summary>
/// All tenants: the configured merchants, plus (in open-tenants mode) one per service_id on first use, up to
/// <see cref="TenantRules.MaxTenants"/> in all. A tenant is never dropped, so the cap bounds the sandbox's memory.
/// </summary>
public sealed class TenantRegistry
{
    private const int MaxServiceIdLength = 64;

    private readonly ConcurrentDictionary<string, Tenant> tenants = new(StringComparer.Ordinal);
    private readonly Func<string, Tenant> createOpenTenant;
    private readonly Lock creating = new();

    public TenantRegistry(TenantRules rules, TimeProvider realClock, SandboxIds ids)
    {
        Rules = rules;
        foreach (var profile in rules.Merchants)
        {
            tenants[profile.ServiceId] = new Tenant(new Merchant(profile), realClock, rules.Settings, rules.JournalSize, ids);
        }

        DefaultServiceId = rules.Merchants[0].ServiceId;
        createOpenTenant = serviceId => new Tenant(
            new Merchant(rules.OpenTenantProfile(serviceId)), realClock, rules.Settings, rules.JournalSize, ids);
    }

    public TenantRules Rules { get; }

    public string DefaultServiceId { get; }

    public IEnumerable<Tenant> All => tenants.Values;

    public int Count => tenants.Count;

    /// <summary>The tenant of a service id; in open-tenants mode any well-formed id gets one.</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant) => TryGet(serviceId, out tenant, out _);

    /// <summary>The tenant of a service id, or why there is none (unknown, or the sandbox holds the maximum of tenants).</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot) =>
        TryGet(serviceId, keep: true, out tenant, out whyNot);

    /// <summary>
    /// The tenant of a service id for a read: a tenant that is not open yet is shown as it would start (a fresh tenant
    /// that is not kept), so reads never fill the tenant table.
    /// </summary>
    public bool TryPeek(string serviceId, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot) =>
        TryGet(serviceId, keep: false, out tenant, out whyNot);

    private bool TryGet(string serviceId, bool keep, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot)
    {
        whyNot = null;
        if (tenants.TryGetValue(serviceId, out tenant))
        {
            return true;
        }

        if (!Rules.OpenTenants || !IsWellFormed(serviceId))
        {
            whyNot = Rules.OpenTenants
                ? $"service_id {serviceId} is not a known service, and not a well-formed open tenant (letters, digits, _ or ., up to {MaxServiceIdLength})"
                : $"service_id {serviceId} is not a known service (PAYSYS_OPEN_TENANTS is off)";
            return false;
        }

        if (!keep && tenants.Count < Rules.MaxTenants)
        {
            tenant = createOpenTenant(serviceId);
            return true;
        }

        lock (creating)
        {
            if (tenants.TryGetValue(serviceId, out tenant))
            {
                return true;
            }

            if (tenants.Count >= Rules.MaxTenants)
            {
                whyNot = $"the sandbox holds the maximum of {Rules.MaxTenants} tenants (PAYSYS_MAX_TENANTS): service_id {serviceId} cannot be opened; restart the sandbox or raise the limit";
                return false;
            }

            tenant = tenants.GetOrAdd(serviceId, createOpenTenant);
            return true;
        }
    }

    /// <summary>The secret a service signs with, or null when the service id is unknown (and cannot be opened).</summary>
    public string? SecretKeyOf(string serviceId)
    {
        if (tenants.TryGetValue(serviceId, out var tenant))
        {
            return tenant.Merchant.SecretKey;
        }

        return Rules.OpenTenants && IsWellFormed(serviceId) ? Rules.OpenTenantsSecret : null;
    }

    public static bool IsWellFormed(string serviceId) =>
        serviceId.Length is > 0 and <= MaxServiceIdLength &&
        serviceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.');
}

/// <summary>
/// What the tenant table is made of: the configured merchants (the first is the default), whether any other well-formed
/// service id opens a tenant of its own, how many tenants there may be, and what every tenant's domain needs.
/// </summary>
public sealed record TenantRules(
    IReadOnlyList<MerchantProfile> Merchants,
    bool OpenTenants,
    string OpenTenantsSecret,
    int MaxTenants,
    int JournalSize,
    TenantSettings Settings,
    Func<string, MerchantProfile> OpenTenantProfile);
