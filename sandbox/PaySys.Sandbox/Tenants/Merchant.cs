using System.Collections.Frozen;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tenants;

public sealed record Vendor(long VendorId, decimal Commission, bool BlockedAtStart);

/// <summary>A service account (merchant) as configured: its credentials and the vendors it owns.</summary>
public sealed class Merchant
{
    public Merchant(MerchantOptions options)
    {
        ServiceId = options.ServiceId;
        SecretKey = options.SecretKey;
        Name = options.Name;
        MerchantId = options.MerchantId;
        TerminalId = options.TerminalId;
        BlockedAtStart = options.Blocked;
        Vendors = options.EffectiveVendors
            .Select(v => new Vendor(v.VendorId, v.Commission, v.Blocked))
            .ToFrozenDictionary(v => v.VendorId);
    }

    public string ServiceId { get; }

    public string SecretKey { get; }

    public string Name { get; }

    public string MerchantId { get; }

    public string TerminalId { get; }

    public bool BlockedAtStart { get; }

    public FrozenDictionary<long, Vendor> Vendors { get; }
}
