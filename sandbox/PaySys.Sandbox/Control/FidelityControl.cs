using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Control;

/// <summary>
/// GET/PUT /_sandbox/fidelity (their lines are in <see cref="ControlApi"/>'s route table): the tenant's switches for what
/// the vendor's docs leave open (docs/fidelity.md). A PUT changes only the members it sends; a reset restores the
/// configured ones.
/// </summary>
public static class FidelityControl
{
    public static Ok<FidelityView> Get(TenantScope scope) =>
        TypedResults.Ok(scope.Run((state, _) => FidelityView.Of(state.Rules)));

    public static async Task<Results<Ok<FidelityView>, BadRequest<TransportError>>> Set(TenantScope scope, HttpRequest request)
    {
        var (change, problem) = await ControlRequests.ReadBody(request, SandboxJsonContext.Default.FidelityChange);
        if (problem is not null)
        {
            return problem;
        }

        if (change!.ReversalWindowDays is < 0 or > GatewayRules.MaxReversalWindowDays)
        {
            return TypedResults.BadRequest(new TransportError(
                $"reversal_window_days must be between 0 (no window) and {GatewayRules.MaxReversalWindowDays}"));
        }

        return TypedResults.Ok(scope.Run((state, _) =>
        {
            var rules = state.Rules;
            state.Rules = new GatewayRules(
                change.DigitStringNumbers ?? rules.NumbersAsDigitStrings,
                change.ReversalWindowDays ?? rules.ReversalWindowDays,
                change.RefuseRepeatedOrderId ?? rules.OneInvoicePerOrderId,
                change.MillisecondsOnly ?? rules.MillisecondTimestampsOnly);
            return FidelityView.Of(state.Rules);
        }));
    }
}

public sealed record FidelityView(
    [property: JsonPropertyName("digit_string_numbers")] bool DigitStringNumbers,
    [property: JsonPropertyName("reversal_window_days")] int ReversalWindowDays,
    [property: JsonPropertyName("refuse_repeated_order_id")] bool RefuseRepeatedOrderId,
    [property: JsonPropertyName("milliseconds_only")] bool MillisecondsOnly)
{
    public static FidelityView Of(GatewayRules rules) =>
        new(rules.NumbersAsDigitStrings, rules.ReversalWindowDays, rules.OneInvoicePerOrderId, rules.MillisecondTimestampsOnly);
}

/// <summary>The body of PUT /_sandbox/fidelity; a member left out keeps its value.</summary>
public sealed record FidelityChange(
    [property: JsonPropertyName("digit_string_numbers")] bool? DigitStringNumbers,
    [property: JsonPropertyName("reversal_window_days")] int? ReversalWindowDays,
    [property: JsonPropertyName("refuse_repeated_order_id")] bool? RefuseRepeatedOrderId,
    [property: JsonPropertyName("milliseconds_only")] bool? MillisecondsOnly);
