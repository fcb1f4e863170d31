using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Rpc;

/// <summary>What a method handler may use: the caller's tenant (its gate held), the operation and the request headers.</summary>
public sealed class SandboxContext(Tenant tenant, Operation operation, IHeaderDictionary headers, HostedPages pages, string baseUrl)
{
    /// <summary>Where callers reach this sandbox (scheme://host), for links to its own pages.</summary>
    public string BaseUrl { get; } = baseUrl;

    public HostedPages Pages { get; } = pages;

    public Tenant Tenant { get; } = tenant;

    public TenantState State => Tenant.State;

    public Acquiring Acquiring => Tenant.State.Acquiring;

    public Operation Operation { get; } = operation;

    public DateTimeOffset Now => Operation.Now;

    public string? Header(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
