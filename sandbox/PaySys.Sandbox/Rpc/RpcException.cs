using System.Text.Json.Nodes;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Rpc;

/// <summary>
/// A documented gateway error. Thrown by validation and by the domain before any state changes,
/// and turned into the JSON-RPC error object by the gateway.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(ErrorDefinition error, string? detail = null, JsonObject? data = null)
        : base(detail is null ? error.Message : $"{error.Message}: {detail}")
    {
        Error = error;
        Data = data;
    }

    public ErrorDefinition Error { get; }

    public new JsonObject? Data { get; }

    public static RpcException ForParam(ErrorDefinition error, string param, string detail) =>
        new(error, detail, new JsonObject { ["param"] = param });

    public static RpcException InvalidParam(string param, string detail) =>
        ForParam(RpcErrors.MissingParameters, param, detail);
}
