using System.Collections.Frozen;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// A vendor of a merchant; ReturnUrl is where the pay page sends the shopper back to (a sandbox setting, none by
/// default). MerchantId and TerminalId, when set, are the processing's ids of this vendor's payments instead of the
/// merchant's: real integrations see a terminal per vendor, so a client must not hard-code one pair.
/// </summary>
public sealed record Vendor(long VendorId, decimal Commission, bool BlockedAtStart, string? ReturnUrl = null, string? MerchantId = null, string? TerminalId = null);

/// <summary>A service account as the vendor's cabinet describes it: credentials, names, and the vendors it owns.</summary>
public sealed record MerchantProfile(
    string ServiceId,
    string SecretKey,
    string Name,
    string MerchantId,
    string TerminalId,
    bool BlockedAtStart,
    IReadOnlyList<Vendor> Vendors,
    CallbackEndpoints? Callbacks = null);

/// <summary>A service account (merchant): its credentials and the vendors it owns.</summary>
public sealed class Merchant(MerchantProfile profile)
{
    public string ServiceId { get; } = profile.ServiceId;

    public string SecretKey { get; } = profile.SecretKey;

    public string Name { get; } = profile.Name;

    public string MerchantId { get; } = profile.MerchantId;

    public string TerminalId { get; } = profile.TerminalId;

    public bool BlockedAtStart { get; } = profile.BlockedAtStart;

    /// <summary>The callback settings the merchant starts with (and returns to on reset).</summary>
    public CallbackEndpoints? Callbacks { get; } = profile.Callbacks;

    public FrozenDictionary<long, Vendor> Vendors { get; } = profile.Vendors.ToFrozenDictionary(v => v.VendorId);

    /// <summary>The merchantId a payment to <paramref name="vendorId"/> reports: the vendor's own, else the merchant's.</summary>
    public string MerchantIdOf(long vendorId) =>
        Vendors.TryGetValue(vendorId, out var vendor) && vendor.MerchantId is { } id ? id : MerchantId;

    /// <summary>The terminalId a payment to <paramref name="vendorId"/> reports: the vendor's own, else the merchant's.</summary>
    public string TerminalIdOf(long vendorId) =>
        Vendors.TryGetValue(vendorId, out var vendor) && vendor.TerminalId is { } id ? id : TerminalId;
}
