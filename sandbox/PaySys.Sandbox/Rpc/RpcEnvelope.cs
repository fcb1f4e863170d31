using System.Text.Json;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Rpc;

/// <summary>The JSON-RPC envelope of SPEC §1: id (string, number or null, echoed as sent), method, named params.</summary>
public readonly record struct RpcEnvelope(string? IdRaw, string Method, JsonElement Params)
{
    public static string? ReadIdRaw(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object &&
        root.TryGetProperty("id", out var id) &&
        id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.GetRawText()
            : null;

    /// <summary>The envelope of <paramref name="root"/>, whose id <see cref="ReadIdRaw"/> has already read.</summary>
    public static RpcEnvelope Read(JsonElement root, string? idRaw)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            throw new RpcException(Reasons.InvalidRequest, "batch requests are not supported: send one request object per call");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RpcException(Reasons.InvalidRequest, "the request must be a JSON object with method and params");
        }

        if (root.TryGetProperty("id", out var id) &&
            id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            throw new RpcException(Reasons.InvalidRequest, "id must be a string, a number or null");
        }

        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            throw new RpcException(Reasons.InvalidRequest, "method must be a string naming the method to call");
        }

        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw new RpcException(Reasons.InvalidRequest, "params must be an object of named parameters");
        }

        return new RpcEnvelope(idRaw, method.GetString()!, parameters);
    }
}
