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

/// <summary>An invoice a customer pays on the sandbox's pay page.</summary>
public sealed class Invoice(long id, string hash, string orderId, long vendorId, decimal amount, string currency, long amountTiyin,
    string? orderNote, DateTimeOffset createdAt)
{
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

    public InvoiceStatus Status { get; set; } = InvoiceStatus.Created;

    /// <summary>The payment of the latest attempt on the pay page.</summary>
    public Payment? Payment { get; set; }

    /// <summary>Follows the attempt's payment: a code that expired or burned leaves the invoice in error (-1).</summary>
    public void Refresh()
    {
        if (Status == InvoiceStatus.BeingPaid && Payment is { Status: PaymentStatus.Error })
        {
            Status = InvoiceStatus.Error;
        }
    }
}
