using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PaySys.Sandbox.Callbacks;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Control;

/// <summary>
/// The sandbox's own control plane under /_sandbox (SPEC §10), kept apart from /gateway like WireMock's
/// admin API. Every route is scoped to one tenant by ?service_id= (default: the default merchant), bound as a
/// <see cref="TenantScope"/>. Views are in <see cref="ControlViews"/>, body checks in <see cref="ControlRequests"/>.
/// </summary>
public static class ControlApi
{
    public const string Prefix = "/_sandbox";
    public const string TokenHeader = "X-Sandbox-Token";

    public static WebApplication MapControl(this WebApplication app)
    {
        app.MapGet(Prefix + "/health", Health).WithName("Health").WithSummary("200 as soon as the gateway accepts requests");

        var control = app.MapGroup(Prefix).AddEndpointFilter(AdminTokenAndTenant);
        control.MapGet("/clock", GetClock).WithName("GetClock").WithSummary("The tenant's virtual clock");
        control.MapPost("/clock", MoveClock).WithName("MoveClock").WithSummary("Advance or set the virtual clock; applies due expiries");
        control.MapGet("/sms", GetSms).WithName("GetSms").WithSummary("The tenant's SMS outbox, newest last");
        control.MapPost("/reset", Reset).WithName("Reset").WithSummary("Wipe the tenant's state and reset its clock");
        control.MapGet("/cards", GetCards).WithName("GetCards").WithSummary("The tenant's magic-card catalogue with balances");
        control.MapPost("/cards", AddCard).WithName("AddCard").WithSummary("Add or replace a card in the tenant's catalogue");
        control.MapGet("/transactions", GetTransactions).WithName("GetTransactions").WithSummary("The tenant's transactions and their history");
        control.MapGet("/invoices", GetInvoices).WithName("GetInvoices").WithSummary("The tenant's invoices and their status");
        control.MapGet("/payouts", GetPayouts).WithName("GetPayouts").WithSummary("The tenant's e-wallet payouts and their history");
        control.MapGet("/journal", GetJournal).WithName("GetJournal").WithSummary("The last requests and responses (PANs masked)");
        control.MapPost("/faults", AddFault).WithName("AddFault").WithSummary($"Add a fault rule ({string.Join(", ", FaultRule.GatewayKindNames)})");
        control.MapGet("/faults", GetFaults).WithName("GetFaults").WithSummary("The tenant's fault rules with their remaining uses");
        control.MapDelete("/faults", ClearFaults).WithName("ClearFaults").WithSummary("Remove every fault rule");
        control.MapDelete("/faults/{id}", RemoveFault).WithName("RemoveFault").WithSummary("Remove one fault rule");
        control.MapGet("/service", GetService).WithName("GetService").WithSummary("The tenant's service and vendors, and whether they are switched off");
        control.MapPost("/service", BlockService).WithName("BlockService").WithSummary("Switch the service off (-32315) or on");
        control.MapPost("/vendors/{vendorId:long}", BlockVendor).WithName("BlockVendor").WithSummary("Switch a vendor off (-32319) or on");
        control.MapPut("/callbacks", CallbackControl.Configure).WithName("ConfigureCallbacks").WithSummary("Set the merchant's callback URLs and secret");
        control.MapGet("/callbacks", CallbackControl.GetSettings).WithName("GetCallbacks").WithSummary("The merchant's callback settings (secret masked) and retry schedule");
        control.MapGet("/callbacks/deliveries", CallbackControl.GetDeliveries).WithName("GetCallbackDeliveries").WithSummary("Every callback delivery and its attempts, oldest first");
        control.MapPost("/callbacks/deliveries/{id}/redeliver", CallbackControl.Redeliver).WithName("RedeliverCallback").WithSummary("Send one callback again now");
        control.MapGet("/snapshot", SnapshotControl.Export).WithName("GetSnapshot").WithSummary("Everything the tenant holds, as one versioned document");
        control.MapPut("/snapshot", SnapshotControl.Import).WithName("PutSnapshot").WithSummary("Replace the tenant's state with a snapshot (checked whole first)");
        control.MapGet("/snapshots", SnapshotControl.List).WithName("GetSnapshots").WithSummary("The tenant's named snapshots");
        control.MapPost("/snapshots/{name}", SnapshotControl.Save).WithName("SaveSnapshot").WithSummary("Keep the tenant's state under a name (in memory)");
        control.MapPost("/snapshots/{name}/restore", SnapshotControl.RestoreNamed).WithName("RestoreSnapshot").WithSummary("Replace the tenant's state with a named snapshot");
        control.MapDelete("/snapshots/{name}", SnapshotControl.Delete).WithName("DeleteSnapshot").WithSummary("Forget a named snapshot");
        control.MapPost("/callbacks/faults", CallbackControl.AddFault).WithName("AddCallbackFault").WithSummary("Break the merchant's callbacks on purpose: delay, drop, duplicate, out_of_order, wrong_signature");
        control.MapGet("/callbacks/faults", CallbackControl.GetFaults).WithName("GetCallbackFaults").WithSummary("The callback fault rules");
        control.MapDelete("/callbacks/faults", CallbackControl.ClearFaults).WithName("ClearCallbackFaults").WithSummary("Remove every callback fault rule");
        control.MapPost("/invoices/{id}/simulate", CallbackControl.Simulate).WithName("SimulateInvoice").WithSummary("Pay or cancel an invoice as the pay page would");

        // Fidelity switches (docs/fidelity.md).
        control.MapGet("/fidelity", FidelityControl.Get).WithName("GetFidelity").WithSummary("The tenant's switches for what the vendor's docs leave open");
        control.MapPut("/fidelity", FidelityControl.Set).WithName("SetFidelity").WithSummary("Change the tenant's fidelity switches until its next reset");
        return app;
    }

