using System.Text.Json.Nodes;

namespace PaySys.Scenarios.Engine;

/// <summary>A JSON-RPC error as answered: code, message and optional data.</summary>
public sealed record RpcError(int Code, string Message, JsonNode? Data);

/// <summary>
/// What one gateway call came back with: an HTTP status and then a result, an error, or a transport failure
/// (an unreadable answer, or a dropped connection).
/// </summary>
public sealed record CallOutcome(int HttpStatus, JsonNode? Result, RpcError? Error, string? Transport, string? Detail)
{
    public const string Malformed = "malformed";
    public const string Dropped = "dropped";

    public static CallOutcome Success(JsonNode? result) => new(200, result, null, null, null);

    public static CallOutcome Failed(RpcError error) => new(200, null, error, null, null);

    /// <summary>What <c>save</c> paths read: <c>result</c>, <c>error</c> and <c>http_status</c>.</summary>
    public JsonObject ToSaveRoot() => new()
    {
        ["result"] = Result?.DeepClone(),
        ["error"] = Error is null ? null : new JsonObject { ["code"] = Error.Code, ["message"] = Error.Message, ["data"] = Error.Data?.DeepClone() },
        ["http_status"] = HttpStatus,
    };

    /// <summary>One line for the report: what the call answered.</summary>
    public string Describe() => this switch
    {
        { Transport: { } transport } => $"{transport}: {Detail}",
        { Error: { } error } => $"error {error.Code} {error.Message}{(error.Data is null ? "" : " " + Matcher.Json(error.Data))}",
        { HttpStatus: not 200 } => $"HTTP {HttpStatus}{(Detail is null ? "" : ": " + Detail)}",
        _ => "result " + Matcher.Json(Result),
    };
}
