using System.Text.Json.Nodes;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Rpc;

/// <summary>
/// A documented gateway error: thrown by the envelope, Auth and param checks before any state changes, or made from
/// the domain's <see cref="Refusal"/> by <see cref="RefusalErrors"/>; turned into the JSON-RPC error object by the gateway.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(ErrorDefinition error, string? detail = null, JsonObject? data = null)
        : this(error, data, detail is null ? error.Message : $"{error.Message}: {detail}")
    {
    }

    private RpcException(ErrorDefinition error, JsonObject? data, string message)
        : base(message)
    {
        Error = error;
        Data = data;
    }

    public ErrorDefinition Error { get; }

    public new JsonObject? Data { get; }

    /// <summary>An error whose message is already complete (the catalogue message and the detail).</summary>
    public static RpcException WithMessage(ErrorDefinition error, string message, JsonObject? data) => new(error, data, message);

    public static RpcException ForParam(ErrorDefinition error, string param, string detail) =>
        new(error, detail, new JsonObject { ["param"] = param });

    public static RpcException InvalidParam(string param, string detail) =>
        ForParam(Reasons.MissingParameters, param, detail);
}
