using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PaySys.Sandbox.Callbacks;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Control;

/// <summary>
/// The control routes of merchant callbacks (their lines are in <see cref="ControlApi"/>'s route table): the settings,
/// the delivery log, a redelivery, and paying or cancelling an invoice as the pay page would.
/// </summary>
public static class CallbackControl
{
    public static async Task<Results<Ok<CallbackSettingsView>, NotFound<TransportError>, BadRequest<TransportError>>> Configure(
        TenantScope scope, HttpRequest request, SandboxOptions options)
    {
        var (change, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.CallbackSettingsChange);
        if (problem is not null)
        {
            return problem;
        }

        if (CallbackRequests.Endpoints(change!, out var endpoints) is { } invalid)
        {
            return TypedResults.BadRequest(new TransportError(invalid));
        }

        return TypedResults.Ok(scope.Run((state, _) =>
        {
            state.Callbacks.Configure(endpoints);
            return CallbackViews.Settings(state.Callbacks, options);
        }));
    }

    public static Ok<CallbackSettingsView> GetSettings(TenantScope scope, SandboxOptions options) =>
        TypedResults.Ok(scope.Run((state, _) => CallbackViews.Settings(state.Callbacks, options)));

    public static Ok<CallbackDeliveryList> GetDeliveries(TenantScope scope) =>
        TypedResults.Ok(scope.Run((state, _) => CallbackViews.Deliveries(state.Callbacks)));

    public static async Task<Results<Ok<CallbackDeliveryView>, NotFound<TransportError>, Conflict<TransportError>>> Redeliver(
        string id, TenantScope scope, CallbackDispatcher dispatcher, HttpContext context)
    {
        var (delivery, problem) = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await dispatcher.RedeliverAsync(scope.Tenant, number, context.RequestAborted)
            : (null, null);
        if (delivery is null)
        {
            return TypedResults.NotFound(new TransportError(CardMasking.MaskSecrets($"no callback delivery {id} (GET /_sandbox/callbacks/deliveries lists them)")));
        }

        return problem is not null
            ? TypedResults.Conflict(new TransportError(problem))
            : TypedResults.Ok(scope.Run((_, _) => CallbackViews.Delivery(delivery)));
    }

    public static async Task<Results<Ok<CallbackFaultView>, NotFound<TransportError>, BadRequest<TransportError>>> AddFault(TenantScope scope, HttpRequest request)
    {
        var (fault, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.CallbackFaultRequest);
        if (problem is not null)
        {
            return problem;
        }

        if (CallbackRequests.FaultRule(fault!, out var rule) is { } invalid)
        {
            return TypedResults.BadRequest(new TransportError(invalid));
        }

        try
        {
            return TypedResults.Ok(scope.Run((state, _) => CallbackViews.Fault(state.Callbacks.Faults.Add(rule!))));
        }
        catch (Refusal refusal)
        {
            return TypedResults.BadRequest(new TransportError(refusal.Message));
        }
    }

    public static Ok<CallbackFaultList> GetFaults(TenantScope scope) =>
        TypedResults.Ok(scope.Run((state, _) => new CallbackFaultList([.. state.Callbacks.Faults.All.Select(CallbackViews.Fault)])));

    public static Ok<CallbackFaultList> ClearFaults(TenantScope scope) =>
        TypedResults.Ok(scope.Run((state, _) =>
        {
            state.Callbacks.Faults.Clear();
            return new CallbackFaultList([]);
        }));

