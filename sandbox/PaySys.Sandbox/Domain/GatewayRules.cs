namespace PaySys.Sandbox.Domain;

/// <summary>
/// Where the vendor's docs leave a choice open and real clients are known to differ (docs/fidelity.md): how strictly
/// one tenant reads what it is sent. <see cref="Default"/> is the sandbox's behaviour from before these switches.
/// </summary>
/// <param name="NumbersAsDigitStrings">Amounts and other numbers may arrive as strings of digits ("100000").</param>
/// <param name="ReversalWindowDays">transaction.reverse is refused this many days after the payment; 0: it never is.</param>
/// <param name="OneInvoicePerOrderId">paysys.invoice_create refuses an order_id the tenant has already invoiced.</param>
/// <param name="MillisecondTimestampsOnly">Auth timestamps must be Unix milliseconds; 10-digit seconds are refused.</param>
public sealed record GatewayRules(bool NumbersAsDigitStrings, int ReversalWindowDays, bool OneInvoicePerOrderId, bool MillisecondTimestampsOnly)
{
    public const int MaxReversalWindowDays = 3650;

    public static GatewayRules Default { get; } = new(false, 0, false, false);
}
