using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>The order params pam.prepare_payment and pam.payment share: amount, vendor, product, hold options.</summary>
public sealed record PaymentOrderParams(
    string PhoneNumber,
    long Amount,
    long VendorId,
    string Product,
    string? Comment,
    bool Save,
    bool Hold,
    long? HoldingTime,
    string? AfterExpired)
{
    private const long MaxHoldingTimeSeconds = 10L * 365 * 24 * 3600;

    public static PaymentOrderParams Read(ParamReader r) => new(
        r.RequiredPhone("phone_number"),
        r.RequiredAmount("amount"),
        r.RequiredId("vendor_id"),
        r.RequiredString("product"),
        r.OptionalString("comment"),
        r.OptionalBool("save", false),
        r.OptionalBool("hold", false),
        r.OptionalSeconds("holding_time", MaxHoldingTimeSeconds),
        r.OptionalEnum("after_expired", "accept", "cancel"));

    public PaymentOrder ToOrder(TenantSettings defaults) => new(
        Amount,
        VendorId,
        Product,
        Comment,
        PhoneNumber,
        Save,
        Hold,
        HoldingTime ?? defaults.DefaultHoldingTimeSeconds,
        AfterExpired switch
        {
            "accept" => HoldExpiryAction.Accept,
            "cancel" => HoldExpiryAction.Cancel,
            _ => defaults.DefaultAfterExpired,
        });
}
