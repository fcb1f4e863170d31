using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tenants;

/// <summary>
/// All tenants: the configured merchants, plus (in open-tenants mode) one per service_id on first use.
/// </summary>
public sealed class TenantRegistry
{
    private const int MaxServiceIdLength = 64;

    private readonly ConcurrentDictionary<string, Tenant> tenants = new(StringComparer.Ordinal);
    private readonly Func<string, Tenant> createOpenTenant;

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
            new CurrencyRates(options.Rates));

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

    /// <summary>The tenant of a service id; in open-tenants mode any well-formed id gets one.</summary>
    public bool TryGet(string serviceId, [NotNullWhen(true)] out Tenant? tenant)
    {
        if (tenants.TryGetValue(serviceId, out tenant))
        {
            return true;
        }

        if (!Options.OpenTenants || !IsWellFormed(serviceId))
        {
            return false;
        }

        tenant = tenants.GetOrAdd(serviceId, createOpenTenant);
        return true;
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