    /// <summary>Pays or cancels the invoice, then answers once the callbacks it made due were attempted.</summary>
    public static async Task<Results<Ok<InvoiceView>, NotFound<TransportError>, BadRequest<TransportError>>> Simulate(
        string id, TenantScope scope, HttpRequest request, CallbackDispatcher dispatcher)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var invoiceId))
        {
            return TypedResults.NotFound(new TransportError(CardMasking.MaskSecrets($"no invoice {id} (GET /_sandbox/invoices lists them)")));
        }

        var (simulation, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.InvoiceSimulationRequest);
        if (problem is not null)
        {
            return problem;
        }

        var (view, refused, missing) = scope.Run<(InvoiceView? View, string? Refused, string? Missing)>((state, op) =>
        {
            var invoice = state.Invoices.All.FirstOrDefault(i => i.Id == invoiceId);
            if (invoice is null)
            {
                return (null, null, $"no invoice {id} (GET /_sandbox/invoices lists them)");
            }

            try
            {
                switch (simulation!.Outcome)
                {
                    case "paid":
                        InvoiceSimulation.Pay(state, invoice, op);
                        break;
                    case "cancelled":
                        InvoiceSimulation.Cancel(state, invoice, op);
                        break;
                    default:
                        return (null, "send {\"outcome\": \"paid\"} or {\"outcome\": \"cancelled\"}", null);
                }
            }
            catch (Refusal refusal)
            {
                return (null, CardMasking.MaskSecrets(refusal.Message), null);
            }

            return (ControlViews.Invoice(invoice), null, null);
        });
        if (missing is not null)
        {
            return TypedResults.NotFound(new TransportError(missing));
        }

        if (refused is not null)
        {
            return TypedResults.BadRequest(new TransportError(refused));
        }

        await dispatcher.DeliverDueAsync(scope.Tenant, request.HttpContext.RequestAborted);
        return TypedResults.Ok(view!);
    }
}

/// <summary>How the callback routes show the settings and the delivery log; read inside the tenant's step.</summary>
public static class CallbackViews
{
    public static CallbackSettingsView Settings(CallbackOutbox outbox, SandboxOptions options) => new(
        outbox.Endpoints.InfoUrl,
        outbox.Endpoints.PayUrl,
        outbox.Endpoints.NotifyUrl,
        outbox.Endpoints.CancelUrl,
        outbox.Endpoints.StatementUrl,
        "****",
        outbox.Endpoints.Secret is null ? "secret_key" : "callbacks",
        [.. outbox.Policy.Schedule.Select(wait => (long)wait.TotalSeconds)],
        (long)options.Callbacks.Timeout.TotalMilliseconds,
        outbox.Policy.QueueSize);

    public static CallbackDeliveryList Deliveries(CallbackOutbox outbox) => new([.. outbox.Deliveries.Select(Delivery)], outbox.Dropped);

    public static CallbackDeliveryView Delivery(CallbackDelivery delivery) => new(
        delivery.Id,
        Name(delivery.Kind),
        delivery.Chain.InvoiceId,
        delivery.Chain.AgrTransId,
        delivery.NotifyStatus,
        Name(delivery.Status),
        delivery.QueuedAt.ToUnixTimeSeconds(),
        delivery.Status == CallbackDeliveryStatus.Pending ? delivery.NextAttemptAt.ToUnixTimeSeconds() : null,
        [.. delivery.Attempts.Select(a => new CallbackAttemptView(
            a.At.ToUnixTimeSeconds(),
            a.Url,
            AsJson(a.Request),
            a.Redelivery,
            a.Answer.HttpStatus,
            a.Answer.Body is null ? null : AsJson(a.Answer.Body),
            a.Answer.Error,
            a.Answer.LatencyMs,
            a.Answer.Succeeded,
            a.Answer.Outcome))],
        [.. delivery.Faults]);

    public static CallbackFaultView Fault(FaultRule rule) =>
        new(rule.Id, rule.Method, FaultRule.KindName(rule.Kind), rule.DelayMs, rule.Probability, rule.TimesLeft);

    public static string Name(CallbackKind kind) => kind switch
    {
        CallbackKind.Info => "info",
        CallbackKind.Pay => "pay",
        CallbackKind.Notify => "notify",
        CallbackKind.Cancel => "cancel",
        _ => "statement",
    };

    public static string Name(CallbackDeliveryStatus status) => status switch
    {
        CallbackDeliveryStatus.Pending => "pending",
        CallbackDeliveryStatus.Sending => "sending",
        CallbackDeliveryStatus.Delivered => "delivered",
        CallbackDeliveryStatus.Failed => "failed",
        _ => "skipped",
    };

    /// <summary>A body as JSON, or as a JSON string when it is not JSON.</summary>
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
}
