using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tenants;

/// <summary>
/// All tenants: the configured merchants, plus (in open-tenants mode) one per service_id on first use, up to
/// <see cref="SandboxOptions.MaxTenants"/> in all. A tenant is never dropped, so the cap bounds the sandbox's memory.
/// </summary>
public sealed class TenantRegistry
{
    private const int MaxServiceIdLength = 64;

    private readonly ConcurrentDictionary<string, Tenant> tenants = new(StringComparer.Ordinal);
    private readonly Func<string, Tenant> createOpenTenant;
    private readonly Lock creating = new();

    public TenantRegistry(SandboxOptions options, TimeProvider realClock, SandboxIds ids)
    {
        Options = options;
        var settings = new TenantSettings(
            new OtpSettings(options.FixedOtp, options.OtpTtlSeconds, options.OtpAttempts),
            options.SmsOutboxSize,
            options.DefaultHoldingTimeSeconds,
            options.DefaultAfterExpired == "accept" ? HoldExpiryAction.Accept : HoldExpiryAction.Cancel,
            options.CancelWindowSeconds,
            options.PayoutDelaySeconds,
            new CurrencyRates(options.Rates),
            options.Limits);

        foreach (var merchantOptions in options.EffectiveMerchants)
        {
            var merchant = new Merchant(merchantOptions);
            tenants[merchant.ServiceId] = new Tenant(merchant, realClock, settings, options.JournalSize, ids);
        }

        DefaultServiceId = options.EffectiveMerchants[0].ServiceId;
        createOpenTenant = serviceId => new Tenant(
            new Merchant(new MerchantOptions { ServiceId = serviceId, SecretKey = options.OpenTenantsSecret }),
            realClock, settings, options.JournalSize, ids);
    }

    public SandboxOptions Options { get; }

    public string DefaultServiceId { get; }

    public IEnumerable<Tenant> All => tenants.Values;

    public int Count => tenants.Count;

    /// <summary>The tenant of a service id; in open-tenants mode any well-formed id gets one.</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant) => TryGet(serviceId, out tenant, out _);

    /// <summary>The tenant of a service id, or why there is none (unknown, or the sandbox holds the maximum of tenants).</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant, [NotNullWhen(false)] out string? whyNot)
    {
        whyNot = null;
        if (tenants.TryGetValue(serviceId, out tenant))
        {
            return true;
        }

        if (!Options.OpenTenants || !IsWellFormed(serviceId))
        {
            whyNot = Options.OpenTenants
                ? $"service_id {serviceId} is not a known service, and not a well-formed open tenant (letters, digits, _ or ., up to {MaxServiceIdLength})"
                : $"service_id {serviceId} is not a known service (PAYSYS_OPEN_TENANTS is off)";
            return false;
        }

        lock (creating)
        {
            if (tenants.TryGetValue(serviceId, out tenant))
            {
                return true;
            }

            if (tenants.Count >= Options.MaxTenants)
            {
                whyNot = $"the sandbox holds the maximum of {Options.MaxTenants} tenants (PAYSYS_MAX_TENANTS): service_id {serviceId} cannot be opened; restart the sandbox or raise the limit";
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

        return Options.OpenTenants && IsWellFormed(serviceId) ? Options.OpenTenantsSecret : null;
    }

    public static bool IsWellFormed(string serviceId) =>
        serviceId.Length is > 0 and <= MaxServiceIdLength &&
        serviceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.');
}
