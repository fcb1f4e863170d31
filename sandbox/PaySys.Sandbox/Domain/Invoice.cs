namespace PaySys.Sandbox.Domain;

/// <summary>Invoice statuses as paysys.invoice_create documents them.</summary>
public enum InvoiceStatus
{
    Error = -1,
    Created = 0,
    BeingPaid = 1,
    Paid = 2,
    Cancelled = 3,
}

/// <summary>
/// An invoice a customer pays on the sandbox's pay page. Its status is never stored: it is read off its latest
/// attempt's payment, so whatever moves that payment (the page, the gateway, an expiry) moves the invoice with it.
/// </summary>
public sealed class Invoice(long id, string hash, string orderId, long vendorId, decimal amount, string currency, long amountTiyin,
    string? orderNote, DateTimeOffset createdAt)
{
    private bool closedByCustomer;

    public long Id { get; } = id;

    public string Hash { get; } = hash;

    public string OrderId { get; } = orderId;

    public long VendorId { get; } = vendorId;

    /// <summary>In major units of <see cref="Currency"/>, as the merchant asked.</summary>
    public decimal Amount { get; } = amount;

    public string Currency { get; } = currency;

    /// <summary>What the card is charged, converted at the sandbox rates.</summary>
    public long AmountTiyin { get; } = amountTiyin;

    public string? OrderNote { get; } = orderNote;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The payment of the latest attempt on the pay page; every earlier attempt was voided or had failed.</summary>
    public Payment? Payment { get; private set; }

    /// <summary>
    /// Follows the latest attempt's payment: awaiting its code → 1, completed → 2, failed (code expired or burned) → -1,
    /// cancelled, reversed or refunded → 3 (the documented invoice statuses have no "refunded").
    /// </summary>
    public InvoiceStatus Status => closedByCustomer ? InvoiceStatus.Cancelled : Payment?.Status switch
    {
        null => InvoiceStatus.Created,
        PaymentStatus.Completed => InvoiceStatus.Paid,
        PaymentStatus.Cancelled or PaymentStatus.Returned => InvoiceStatus.Cancelled,
        PaymentStatus.Error => InvoiceStatus.Error,
        _ => InvoiceStatus.BeingPaid,
    };

    /// <summary>The payment that took the invoice's money, if one ever did (it may have been returned since).</summary>
    public Payment? CapturedPayment => Payment is { CompletedAt: not null } captured ? captured : null;

    /// <summary>Whether the customer pressed Cancel on the pay page.</summary>
    public bool ClosedByCustomer => closedByCustomer;

    /// <summary>The latest attempt and the customer's cancel as a snapshot kept them.</summary>
    public void Restore(Payment? latestAttempt, bool closed)
    {
        Payment = latestAttempt;
        closedByCustomer = closed;
    }

    /// <summary>Callers void the attempt this one replaces first.</summary>
    public void StartAttempt(Payment payment) => Payment = payment;

    /// <summary>The customer pressed Cancel; callers void an attempt still awaiting its code first.</summary>
    public void Close() => closedByCustomer = true;
}
