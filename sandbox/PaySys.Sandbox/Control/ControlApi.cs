using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
        control.MapGet("/invoices", GetInvoices).WithName("GetInvoices").WithSummary("The tenant's invoices and their status");
        control.MapGet("/payouts", GetPayouts).WithName("GetPayouts").WithSummary("The tenant's e-wallet payouts and their history");
        control.MapGet("/journal", GetJournal).WithName("GetJournal").WithSummary("The last requests and responses (PANs masked)");
        control.MapPost("/faults", AddFault).WithName("AddFault").WithSummary($"Add a fault rule ({string.Join(", ", FaultKindNames.All)})");
        control.MapGet("/faults", GetFaults).WithName("GetFaults").WithSummary("The tenant's fault rules with their remaining uses");
        control.MapDelete("/faults", ClearFaults).WithName("ClearFaults").WithSummary("Remove every fault rule");
        control.MapDelete("/faults/{id}", RemoveFault).WithName("RemoveFault").WithSummary("Remove one fault rule");
        control.MapGet("/service", GetService).WithName("GetService").WithSummary("The tenant's service and vendors, and whether they are switched off");
        control.MapPost("/service", BlockService).WithName("BlockService").WithSummary("Switch the service off (-32315) or on");
        control.MapPost("/vendors/{vendorId:long}", BlockVendor).WithName("BlockVendor").WithSummary("Switch a vendor off (-32319) or on");
        return app;
    }

    public static Ok<HealthView> Health() => TypedResults.Ok(new HealthView("ok"));

    public static Results<Ok<ClockView>, NotFound<TransportError>> GetClock(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => ClockOf(tenant));

    public static Task<Results<Ok<ClockView>, NotFound<TransportError>, BadRequest<TransportError>>> MoveClock(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request) =>
        ChangeTenant(tenants, serviceId, request, SandboxJsonContext.Default.ClockChange, (tenant, change) =>
        {
            switch (change)
            {
                // Bounded by where the clock would land, not by the step alone: past DateTimeOffset's end every read throws.
                case { AdvanceSeconds: { } seconds, Set: null } when seconds >= 0 && seconds <= MaxUnixSeconds - tenant.Clock.GetUtcNow().ToUnixTimeSeconds():
                    tenant.Clock.Advance(TimeSpan.FromSeconds(seconds));
                    break;
                case { Set: { } unix, AdvanceSeconds: null } when unix >= 0 && unix <= MaxUnixSeconds:
                    tenant.Clock.Set(DateTimeOffset.FromUnixTimeSeconds(unix));
                    break;
                default:
                    return Outcome<ClockView>.Invalid("send {\"advance_seconds\": n} with n >= 0, or {\"set\": <unix seconds>}, not both; the clock cannot pass 3000-01-01");
            }

            tenant.CatchUp();
            return ClockOf(tenant);
        });

    public static Results<Ok<SmsList>, NotFound<TransportError>> GetSms(
        [FromQuery(Name = "service_id")] string? serviceId, string? phone, string? reference, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new SmsList(tenant.State.Sms.Snapshot()
            .Where(m => (phone is null || m.Phone == phone) && (reference is null || m.Reference == reference))
            .Select(m => new SmsView(m.Phone, m.Text, m.Code, m.Purpose, m.Reference, m.SentAt.ToUnixTimeSeconds(), m.ExpiresAt.ToUnixTimeSeconds()))
            .ToList()));

    public static Results<Ok<ResetView>, NotFound<TransportError>> Reset(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HostedPages pages)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant, out var whyNot))
        {
            return UnknownTenant(whyNot);
        }

        lock (tenant.Gate)
        {
            tenant.Reset();
            pages.Forget(tenant);
        }

        return TypedResults.Ok(new ResetView("reset", tenant.ServiceId));
    }

    public static Results<Ok<CardList>, NotFound<TransportError>> GetCards(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new CardList(tenant.State.Cards.Accounts.Select(ViewOf).ToList()));

    public static Task<Results<Ok<CardView>, NotFound<TransportError>, BadRequest<TransportError>>> AddCard(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request) =>
        ChangeTenant(tenants, serviceId, request, SandboxJsonContext.Default.CardSpec, (tenant, spec) =>
            CardSpecProblem(spec) is { } invalid
                ? Outcome<CardView>.Invalid(invalid)
                : ViewOf(tenant.State.Cards.AddOrReplace(spec)));

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

    public static Results<Ok<InvoiceList>, NotFound<TransportError>> GetInvoices(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new InvoiceList(tenant.State.Invoices.All.Select(i => new InvoiceView(
            i.Id,
            i.Hash,
            i.OrderId,
            i.VendorId,
            i.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            i.Currency,
            i.AmountTiyin,
            (int)i.Status,
            i.OrderNote,
            i.Payment?.BankTransactionId,
            i.Payment?.Status == PaymentStatus.Completed || i.Status == InvoiceStatus.Paid ? i.Payment?.TransactionId : null,
            i.CreatedAt.ToUnixTimeSeconds())).ToList()));

    public static Results<Ok<PayoutList>, NotFound<TransportError>> GetPayouts(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant => new PayoutList(tenant.State.Payouts.All.Select(p => new PayoutView(
            p.TransactionId, p.Account, p.Amount, p.Currency, p.VendorId, (int)p.Status, p.CreatedAt.ToUnixTimeSeconds(),
            p.History.Select(h => new TransactionHistoryView(h.At.ToUnixTimeSeconds(), (int)h.Status, h.Event)).ToList())).ToList()));

    public static Results<Ok<JournalList>, NotFound<TransportError>> GetJournal(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant, out var whyNot))
        {
            return UnknownTenant(whyNot);
        }

        return TypedResults.Ok(new JournalList(tenant.Journal.Snapshot()
            .Select(e => new JournalView(e.At.ToUnixTimeSeconds(), e.Method, AsJson(e.Request), AsJson(e.Response)))
            .ToList()));
    }

    public static Task<Results<Ok<FaultCreated>, NotFound<TransportError>, BadRequest<TransportError>>> AddFault(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, RpcDispatcher dispatcher, HttpRequest request) =>
        ChangeTenant(tenants, serviceId, request, SandboxJsonContext.Default.FaultRequest, (tenant, fault) =>
        {
            if (FaultProblem(fault, dispatcher) is { } invalid)
            {
                return Outcome<FaultCreated>.Invalid(invalid);
            }

            _ = FaultRule.TryParseKind(fault.Kind, out var kind); // FaultProblem has checked it.

            var rule = new FaultRule("", fault.Method!, kind, fault.DelayMs, fault.Code, fault.HttpStatus, fault.Probability ?? 1, fault.Times);
            return new FaultCreated(tenant.State.Faults.Add(rule).Id);
        });

    public static Results<Ok<FaultList>, NotFound<TransportError>> GetFaults(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, FaultsOf);

    public static Results<Ok<FaultList>, NotFound<TransportError>> ClearFaults(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, tenant =>
        {
            tenant.State.Faults.Clear();
            return new FaultList([]);
        });

    public static Results<Ok<FaultList>, NotFound<TransportError>> RemoveFault(
        string id, [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant, out var whyNot))
        {
            return UnknownTenant(whyNot);
        }

        lock (tenant.Gate)
        {
            return tenant.State.Faults.Remove(id)
                ? TypedResults.Ok(FaultsOf(tenant))
                : TypedResults.NotFound(new TransportError($"no fault rule {id}"));
        }
    }

    public static Results<Ok<ServiceView>, NotFound<TransportError>> GetService(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants) =>
        WithTenant(tenants, serviceId, ServiceOf);

    public static Task<Results<Ok<ServiceView>, NotFound<TransportError>, BadRequest<TransportError>>> BlockService(
        [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request) =>
        ChangeTenant(tenants, serviceId, request, SandboxJsonContext.Default.BlockChange, (tenant, change) =>
        {
            if (change.Blocked is not { } blocked)
            {
                return Outcome<ServiceView>.Invalid(BlockedFlagNeeded);
            }

            tenant.State.ServiceBlocked = blocked;
            return ServiceOf(tenant);
        });

    public static Task<Results<Ok<ServiceView>, NotFound<TransportError>, BadRequest<TransportError>>> BlockVendor(
        long vendorId, [FromQuery(Name = "service_id")] string? serviceId, TenantRegistry tenants, HttpRequest request) =>
        ChangeTenant(tenants, serviceId, request, SandboxJsonContext.Default.BlockChange, (tenant, change) =>
        {
            if (!tenant.Merchant.Vendors.ContainsKey(vendorId))
            {
                return Outcome<ServiceView>.Missing($"vendor {vendorId} is not a vendor of service {tenant.ServiceId}");
            }

            if (change.Blocked is not { } blocked)
            {
                return Outcome<ServiceView>.Invalid(BlockedFlagNeeded);
            }

            if (blocked)
            {
                tenant.State.BlockedVendors.Add(vendorId);
            }
            else
            {
                tenant.State.BlockedVendors.Remove(vendorId);
            }

            return ServiceOf(tenant);
        });

    /// <summary>3000-01-01: far enough for any test, and far from DateTimeOffset's end, which the real clock keeps moving towards.</summary>
    private const long MaxUnixSeconds = 32_503_680_000;

    private static async ValueTask<object?> RequireAdminToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = context.HttpContext.RequestServices.GetRequiredService<SandboxOptions>().AdminToken;
        if (!string.IsNullOrEmpty(token) && !TokenMatches(context.HttpContext.Request.Headers[TokenHeader].ToString(), token))
        {
            return TypedResults.Json(new TransportError($"the control API needs header {TokenHeader} (PAYSYS_ADMIN_TOKEN is set)"),
                SandboxJsonContext.Default.TransportError, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
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

    /// <summary>Runs a read under the tenant's gate, after applying due expiries, so it never sees stale state.</summary>
    private static Results<Ok<T>, NotFound<TransportError>> WithTenant<T>(TenantRegistry tenants, string? serviceId, Func<Tenant, T> read)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant, out var whyNot))
        {
            return UnknownTenant(whyNot);
        }

        lock (tenant.Gate)
        {
            tenant.CatchUp();
            return TypedResults.Ok(read(tenant));
        }
    }

    /// <summary>
    /// The shape of every control change: find the tenant, read the JSON body, then change the tenant under
    /// its gate (after due expiries) and answer the new state — or 404 / 400 with what was wrong.
    /// </summary>
    private static async Task<Results<Ok<T>, NotFound<TransportError>, BadRequest<TransportError>>> ChangeTenant<TBody, T>(
        TenantRegistry tenants, string? serviceId, HttpRequest request, JsonTypeInfo<TBody> bodyType, Func<Tenant, TBody, Outcome<T>> change)
    {
        if (!tenants.TryGet(serviceId ?? tenants.DefaultServiceId, out var tenant, out var whyNot))
        {
            return UnknownTenant(whyNot);
        }

        var (body, problem) = await ReadBody(request, bodyType);
        if (problem is not null)
        {
            return problem;
        }

        Outcome<T> outcome;
        lock (tenant.Gate)
        {
            tenant.CatchUp();
            try
            {
                outcome = change(tenant, body!);
            }
            catch (RpcException refused)
            {
                // A domain rule said no (e.g. a per-tenant limit): the same message the gateway would give.
                outcome = Outcome<T>.Invalid(CardMasking.MaskSecrets(refused.Message));
            }
        }

        return outcome switch
        {
            { NotFound: { } missing } => TypedResults.NotFound(new TransportError(missing)),
            { Problem: { } invalid } => BadRequest(invalid),
            _ => TypedResults.Ok(outcome.Value!),
        };
    }

    /// <summary>What a control change answers: the new state, or why the request was refused.</summary>
    private readonly record struct Outcome<T>(T? Value, string? Problem = null, string? NotFound = null)
    {
        public static implicit operator Outcome<T>(T value) => new(value);

        public static Outcome<T> Invalid(string problem) => new(default, problem);

        public static Outcome<T> Missing(string what) => new(default, NotFound: what);
    }

    private const string BlockedFlagNeeded = "send {\"blocked\": true} or {\"blocked\": false}";

    private static FaultList FaultsOf(Tenant tenant) => new(tenant.State.Faults.All.Select(f => new FaultView(
        f.Id, f.Method, FaultRule.KindName(f.Kind), f.DelayMs, f.Code, f.HttpStatus, f.Probability, f.TimesLeft)).ToList());

    private static async ValueTask<(T? Body, BadRequest<TransportError>? Problem)> ReadBody<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
            return body is null ? (default, BadRequest("the body must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            // e.Message names .NET types; the path is what the caller can act on.
            return (default, BadRequest($"the body is not the expected JSON object (problem at {e.Path ?? "$"})"));
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

    private static string? FaultProblem(FaultRequest fault, RpcDispatcher dispatcher)
    {
        if (fault.Method is null || (fault.Method != FaultRule.AnyMethod && !dispatcher.TryGet(fault.Method, out _)))
        {
            return $"method must be a gateway method or \"*\": {string.Join(", ", dispatcher.Names)}";
        }

        if (!FaultRule.TryParseKind(fault.Kind, out var kind))
        {
            return $"kind must be one of {string.Join(", ", FaultKindNames.All)}";
        }

        if (fault.Probability is < 0 or > 1 || fault.Times is < 1)
        {
            return "probability must be between 0 and 1, and times at least 1";
        }

        return kind switch
        {
            FaultKind.Delay when fault.DelayMs is not (>= 0 and <= 600_000) => "a delay needs delay_ms between 0 and 600000",
            FaultKind.Error when fault.Code is not { } code || !ErrorCatalogue.Embedded.Contains(code) => "an error needs a code from contracts/errors.json",
            FaultKind.HttpStatus when fault.HttpStatus is not (>= 400 and <= 599) => "an http_status needs http_status between 400 and 599",
            _ => null,
        };
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
    /// <summary>A journaled body (UTF-8, card numbers already masked) as JSON, or as a JSON string when it is not JSON.</summary>
    private static JsonElement AsJson(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(utf8), SandboxJsonContext.Default.String);
        }
    }

    private static NotFound<TransportError> UnknownTenant(string whyNot) => TypedResults.NotFound(new TransportError(whyNot));

    private static BadRequest<TransportError> BadRequest(string message) => TypedResults.BadRequest(new TransportError(message));
}
