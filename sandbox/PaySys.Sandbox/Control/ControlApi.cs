using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Rpc;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Control;

/// <summary>
/// The sandbox's own control plane under /_sandbox (SPEC §10), kept apart from /gateway like WireMock's
/// admin API. Every route is scoped to one tenant by ?service_id= (default: the default merchant).
/// </summary>
public static class ControlApi
{
    public const string Prefix = "/_sandbox";
    public const string TokenHeader = "X-Sandbox-Token";

    public static WebApplication MapControl(this WebApplication app)
    {
        app.MapGet(Prefix + "/health", Health).WithName("Health").WithSummary("200 as soon as the gateway accepts requests");

        var control = app.MapGroup(Prefix).AddEndpointFilter(RequireAdminToken);
        control.MapGet("/clock", GetClock).WithName("GetClock").WithSummary("The tenant's virtual clock");
        control.MapPost("/clock", MoveClock).WithName("MoveClock").WithSummary("Advance or set the virtual clock; applies due expiries");
        control.MapGet("/sms", GetSms).WithName("GetSms").WithSummary("The tenant's SMS outbox, newest last");
        control.MapPost("/reset", Reset).WithName("Reset").WithSummary("Wipe the tenant's state and reset its clock");
        control.MapGet("/cards", GetCards).WithName("GetCards").WithSummary("The tenant's magic-card catalogue with balances");
        control.MapPost("/cards", AddCard).WithName("AddCard").WithSummary("Add or replace a card in the tenant's catalogue");
        control.MapGet("/transactions", GetTransactions).WithName("GetTransactions").WithSummary("The tenant's transactions and their history");
        control.MapGet("/journal", GetJournal).WithName("GetJournal").WithSummary("The last requests and responses (PANs masked)");
        control.MapGet("/service", GetService).WithName("GetService").WithSummary("The tenant's service and vendors, and whether they are switched off");
        control.MapPost("/service", BlockService).WithName("BlockService").WithSummary("Switch the service off (-32315) or on");
        control.MapPost("/vendors/{vendorId:long}", BlockVendor).WithName("BlockVendor").WithSummary("Switch a vendor off (-32319) or on");
        return app;
    }

    public static Ok<HealthView> Health() => TypedResults.Ok(new HealthView("ok"));

    public static Results<Ok<ClockView>, NotFound<TransportError>> GetClock(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => ClockOf(tenant));

    public static async Task<Results<Ok<ClockView>, NotFound<TransportError>, BadRequest<TransportError>>> MoveClock(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        var (change, problem) = await ReadBody(request, SandboxJsonContext.Default.ClockChange);
        if (problem is not null)
        {
            return problem;
        }

        switch (change)
        {
            // Bounded by where the clock would land, not by the step alone: past year 9999 every read of the clock throws.
            case { AdvanceSeconds: { } seconds, Set: null } when seconds >= 0 && seconds <= MaxUnixSeconds - tenant.Clock.GetUtcNow().ToUnixTimeSeconds():
                tenant.Clock.Advance(TimeSpan.FromSeconds(seconds));
                break;
            case { Set: { } unix, AdvanceSeconds: null } when unix >= 0 && unix <= MaxUnixSeconds:
                tenant.Clock.Set(DateTimeOffset.FromUnixTimeSeconds(unix));
                break;
            default:
                return BadRequest("send {\"advance_seconds\": n} with n >= 0, or {\"set\": <unix seconds>}, not both; the clock cannot pass 9999-12-31");
        }

        lock (tenant.Gate)
        {
            tenant.CatchUp();
        }

        return TypedResults.Ok(ClockOf(tenant));
    }

    public static Results<Ok<SmsList>, NotFound<TransportError>> GetSms(
        [FromQuery(Name = "service_id")] string? serviceId, string? phone, string? reference, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new SmsList(tenant.State.Sms.Snapshot()
            .Where(m => (phone is null || m.Phone == phone) && (reference is null || m.Reference == reference))
            .Select(m => new SmsView(m.Phone, m.Text, m.Code, m.Purpose, m.Reference, m.SentAt.ToUnixTimeSeconds(), m.ExpiresAt.ToUnixTimeSeconds()))
            .ToList()));

    public static Results<Ok<ResetView>, NotFound<TransportError>> Reset(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        tenant.Reset();
        return TypedResults.Ok(new ResetView("reset", tenant.ServiceId));
    }

    public static Results<Ok<CardList>, NotFound<TransportError>> GetCards(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new CardList(tenant.State.Cards.Accounts.Select(ViewOf).ToList()));

    public static async Task<Results<Ok<CardView>, NotFound<TransportError>, BadRequest<TransportError>>> AddCard(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        var (spec, problem) = await ReadBody(request, SandboxJsonContext.Default.CardSpec);
        if (problem is not null)
        {
            return problem;
        }

        if (CardSpecProblem(spec!) is { } invalid)
        {
            return BadRequest(invalid);
        }

        lock (tenant.Gate)
        {
            tenant.CatchUp();
            return TypedResults.Ok(ViewOf(tenant.State.Cards.AddOrReplace(spec!)));
        }
    }

    public static Results<Ok<TransactionList>, NotFound<TransportError>> GetTransactions(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new TransactionList(tenant.State.Payments.All.Select(p => new TransactionView(
            p.BankTransactionId,
            p.TransactionId,
            (int)p.Status,
            p.Amount,
            p.Order.VendorId,
            p.Order.Product,
            p.Card.MaskedPan,
            p.Order.Hold,
            p.CreatedAt.ToUnixTimeSeconds(),
            p.History.Select(h => new TransactionHistoryView(h.At.ToUnixTimeSeconds(), (int)h.Status, PaymentStateMachine.WireName(h.Event))).ToList()))
            .ToList()));

