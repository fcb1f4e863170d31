using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Control;

/// <summary>
/// The tenant a control route acts on, chosen by <c>?service_id=</c> (default: the default merchant). Bound from the
/// request, then resolved by the control group's filter after the admin token (404 when there is no such tenant); a GET
/// only peeks, so that a read never opens (and never fills the table with) a tenant.
/// </summary>
public sealed class TenantScope
{
    private readonly string? serviceId;
    private readonly bool read;
    private Tenant? tenant;

    private TenantScope(string? serviceId, bool read)
    {
        this.serviceId = serviceId;
        this.read = read;
    }

    public Tenant Tenant => tenant ?? throw new InvalidOperationException("the control filter resolves the tenant before a route runs");

    public string ServiceId => Tenant.ServiceId;

    /// <summary>The tenant's state in one atomic step (see <see cref="Tenant.Run{T}"/>).</summary>
    public T Run<T>(Func<TenantState, Operation, T> operation) => Tenant.Run(op => operation(Tenant.State, op));

    public static ValueTask<TenantScope?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        _ = parameter;
        var given = context.Request.Query.TryGetValue("service_id", out var value) ? value.ToString() : null;
        return ValueTask.FromResult<TenantScope?>(new TenantScope(given, HttpMethods.IsGet(context.Request.Method)));
    }

    /// <summary>Finds the tenant, or says why there is none as the 404 to answer.</summary>
    public bool TryResolve(TenantRegistry tenants, [NotNullWhen(false)] out IResult? notFound)
    {
        var id = serviceId ?? tenants.DefaultServiceId;
        var found = read ? tenants.TryPeek(id, out tenant, out var whyNot) : tenants.TryGet(id, out tenant, out whyNot);
        notFound = found ? null : TypedResults.Json(new TransportError(whyNot!), SandboxJsonContext.Default.TransportError, statusCode: StatusCodes.Status404NotFound);
        return found;
    }
}
