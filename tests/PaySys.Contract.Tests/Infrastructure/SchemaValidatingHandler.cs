using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// Sits in the reference client's HttpClient pipeline and holds every HTTP 200 answer of <c>/gateway</c> to the
/// contract before the client sees it: the envelope (<c>envelope.response.json</c>, <c>id</c> echoed with its JSON
/// type, a fresh 32-hex <c>mx_id</c>), the error (<c>error.json</c>, and a code that <c>openrpc.json</c> declares
/// for the method) or the result (<c>{method}.result.json</c>). A response that breaks any of it is not handed on:
/// the call throws <see cref="ContractViolationException"/> naming the method, the JSON paths and the masked body,
/// and the <see cref="ContractMonitor"/> records it. Other routes and non-200 answers (transport errors) pass as they are.
/// </summary>
public sealed partial class SchemaValidatingHandler(ContractSchemas schemas, ContractMonitor monitor) : DelegatingHandler
{
    public const string UnknownMethod = "(unknown)";

    /// <summary>Errors about the request itself, answered before a method is known: allowed for every method.</summary>
    private static readonly HashSet<int> EnvelopeErrors = [-32700, -32600, -32601];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = request.Content is null ? RpcCall.None : RpcCall.Read(await request.Content.ReadAsByteArrayAsync(cancellationToken));

        var response = await base.SendAsync(request, cancellationToken);
        if (!IsGateway(request.RequestUri) || response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var replacement = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = replacement;

        var method = call.Method ?? UnknownMethod;
        var (problems, errorCode) = await CheckAsync(call, body);
        if (problems.Count == 0)
        {
            monitor.Record(new CheckedResponse(method, errorCode, Valid: true), null);
            return response;
        }

        var violation = new ContractViolationException(method, problems, Redaction.Body(Encoding.UTF8.GetString(body)));
        monitor.Record(new CheckedResponse(method, errorCode, Valid: false), violation);
        response.Dispose();
        throw violation;
    }

