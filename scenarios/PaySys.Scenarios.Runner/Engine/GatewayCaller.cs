using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaySys.Client;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine;

/// <summary>A call as it goes out, after interpolation.</summary>
public sealed record GatewayRequest(
    string Method,
    JsonNode? Params,
    bool HasParams,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonNode? Id,
    bool HasId,
    AuthSpec Auth,
    string? Raw,
    string? ContentType)
{
    /// <summary>
    /// Calls the reference client can make: it signs (or mis-signs) through its options and always sends a fresh
    /// UUID id. A chosen id, no Auth header, or a raw body need the plain HTTP path.
    /// </summary>
    public bool NeedsRawPath =>
        Raw is not null || HasId || Auth.Mode == AuthMode.None ||
        (Auth.Mode == AuthMode.Other && (string.IsNullOrEmpty(Auth.ServiceId) || string.IsNullOrEmpty(Auth.Secret)));
}

/// <summary>
/// Sends a scenario's gateway calls: through the reference <see cref="PaySysClient"/> (STYLE §12) and, only
/// for envelope stories it cannot express (a raw body, a chosen id, no Auth), as plain HTTP.
/// </summary>
public sealed class GatewayCaller(HttpClient http, string serviceId, string secret)
{
    /// <summary>How old a <c>stale</c> signature is: twice the sandbox's 300 s window.</summary>
    public static readonly TimeSpan StaleBy = TimeSpan.FromMinutes(10);

    private const string WrongSecretSuffix = "-not-the-secret";

    private readonly PaySysClient tenantClient = Client(http, serviceId, secret, TimeProvider.System);

    public async Task<CallOutcome> SendAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.NeedsRawPath
                ? await SendRawAsync(request, cancellationToken)
                : await SendWithClientAsync(request, cancellationToken);
        }
        catch (PaySysException error)
        {
            return CallOutcome.Failed(new RpcError(error.Code, error.Message, error.Data is { } data ? JsonNode.Parse(data.GetRawText()) : null));
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status && status != HttpStatusCode.OK)
        {
            return new CallOutcome((int)status, null, null, null, e.Message);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.InvalidResponse)
        {
            return new CallOutcome(200, null, null, CallOutcome.Malformed, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException ||
                                  (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A closed connection: a socket error, or (in-process) the test server's "request aborted".
            return new CallOutcome(0, null, null, CallOutcome.Dropped, e.Message);
        }
    }

    private async Task<CallOutcome> SendWithClientAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var client = request.Auth.Mode switch
        {
            AuthMode.Tenant => tenantClient,
            AuthMode.Stale => Client(http, serviceId, secret, new ShiftedTimeProvider(-StaleBy)),
            AuthMode.Wrong => Client(http, serviceId, secret + WrongSecretSuffix, TimeProvider.System),
            _ => Client(http, request.Auth.ServiceId!, request.Auth.Secret!, TimeProvider.System),
        };

        JsonElement? parameters = request.HasParams ? JsonSerializer.SerializeToElement(request.Params, ScenarioJsonContext.Default.JsonNode) : null;
        var result = await client.CallAsync(request.Method, parameters, request.Headers, cancellationToken);
        return CallOutcome.Success(JsonNode.Parse(result.GetRawText()));
    }

    /// <summary>The envelope stories: the body as written (or built with the chosen id), signed as the step says.</summary>
    private async Task<CallOutcome> SendRawAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var body = request.Raw ?? Envelope(request).ToJsonString();
        using var message = new HttpRequestMessage(HttpMethod.Post, PaySysClientOptions.DefaultEndpoint)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json; charset=utf-8");
        if (AuthHeader(request.Auth) is { } auth)
        {
            message.Headers.TryAddWithoutValidation(PaySysAuth.HeaderName, auth);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new CallOutcome((int)response.StatusCode, null, null, null, text.Length <= 300 ? text : text[..300] + "…");
        }

        JsonNode? envelope;
        try
        {
            envelope = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return new CallOutcome(200, null, null, CallOutcome.Malformed, "the answer is not JSON: " + (text.Length <= 200 ? text : text[..200] + "…"));
        }

        if (envelope is not JsonObject answer)
        {
            return new CallOutcome(200, null, null, CallOutcome.Malformed, "the answer is not a JSON-RPC object: " + text);
        }

        if (request.HasId && request.Raw is null && answer.TryGetPropertyValue("id", out var echoed) && !Matcher.JsonEquals(echoed, request.Id))
        {
            throw new StepFailedException($"the answer's id {Matcher.Show(echoed)} is not the request's id {Matcher.Show(request.Id)} (it must come back unchanged, same JSON type)");
        }

        if (answer["error"] is JsonObject error)
        {
            var code = Matcher.Number(error["code"]) is { } number && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : 0;
            var messageText = error["message"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : "";
            return CallOutcome.Failed(new RpcError(code, messageText, error["data"]?.DeepClone()));
        }

        return answer["result"] is { } result
            ? CallOutcome.Success(result.DeepClone())
            : new CallOutcome(200, null, null, CallOutcome.Malformed, "the answer has neither error nor result: " + text);
    }

    private static JsonObject Envelope(GatewayRequest request)
    {
        var envelope = new JsonObject
        {
            ["id"] = request.HasId ? request.Id?.DeepClone() : JsonValue.Create(Guid.NewGuid().ToString()),
            ["method"] = request.Method,
        };
        if (request.HasParams)
        {
            envelope["params"] = request.Params?.DeepClone();
        }

        return envelope;
    }

    private string? AuthHeader(AuthSpec auth)
    {
        // Auth is signed on the real clock: the sandbox checks its window against real time, never the virtual one.
        var now = TimeProvider.System.GetUtcNow();
        return auth.Mode switch
        {
            AuthMode.None => null,
            AuthMode.Stale => PaySysAuth.CreateHeader(serviceId, secret, now - StaleBy, PaySysTimestampUnit.Milliseconds),
            AuthMode.Wrong => PaySysAuth.CreateHeader(serviceId, secret + WrongSecretSuffix, now, PaySysTimestampUnit.Milliseconds),
            AuthMode.Other => PaySysAuth.CreateHeader(auth.ServiceId!, auth.Secret!, now, PaySysTimestampUnit.Milliseconds),
            _ => PaySysAuth.CreateHeader(serviceId, secret, now, PaySysTimestampUnit.Milliseconds),
        };
    }

    private static PaySysClient Client(HttpClient http, string serviceId, string secret, TimeProvider clock) =>
        new(http, new PaySysClientOptions { ServiceId = serviceId, SecretKey = secret, TimeProvider = clock });

    /// <summary>The real clock moved by a fixed amount: signs a stale Auth through the reference client.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}