    public static Results<Ok<JournalList>, NotFound<TransportError>> GetJournal(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        return TypedResults.Ok(new JournalList(tenant.Journal.Snapshot()
            .Select(e => new JournalView(e.At.ToUnixTimeSeconds(), e.Method, AsJson(e.Request), AsJson(e.Response)))
            .ToList()));
    }

    public static Results<Ok<ServiceView>, NotFound<TransportError>> GetService(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, ServiceOf);

    public static async Task<Results<Ok<ServiceView>, NotFound<TransportError>, BadRequest<TransportError>>> BlockService(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        var (change, problem) = await ReadBody(request, SandboxJsonContext.Default.BlockChange);
        if (problem is not null)
        {
            return problem;
        }

        if (change!.Blocked is not { } blocked)
        {
            return BadRequest("send {\"blocked\": true} or {\"blocked\": false}");
        }

        lock (tenant.Gate)
        {
            tenant.State.ServiceBlocked = blocked;
            return TypedResults.Ok(ServiceOf(tenant));
        }
    }

    public static async Task<Results<Ok<ServiceView>, NotFound<TransportError>, BadRequest<TransportError>>> BlockVendor(
        long vendorId, [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        if (!tenant.Merchant.Vendors.ContainsKey(vendorId))
        {
            return TypedResults.NotFound(new TransportError($"vendor {vendorId} is not a vendor of service {tenant.ServiceId}"));
        }

        var (change, problem) = await ReadBody(request, SandboxJsonContext.Default.BlockChange);
        if (problem is not null)
        {
            return problem;
        }

        if (change!.Blocked is not { } blocked)
        {
            return BadRequest("send {\"blocked\": true} or {\"blocked\": false}");
        }

        lock (tenant.Gate)
        {
            if (blocked)
            {
                tenant.State.BlockedVendors.Add(vendorId);
            }
            else
            {
                tenant.State.BlockedVendors.Remove(vendorId);
            }

            return TypedResults.Ok(ServiceOf(tenant));
        }
    }

    private const long MaxUnixSeconds = 253_402_300_799;

    private static async ValueTask<object?> RequireAdminToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = context.HttpContext.RequestServices.GetRequiredService<SandboxOptions>().AdminToken;
        if (!string.IsNullOrEmpty(token) &&
            !string.Equals(context.HttpContext.Request.Headers[TokenHeader].ToString(), token, StringComparison.Ordinal))
        {
            return TypedResults.Json(new TransportError($"the control API needs header {TokenHeader} (PAYSYS_ADMIN_TOKEN is set)"),
                SandboxJsonContext.Default.TransportError, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    /// <summary>Runs a read under the tenant's gate, after applying due expiries, so it never sees stale state.</summary>
    private static Results<Ok<T>, NotFound<TransportError>> WithTenant<T>(TenantRegistry tenants, string? serviceId, Func<Tenant, T> read)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant))
        {
            return UnknownTenant(serviceId);
        }

        lock (tenant.Gate)
        {
            tenant.CatchUp();
            return TypedResults.Ok(read(tenant));
        }
    }

    private static async ValueTask<(T? Body, BadRequest<TransportError>? Problem)> ReadBody<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
            return body is null ? (default, BadRequest("the body must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            return (default, BadRequest($"the body is not the expected JSON: {e.Message}"));
        }
    }

    private static string? CardSpecProblem(CardSpec spec)
    {
        static bool Digits(string? text, int length) => text is not null && text.Length == length && text.All(char.IsAsciiDigit);

        if (!Digits(spec.Pan, 16))
        {
            return "pan must be 16 digits";
        }

        if (!Digits(spec.Expiry, 4) || int.Parse(spec.Expiry.AsSpan(2), CultureInfo.InvariantCulture) is < 1 or > 12)
        {
            return "expiry must be YYMM";
        }

        if (!Digits(spec.Phone, 12) || !spec.Phone.StartsWith("998", StringComparison.Ordinal))
        {
            return "phone must be 12 digits starting with 998";
        }

        if (string.IsNullOrWhiteSpace(spec.Holder) || spec.Balance < 0)
        {
            return "holder is required and balance must be >= 0 (tiyin)";
        }

        return CardBehaviours.TryParse(spec.Behaviour ?? "", out _)
            ? null
            : $"behaviour must be one of {string.Join(", ", CardBehaviours.AllNames)}";
    }

    private static ClockView ClockOf(Tenant tenant) =>
        new(tenant.Clock.GetUtcNow().ToUnixTimeSeconds(), (long)tenant.Clock.Offset.TotalSeconds);

    private static CardView ViewOf(CardAccount account) => new(
        account.Pan, account.Spec.Expiry, account.Phone, account.Spec.Holder, account.Balance, account.Held,
        CardBehaviours.Name(account.Behaviour), account.Spec.Description, account.Spec.Username);

    private static ServiceView ServiceOf(Tenant tenant) => new(
        tenant.ServiceId,
        tenant.State.ServiceBlocked,
        tenant.Merchant.Vendors.Values.OrderBy(v => v.VendorId)
            .Select(v => new VendorView(v.VendorId, v.Commission, tenant.State.BlockedVendors.Contains(v.VendorId)))
            .ToList());

    /// <summary>Journal texts are JSON; one whose masking broke a bare number is shown as a string.</summary>
    private static JsonElement AsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, SandboxJsonContext.Default.String);
        }
    }

    private static NotFound<TransportError> UnknownTenant(string? serviceId) =>
        TypedResults.NotFound(new TransportError($"service_id {serviceId} is not a known service (PAYSYS_OPEN_TENANTS is off)"));

    private static BadRequest<TransportError> BadRequest(string message) => TypedResults.BadRequest(new TransportError(message));
}