    private static bool IsGateway(Uri? uri) =>
        uri is not null && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]).TrimEnd('/').EndsWith("/gateway", StringComparison.Ordinal);

    private async Task<(List<ContractProblem> Problems, int? ErrorCode)> CheckAsync(RpcCall call, byte[] body)
    {
        var problems = new List<ContractProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            problems.Add(new("$", $"the body is not JSON ({e.Message})"));
            return (problems, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("$", $"the body is a JSON {Kind(root)}, not a response object"));
                return (problems, null);
            }

            var error = Member(root, "error");
            var result = Member(root, "result");
            var shapeOk = (error, result) is ({ ValueKind: JsonValueKind.Null }, { ValueKind: JsonValueKind.Object })
                or ({ ValueKind: JsonValueKind.Object }, { ValueKind: JsonValueKind.Null });

            // envelope.response.json, except its oneOf (error xor result): that is said once in plain words, and
            // error and result are validated below against their own schemas, with clearer paths.
            problems.AddRange(Validate(await schemas.EnvelopeAsync(), root, "$", null, e => e.Kind != ValidationErrorKind.NotOneOf || JsonPath("$", e.Path) != "$"));
            if (!shapeOk && error is not null && result is not null)
            {
                problems.Add(new("$", $"exactly one of error and result must be null and the other an object; error is {Kind(error.Value)}, result is {Kind(result.Value)}"));
            }

            CheckId(call, Member(root, "id"), problems);
            CheckMxId(Member(root, "mx_id"), problems);

            int? errorCode = null;
            if (error is { ValueKind: JsonValueKind.Object } errorObject)
            {
                problems.AddRange(Validate(await schemas.ErrorAsync(), errorObject, "$.error"));
                if (Member(errorObject, "code") is { ValueKind: JsonValueKind.Number } code && code.TryGetInt32(out var number))
                {
                    errorCode = number;
                    CheckDeclared(call.Method, number, problems);
                }
            }
            else if (result is { ValueKind: not JsonValueKind.Null } resultValue && call.Method is { } method)
            {
                if (await schemas.ResultAsync(method) is { } schema)
                {
                    problems.AddRange(Validate(schema, resultValue, "$.result", ContractSchemas.ResultSchemaName(method)));
                }
                else
                {
                    problems.Add(new("$.result", $"the contract has no result schema for '{method}' (not one of contracts/openrpc.json's methods)"));
                }
            }
            else if (result is { ValueKind: not JsonValueKind.Null })
            {
                problems.Add(new("$.result", "a result for a request that named no method"));
            }

            return (problems, errorCode);
        }
    }

    /// <summary>SPEC §1: id is echoed unchanged with the same JSON type; a request without a usable id gets null.</summary>
    private static void CheckId(RpcCall call, JsonElement? id, List<ContractProblem> problems)
    {
        if (id is not { } echoed)
        {
            return; // envelope.response.json reports the missing member
        }

        var expected = call.Id;
        var same = (expected, echoed.ValueKind) switch
        {
            (null, JsonValueKind.Null) => true,
            ({ ValueKind: JsonValueKind.String } sent, JsonValueKind.String) => sent.GetString() == echoed.GetString(),
            ({ ValueKind: JsonValueKind.Number } sent, JsonValueKind.Number) => sent.GetRawText() == echoed.GetRawText(),
            _ => false,
        };
        if (!same)
        {
            var wanted = expected is { } value ? $"{value.GetRawText()} (a {Kind(value)})" : "null (the request had no string or number id)";
            problems.Add(new("$.id", $"must echo the request's id {wanted}, got {echoed.GetRawText()} (a {Kind(echoed)})"));
        }
    }

    /// <summary>SPEC §1: a fresh mx_id of 32 lower-case hex characters on every response, errors included.</summary>
    private void CheckMxId(JsonElement? mxId, List<ContractProblem> problems)
    {
        if (mxId is not { ValueKind: JsonValueKind.String } value)
        {
            problems.Add(new("$.mx_id", mxId is null ? "missing: every response carries a fresh mx_id (SPEC §1)" : $"must be a string, got a {Kind(mxId.Value)}"));
            return;
        }

        var text = value.GetString()!;
        if (MxIdPattern().IsMatch(text) && !monitor.IsFreshMxId(text))
        {
            problems.Add(new("$.mx_id", $"{text} was already used by an earlier response: mx_id must be fresh on every response"));
        }
    }

    private void CheckDeclared(string? method, int code, List<ContractProblem> problems)
    {
        if (EnvelopeErrors.Contains(code) || method is null || schemas.DeclaredErrors(method) is not { } declared || declared.Contains(code))
        {
            return;
        }

        problems.Add(new("$.error.code", $"{code} is not among the errors contracts/openrpc.json declares for {method}: {string.Join(", ", declared.Order())}"));
    }

    /// <summary>Validates <paramref name="value"/> and names each failure by its JSON path below <paramref name="at"/>.</summary>
    public static IReadOnlyList<ContractProblem> Validate(
        JsonSchema schema, JsonElement value, string at, string? schemaName = null, Func<ValidationError, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<ContractProblem>();
        Flatten(schema.Validate(value.GetRawText()).Where(keep ?? (_ => true)), at, "", problems);
        if (schemaName is not null)
        {
            for (var i = 0; i < problems.Count; i++)
            {
                problems[i] = problems[i] with { Problem = $"{problems[i].Problem} ({schemaName})" };
            }
        }

        return problems;
    }

    private static void Flatten(IEnumerable<ValidationError> errors, string at, string branch, List<ContractProblem> problems)
    {
        foreach (var error in errors)
        {
            var path = JsonPath(at, error.Path);
            problems.Add(new(path, branch + Describe(error)));
            if (error is ChildSchemaValidationError child)
            {
                var alternative = 0;
                foreach (var (schema, nested) in child.Errors)
                {
                    alternative++;
                    Flatten(nested, at, $"{branch}[alternative {alternative}{Title(schema)}] ", problems);
                }
            }
        }
    }

    /// <summary>": Acquiring transaction" from an alternative's title or description, so the reader knows which one it is.</summary>
    private static string Title(JsonSchema schema) =>
        (schema.Title ?? schema.Description) is { Length: > 0 } text ? ": " + text.Split('(', '.')[0].Trim() : "";

    private static string Describe(ValidationError error)
    {
        var text = new StringBuilder(error.Kind.ToString());
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property)
        {
            text.Append($" '{property}'");
        }

        if (error.Kind == ValidationErrorKind.PatternMismatch && error.Schema?.Pattern is { } pattern)
        {
            text.Append($" {pattern}");
        }

        if (error.Kind == ValidationErrorKind.NotInEnumeration && error.Schema?.Enumeration is { Count: > 0 } values)
        {
            text.Append($" [{string.Join(", ", values.Select(v => v is string s ? $"\"{s}\"" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))}]");
        }

        if (error is ChildSchemaValidationError child)
        {
            text.Append($": matches none of its {child.Errors.Count} alternatives");
        }

        return text.ToString();
    }

    /// <summary>NJsonSchema's "#/details.amount" or "#/methods[0].name" below <paramref name="at"/> ("$.result").</summary>
    public static string JsonPath(string at, string? schemaPath)
    {
        var relative = (schemaPath ?? "").TrimStart('#').TrimStart('/');
        return relative.Length == 0 ? at : relative[0] == '[' ? at + relative : $"{at}.{relative}";
    }

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex MxIdPattern();

    /// <summary>The request as far as the contract needs it: its method and its id (a string or number, else null).</summary>
    private sealed record RpcCall(string? Method, JsonElement? Id)
    {
        public static RpcCall None { get; } = new(null, null);

        public static RpcCall Read(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return None;
                }

                var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                JsonElement? id = root.TryGetProperty("id", out var i) && i.ValueKind is JsonValueKind.String or JsonValueKind.Number ? i.Clone() : null;
                return new RpcCall(method, id);
            }
            catch (JsonException)
            {
                return None;
            }
        }
    }
}
