using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Control;

/// <summary>What the control API checks in a request body before it changes a tenant, each answer naming what is wrong.</summary>
public static class ControlRequests
{
    public const string BlockedFlagNeeded = "send {\"blocked\": true} or {\"blocked\": false}";

    /// <summary>3000-01-01: far enough for any test, and far from DateTimeOffset's end, which the real clock keeps moving towards.</summary>
    private const long MaxUnixSeconds = 32_503_680_000;

    private const int MaxEchoedLength = 64;

    public static async ValueTask<(T? Body, BadRequest<TransportError>? Problem)> ReadBody<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
    {
        // Read whole: Kestrel bounds a body by PAYSYS_MAX_BODY_BYTES, and the duplicate check needs the text twice.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var utf8 = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (DuplicateMembers.In(utf8) is { } duplicate)
        {
            return (default, BadRequest($"member '{Shorten(duplicate)}' appears more than once: send each member once"));
        }

        try
        {
            var body = JsonSerializer.Deserialize(utf8.Span, typeInfo);
            return body is null ? (default, BadRequest("the body must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            // e.Message names .NET types; the path is what the caller can act on.
            return (default, BadRequest($"the body is not the expected JSON object (problem at {e.Path ?? "$"})"));
        }
    }

    /// <summary>
    /// Moves the tenant's clock as asked, or says why not (then nothing moved). Called inside the tenant's step, so no
    /// payment starts between the check and the move. The clock only moves forward: going back would re-open what
    /// already closed (the 7-day cancel window, an expired OTP or hold). A tenant with nothing timed yet (fresh, or
    /// just reset) has nothing to re-open, so its clock can be placed anywhere, e.g. at the docs' date in 2022.
    /// </summary>
    public static string? ClockMove(ClockChange change, VirtualClock clock, TenantState state)
    {
        var now = clock.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        switch (change)
        {
            case { AdvanceSeconds: < 0, Set: null }:
                return $"the virtual clock only moves forward: advance_seconds must be >= 0 (the clock is at {nowSeconds})";
            // Bounded by where the clock would land, not by the step alone: past DateTimeOffset's end every read throws.
            case { AdvanceSeconds: { } seconds, Set: null } when seconds <= MaxUnixSeconds - nowSeconds:
                clock.Advance(TimeSpan.FromSeconds(seconds));
                return null;
            case { Set: { } unix, AdvanceSeconds: null } when unix >= 0 && unix <= MaxUnixSeconds:
                var target = DateTimeOffset.FromUnixTimeSeconds(unix);
                if (target >= now || !HasTimedState(state))
                {
                    clock.Set(target);
                }
                else if (unix < nowSeconds)
                {
                    return $"the virtual clock only moves forward: it is at {nowSeconds} and this tenant has transactions, payouts, " +
                        $"invoices or SMS codes whose windows going back would re-open; set {nowSeconds} or later, or POST /_sandbox/reset first";
                }

                // Else the current second itself: the clock stays where it is, a fraction of a second past it.
                return null;
            default:
                return "send {\"advance_seconds\": n} with n >= 0, or {\"set\": <unix seconds>}, not both; the clock cannot pass 3000-01-01";
        }
    }

    /// <summary>Whether anything of the tenant has a time that a clock moved back could put in the future again.</summary>
    private static bool HasTimedState(TenantState state) =>
        state.Payments.All.Count > 0 || state.Payouts.All.Count > 0 || state.Expiries.Count > 0 ||
        state.Sms.Snapshot().Count > 0 || state.Invoices.All.Count > 0;

    public static string? CardSpecProblem(CardSpec spec)
    {
        if (!CardNumber.TryParse(spec.Pan, out _, out var panProblem))
        {
            return $"pan {panProblem}";
        }

        if (!CardExpiry.TryParse(spec.Expiry, out _, out var expiryProblem))
        {
            return $"expiry {expiryProblem}";
        }

        if (!PhoneNumber.TryParse(spec.Phone, out _, out var phoneProblem))
        {
            return $"phone {phoneProblem}";
        }

        if (string.IsNullOrWhiteSpace(spec.Holder) || spec.Balance < 0)
        {
            return "holder is required and balance must be >= 0 (tiyin)";
        }

        if (spec.CardStatus is < 0 or > 99)
        {
            return "card_status must be between 0 and 99 (what card_data.status reports; 0 when left out)";
        }

        return CardBehaviours.TryParse(spec.Behaviour ?? "", out _)
            ? null
            : $"behaviour must be one of {string.Join(", ", CardBehaviours.AllNames)}";
    }

    /// <summary>The fault rule a request asks for, or why it is not one. The gateway's methods come from contracts/openrpc.json.</summary>
    public static string? FaultRule(FaultRequest fault, out FaultRule? rule)
    {
        rule = null;
        if (fault.Method is null || (fault.Method != Domain.FaultRule.AnyMethod && !MethodCatalogue.Contains(fault.Method)))
        {
            return $"method must be a gateway method or \"*\": {string.Join(", ", MethodCatalogue.Names)}";
        }

        if (!Domain.FaultRule.TryParseKind(fault.Kind, out var kind))
        {
            return "kind must be one of delay, error, http_status, malformed, drop";
        }

        if (fault.Probability is < 0 or > 1 || fault.Times is < 1)
        {
            return "probability must be between 0 and 1, and times at least 1";
        }

        var problem = kind switch
        {
            FaultKind.Delay when fault.DelayMs is not (>= 0 and <= 600_000) => "a delay needs delay_ms between 0 and 600000",
            FaultKind.Error when fault.Code is not { } code || !ErrorCatalogue.Embedded.Contains(code) => "an error needs a code from contracts/errors.json",
            FaultKind.HttpStatus when fault.HttpStatus is not (>= 400 and <= 599) => "an http_status needs http_status between 400 and 599",
            _ when !Domain.FaultRule.HitsGatewayCalls(kind) =>
                $"{Domain.FaultRule.KindName(kind)} is a callback fault: POST /_sandbox/callbacks/faults",
            _ => null,
        };
        if (problem is null)
        {
            rule = new FaultRule("", fault.Method, kind, fault.DelayMs, fault.Code, fault.HttpStatus, fault.Probability ?? 1, fault.Times);
        }

        return problem;
    }

    private static BadRequest<TransportError> BadRequest(string message) => TypedResults.BadRequest(new TransportError(message));

    /// <summary>An echoed member path: masked (a name can be a card number), then cut to a readable length.</summary>
    private static string Shorten(string text)
    {
        var masked = CardMasking.MaskSecrets(text);
        return masked.Length > MaxEchoedLength ? masked[..MaxEchoedLength] + "…" : masked;
    }
}
