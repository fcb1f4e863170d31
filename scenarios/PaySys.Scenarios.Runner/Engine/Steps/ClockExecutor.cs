using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary><c>clock</c>: advances the tenant's virtual clock by seconds, or sets it to Unix seconds or an ISO date.</summary>
public sealed class ClockExecutor : StepExecutor<ClockStep>
{
    protected override string Describe(ClockStep step) =>
        step.Advance is not null ? $"clock advance {Interpolator.AsText(step.Advance)} s" : $"clock set {Interpolator.AsText(step.Set)}";

    protected override async Task RunAsync(ClockStep step, ScenarioSession session, StepLog log)
    {
        if (step.Advance is not null)
        {
            var seconds = Seconds(session.Variables.Interpolate(step.Advance), "clock.advance");
            log.Sent(string.Create(CultureInfo.InvariantCulture, $"POST /_sandbox/clock advance_seconds {seconds}"));
            var clock = await session.Control.AdvanceClockAsync(seconds, session.CancellationToken);
            log.Received($"now {clock.Now} ({clock.UtcNow:u})");
        }
        else
        {
            var at = Moment(session.Variables.Interpolate(step.Set));
            log.Sent($"POST /_sandbox/clock set {at.ToUnixTimeSeconds()} ({at:u})");
            var clock = await session.Control.SetClockAsync(at, session.CancellationToken);
            log.Received($"now {clock.Now} ({clock.UtcNow:u})");
        }
    }

    /// <summary>A Unix time (number, or string of digits) or an ISO 8601 date; a date without offset is UTC.</summary>
    public static DateTimeOffset Moment(JsonNode? value)
    {
        var text = Interpolator.AsText(value);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new StepFailedException($"clock.set must be Unix seconds or an ISO date such as 2022-02-24T10:00:00Z, not {Matcher.Show(value)}");
    }

    private static long Seconds(JsonNode? value, string what) =>
        value is JsonValue v && (v.GetValueKind() == JsonValueKind.Number || v.GetValueKind() == JsonValueKind.String) &&
        long.TryParse(Interpolator.AsText(value), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new StepFailedException($"{what} must be a whole number of seconds >= 0, not {Matcher.Show(value)}");
}
