using System.Text.Json.Nodes;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary><c>otp</c>: the newest SMS code about a reference (card id, bank_transaction_id) or to a phone, into a variable.</summary>
public sealed class OtpExecutor : StepExecutor<OtpStep>
{
    protected override string Describe(OtpStep step) => step.Phone is null ? $"otp for {Interpolator.AsText(step.Reference)}" : $"otp to {step.Phone}";

    protected override async Task RunAsync(OtpStep step, ScenarioSession session, StepLog log)
    {
        var reference = step.Reference is null ? null : Interpolator.AsText(session.Variables.Interpolate(step.Reference));
        var phone = step.Phone is null ? null : session.Variables.Text(step.Phone);
        log.Sent(reference is null ? $"GET /_sandbox/sms?phone={phone}" : $"GET /_sandbox/sms?reference={reference}");

        var messages = await session.Control.GetSmsAsync(phone, reference, session.CancellationToken);
        if (messages.Count == 0)
        {
            throw new StepFailedException($"the sandbox sent no SMS {(reference is null ? $"to {phone}" : $"about {reference}")} in this tenant");
        }

        var newest = messages[^1];
        log.Received($"{newest.Purpose} code {newest.Code} to {newest.Phone}");
        session.Variables.Set(step.SaveAs, JsonValue.Create(newest.Code));
        log.Note($"{step.SaveAs} = \"{newest.Code}\"");
    }
}
