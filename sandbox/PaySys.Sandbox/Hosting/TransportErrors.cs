using System.Text.Json;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Hosting;

/// <summary>The JSON body of an HTTP-level (not JSON-RPC) error: 413, 415, 405, 401, 404, 400.</summary>
public sealed record TransportError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("limit_bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LimitBytes = null);

public static class TransportErrors
{
    public static byte[] BodyTooLarge(int limit) => Serialize(new TransportError(
        $"the request body is larger than the limit of {limit} bytes (PAYSYS_MAX_BODY_BYTES)", limit));

    public static byte[] UnsupportedMediaType(string contentType) => Serialize(new TransportError(
        $"Content-Type '{contentType}' is not JSON and the body is not JSON either: send application/json"));

    public static byte[] Unreadable(int status, string reason) => Serialize(new TransportError(
        $"the request could not be read as it was sent (HTTP {status}: {reason.TrimEnd('.')})"));

    public static byte[] NotPost() => Serialize(new TransportError(
        "the gateway takes JSON-RPC 2.0 by POST only: POST a JSON body with Content-Type: application/json and an Auth header (GET / shows how)"));

    public static byte[] Unexpected() => Serialize(new TransportError("the sandbox failed unexpectedly; the error is logged"));

    public static byte[] Injected(string faultId, int status) => Serialize(new TransportError(
        $"HTTP {status} injected by fault rule {faultId}"));

    private static byte[] Serialize(TransportError error) =>
        JsonSerializer.SerializeToUtf8Bytes(error, SandboxJsonContext.Relaxed.TransportError);
}
