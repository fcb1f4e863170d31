using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PaySys.Sandbox.Rpc;

/// <summary>
/// A method's result, written without reflection: a typed value with its source-generated type info, or
/// JSON that is already UTF-8 (the OpenRPC document of rpc.discover), copied as it is.
/// </summary>
public sealed class RpcResult
{
    private readonly object? value;
    private readonly JsonTypeInfo? typeInfo;
    private readonly ReadOnlyMemory<byte> rawJson;

    public RpcResult(object value, JsonTypeInfo typeInfo)
    {
        this.value = value;
        this.typeInfo = typeInfo;
    }

    private RpcResult(ReadOnlyMemory<byte> rawJson) => this.rawJson = rawJson;

    /// <summary>A result that is one JSON value in UTF-8; the writer checks it as it copies it.</summary>
    public static RpcResult Raw(ReadOnlyMemory<byte> json) => new(json);

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (typeInfo is null)
        {
            writer.WriteRawValue(rawJson.Span);
        }
        else
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
    }
}

/// <summary>
/// One gateway method: how to read its params (outside the tenant's gate) and how to handle them
/// (inside it). Built by each file under Rpc/Methods.
/// </summary>
public sealed class RpcMethod
{
    private readonly Func<ParamReader, Func<SandboxContext, RpcResult>> bind;

    private RpcMethod(string name, Func<ParamReader, Func<SandboxContext, RpcResult>> bind)
    {
        Name = name;
        this.bind = bind;
    }

    public string Name { get; }

    /// <summary>Validates the params and returns the call to run under the tenant's gate.</summary>
    public Func<SandboxContext, RpcResult> Bind(ParamReader parameters) => bind(parameters);

    public static RpcMethod Create<TParams, TResult>(
        string name,
        Func<ParamReader, TParams> read,
        Func<TParams, SandboxContext, TResult> handle,
        JsonTypeInfo<TResult> resultType)
        where TResult : notnull =>
        new(name, reader =>
        {
            var parameters = read(reader);
            return context => new RpcResult(handle(parameters, context), resultType);
        });
}