    public static Ok<HealthView> Health() => TypedResults.Ok(new HealthView("ok"));

    public static Ok<ClockView> GetClock(TenantScope scope) =>
        TypedResults.Ok(scope.Run((_, _) => ControlViews.Clock(scope.Tenant)));

    public static async Task<Results<Ok<ClockView>, NotFound<TransportError>, BadRequest<TransportError>>> MoveClock(
        TenantScope scope, HttpRequest request, CallbackDispatcher callbacks)
    {
        var (change, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.ClockChange);
        if (problem is not null)
        {
            return problem;
        }

        // The clock moves in one step (checked against what the tenant holds); the next step applies what fell due.
        if (scope.Run((state, _) => ControlRequests.ClockMove(change!, scope.Tenant.Clock, state)) is { } invalid)
        {
            return TypedResults.BadRequest(new TransportError(invalid));
        }

        // Callback retries that fell due are attempted before the answer, so a test sees them when this returns.
        await callbacks.DeliverDueAsync(scope.Tenant, request.HttpContext.RequestAborted);
        return TypedResults.Ok(scope.Run((_, _) => ControlViews.Clock(scope.Tenant)));
    }

    public static Ok<SmsList> GetSms(TenantScope scope, ListPage page, string? phone, string? reference) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Sms(state, phone, reference, page)));

    public static Ok<ResetView> Reset(TenantScope scope, HostedPages pages)
    {
        scope.Tenant.Reset(alsoForget: () => pages.Forget(scope.Tenant));
        return TypedResults.Ok(new ResetView("reset", scope.ServiceId));
    }

    public static Ok<CardList> GetCards(TenantScope scope, ListPage page) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Cards(state, page)));

    public static async Task<Results<Ok<CardView>, NotFound<TransportError>, BadRequest<TransportError>>> AddCard(TenantScope scope, HttpRequest request)
    {
        var (spec, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.CardSpec);
        return problem ?? Answer(Change(scope, state => ControlRequests.CardSpecProblem(spec!) is { } invalid
            ? Outcome<CardView>.Invalid(invalid)
            : ControlViews.Card(state.Cards.AddOrReplace(spec!))));
    }

    public static Ok<TransactionList> GetTransactions(TenantScope scope, ListPage page) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Transactions(state, page)));

    public static Ok<InvoiceList> GetInvoices(TenantScope scope, ListPage page) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Invoices(state, page)));

    public static Ok<PayoutList> GetPayouts(TenantScope scope, ListPage page) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Payouts(state, page)));

    public static Ok<JournalList> GetJournal(TenantScope scope, ListPage page) =>
        TypedResults.Ok(ControlViews.Journal(scope.Tenant.Journal, page));

    public static async Task<Results<Ok<FaultCreated>, NotFound<TransportError>, BadRequest<TransportError>>> AddFault(TenantScope scope, HttpRequest request)
    {
        var (fault, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.FaultRequest);
        return problem ?? Answer(Change(scope, state => ControlRequests.FaultRule(fault!, out var rule) is { } invalid
            ? Outcome<FaultCreated>.Invalid(invalid)
            : new FaultCreated(state.Faults.Add(rule!).Id)));
    }

    public static Ok<FaultList> GetFaults(TenantScope scope, ListPage page) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Faults(state, page)));

    public static Ok<FaultList> ClearFaults(TenantScope scope) =>
        TypedResults.Ok(scope.Run((state, _) =>
        {
            state.Faults.Clear();
            return new FaultList([]);
        }));

    public static Results<Ok<FaultList>, NotFound<TransportError>> RemoveFault(string id, TenantScope scope) =>
        scope.Run((state, _) => state.Faults.Remove(id)
            ? (Results<Ok<FaultList>, NotFound<TransportError>>)TypedResults.Ok(ControlViews.Faults(state))
            : TypedResults.NotFound(new TransportError($"no fault rule {id}")));

    public static Ok<ServiceView> GetService(TenantScope scope) =>
        TypedResults.Ok(scope.Run((state, _) => ControlViews.Service(scope.Tenant)));

    public static async Task<Results<Ok<ServiceView>, NotFound<TransportError>, BadRequest<TransportError>>> BlockService(TenantScope scope, HttpRequest request)
    {
        var (change, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.BlockChange);
        return problem ?? Answer(Change(scope, state =>
        {
            if (change!.Blocked is not { } blocked)
            {
                return Outcome<ServiceView>.Invalid(ControlRequests.BlockedFlagNeeded);
            }

            state.ServiceBlocked = blocked;
            return ControlViews.Service(scope.Tenant);
        }));
    }

    public static async Task<Results<Ok<ServiceView>, NotFound<TransportError>, BadRequest<TransportError>>> BlockVendor(
        long vendorId, TenantScope scope, HttpRequest request)
    {
        var (change, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.BlockChange);
        return problem ?? Answer(Change(scope, state =>
        {
            if (!scope.Tenant.Merchant.Vendors.ContainsKey(vendorId))
            {
                return Outcome<ServiceView>.Missing($"vendor {vendorId} is not a vendor of service {scope.ServiceId}");
            }

            if (change!.Blocked is not { } blocked)
            {
                return Outcome<ServiceView>.Invalid(ControlRequests.BlockedFlagNeeded);
            }

            if (blocked)
            {
                state.BlockedVendors.Add(vendorId);
            }
            else
            {
                state.BlockedVendors.Remove(vendorId);
            }

            return ControlViews.Service(scope.Tenant);
        }));
    }

    /// <summary>
    /// Whether <paramref name="given"/> is the admin token, in time that depends on neither value: both are hashed
    /// (SHA-256 of their UTF-8 bytes, so their lengths do not show either) and the hashes compared with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/>.
    /// </summary>
    public static bool TokenMatches(string? given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given ?? "")),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The group's one filter: the admin token when one is set (401), then a list's page (400), then the request's tenant (404).</summary>
    private static async ValueTask<object?> AdminTokenAndTenant(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = http.RequestServices.GetRequiredService<SandboxOptions>().AdminToken;
        if (!string.IsNullOrEmpty(token) && !TokenMatches(http.Request.Headers[TokenHeader].ToString(), token))
        {
            return TypedResults.Json(new TransportError($"the control API needs header {TokenHeader} (PAYSYS_ADMIN_TOKEN is set)"),
                SandboxJsonContext.Default.TransportError, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (context.Arguments.OfType<ListPage>().FirstOrDefault(page => page.Problem is not null) is { } badPage)
        {
            return TypedResults.BadRequest(new TransportError(badPage.Problem!));
        }

        var tenants = http.RequestServices.GetRequiredService<TenantRegistry>();
        foreach (var scope in context.Arguments.OfType<TenantScope>())
        {
            if (!scope.TryResolve(tenants, out var notFound))
            {
                return notFound;
            }
        }

        return await next(context);
    }

    /// <summary>
    /// The shape of every control change: one atomic step on the tenant that answers the new state, or why not; a domain
    /// refusal (a per-tenant cap, say) answers 400 with the domain's words.
    /// </summary>
    private static Outcome<T> Change<T>(TenantScope scope, Func<TenantState, Outcome<T>> change) => scope.Run((state, _) =>
    {
        try
        {
            return change(state);
        }
        catch (Refusal refused)
        {
            return Outcome<T>.Invalid(CardMasking.MaskSecrets(refused.Message));
        }
    });

    private static Results<Ok<T>, NotFound<TransportError>, BadRequest<TransportError>> Answer<T>(Outcome<T> outcome) => outcome switch
    {
        { NotFound: { } missing } => TypedResults.NotFound(new TransportError(missing)),
        { Problem: { } invalid } => TypedResults.BadRequest(new TransportError(invalid)),
        _ => TypedResults.Ok(outcome.Value!),
    };

    /// <summary>What a control change answers: the new state, or why the request was refused.</summary>
    private readonly record struct Outcome<T>(T? Value, string? Problem = null, string? NotFound = null)
    {
        public static implicit operator Outcome<T>(T value) => new(value);

        public static Outcome<T> Invalid(string problem) => new(default, problem);

        public static Outcome<T> Missing(string what) => new(default, NotFound: what);
    }
}
