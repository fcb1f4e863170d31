using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Rpc;

/// <summary>What a method handler may use: the caller's tenant (its gate held), the operation and the request headers.</summary>
public sealed class SandboxContext(
    Tenant tenant, Operation operation, IHeaderDictionary headers, HostedPages pages, string baseUrl, string? receiptLinkHost = null, string? receiptLinkPath = null)
{
    /// <summary>Where callers reach this sandbox (scheme://host), for links to its own pages.</summary>
    public string BaseUrl { get; } = baseUrl;

    /// <summary>Scheme and host of the cheque link: the sandbox's own unless configured (PAYSYS_RECEIPT_LINK_HOST).</summary>
    public string ReceiptLinkHost { get; } = receiptLinkHost ?? baseUrl;

    /// <summary>Path of the cheque link (PAYSYS_RECEIPT_LINK_PATH), /receipt unless configured.</summary>
    public string? ReceiptLinkPath { get; } = receiptLinkPath;

    public HostedPages Pages { get; } = pages;

    public Tenant Tenant { get; } = tenant;

    public TenantState State => Tenant.State;

    public Acquiring Acquiring => Tenant.State.Acquiring;

    public Operation Operation { get; } = operation;

    public DateTimeOffset Now => Operation.Now;

    public string? Header(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
