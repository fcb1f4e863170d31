using System.Text.Json.Nodes;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary>
/// The shared part of call and poll: interpolate, send, count coverage, check the answer against its contract
/// (every result and every error), compare with an expectation, and save variables.
/// </summary>
public static class CallRunner
{
    public static async Task<CallOutcome> SendAsync(CallRequest request, ScenarioSession session, StepLog log)
    {
        var variables = session.Variables;
        var outgoing = new GatewayRequest(
            variables.Text(request.Method),
            request.HasParams ? variables.Interpolate(request.Params) : null,
            request.HasParams,
            [.. request.Headers.Select(h => KeyValuePair.Create(h.Key, variables.Text(h.Value)))],
            request.HasId ? variables.Interpolate(request.Id) : null,
            request.HasId,
            request.Auth.Mode == AuthMode.Other
                ? request.Auth with { ServiceId = variables.Text(request.Auth.ServiceId!), Secret = variables.Text(request.Auth.Secret!) }
                : request.Auth,
            request.Raw is null ? null : variables.Text(request.Raw),
            request.ContentType is null ? null : variables.Text(request.ContentType));

        log.Sent(Describe(outgoing));
        var outcome = await session.Gateway.SendAsync(outgoing, session.CancellationToken);
        log.Received(outcome.Describe());

        var method = outgoing.Raw is null ? outgoing.Method : MethodOf(outgoing.Raw);
        session.Coverage.RecordAnswer(method, outcome);
        CheckContract(method, outcome, Contracts.Embedded);
        return outcome;
    }

    /// <summary>The mismatches between an answer and an expectation (interpolated first); empty when it holds.</summary>
    public static IReadOnlyList<string> Check(Expectation expect, CallOutcome outcome, Variables variables)
    {
        var problems = new List<string>();
        if (expect.Transport is { } transport)
        {
            if (outcome.Transport != transport)
            {
                problems.Add($"expected a {transport} answer, got {outcome.Describe()}");
            }

            return problems;
        }

        if (outcome.Transport is not null)
        {
            problems.Add($"the call got no answer to check: {outcome.Describe()}");
            return problems;
        }

        if (expect.HttpStatus is { } status)
        {
            if (outcome.HttpStatus != status)
            {
                problems.Add($"http_status: expected {status}, got {outcome.HttpStatus}");
            }
        }
        else if (outcome.HttpStatus != 200)
        {
            problems.Add($"expected HTTP 200 with a JSON-RPC answer, got {outcome.Describe()}");
            return problems;
        }

        if (expect.ErrorCode is { } code)
        {
            if (outcome.Error is not { } error)
            {
                problems.Add($"error: expected code {code}, got {outcome.Describe()}");
                return problems;
            }

            if (error.Code != code)
            {
                problems.Add($"error.code: expected {code}, got {error.Code} ({error.Message})");
            }

            if (expect.HasErrorMessage)
            {
                problems.AddRange(Matcher.Match(variables.Interpolate(expect.ErrorMessage), JsonValue.Create(error.Message), "error.message").Select(m => m.ToString()));
            }

            if (expect.HasErrorData)
            {
                problems.AddRange(Matcher.Match(variables.Interpolate(expect.ErrorData), error.Data, "error.data", error.Data is not null).Select(m => m.ToString()));
            }
        }
        else if (expect.HttpStatus is null || expect.HasResult)
        {
            if (outcome.Error is { } error)
            {
                problems.Add($"expected a result, got error {error.Code} {error.Message}{(error.Data is null ? "" : " " + Matcher.Show(error.Data))}");
            }
            else if (expect.HasResult)
            {
                problems.AddRange(Matcher.Match(variables.Interpolate(expect.Result), outcome.Result, "result").Select(m => m.ToString()));
            }
        }

        return problems;
    }

    public static void Save(IReadOnlyDictionary<string, string> save, JsonNode root, ScenarioSession session, StepLog log)
    {
        foreach (var (variable, path) in save)
        {
            var value = ResponsePath.Read(root, path);
            session.Variables.Set(variable, value);
            log.Note($"{variable} = {Matcher.Show(value)}");
        }
    }

    /// <summary>Every result and every error must match its contract schema, whatever the step expects.</summary>
    private static void CheckContract(string method, CallOutcome outcome, Contracts contracts)
    {
        var (what, problems) = outcome switch
        {
            { Error: { } error } => ("the error object does not match contracts/schemas/error.json", contracts.CheckError(error)),
            { Result: { } result } => ($"the result does not match contracts/schemas/{method}.result.json", contracts.CheckResult(method, result)),
            _ => ("", []),
        };

        if (problems.Count > 0)
        {
            throw new StepFailedException($"{what}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }
    }

    private static string Describe(GatewayRequest request)
    {
        var auth = request.Auth.Mode switch
        {
            AuthMode.None => " [no Auth]",
            AuthMode.Stale => " [stale Auth]",
            AuthMode.Wrong => " [wrong Auth hash]",
            AuthMode.Other => $" [Auth as {request.Auth.ServiceId}]",
            _ => "",
        };
        var headers = request.Headers.Count == 0 ? "" : " " + string.Join(" ", request.Headers.Select(h => $"{h.Key}: {h.Value}"));
        if (request.Raw is { } raw)
        {
            return $"raw body {raw}{(request.ContentType is null ? "" : $" ({request.ContentType})")}{auth}{headers}";
        }

        var id = request.HasId ? $" id {Matcher.Show(request.Id)}" : "";
        return $"{request.Method} {(request.HasParams ? Matcher.Show(request.Params) : "(no params)")}{id}{auth}{headers}";
    }

    /// <summary>The method a raw body names, for coverage and contracts; "(envelope)" when it names none.</summary>
    private static string MethodOf(string raw)
    {
        try
        {
            return JsonNode.Parse(raw) is JsonObject envelope && envelope["method"] is JsonValue m && m.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? m.GetValue<string>()
                : "(envelope)";
        }
        catch (System.Text.Json.JsonException)
        {
            return "(envelope)";
        }
    }
}
