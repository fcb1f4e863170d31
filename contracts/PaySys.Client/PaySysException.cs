using System.Text.Json;

namespace PaySys.Client;

/// <summary>
/// A JSON-RPC error answered by the gateway: <c>{"code", "message", "data"?}</c> plus the response's
/// <c>mx_id</c>, which PaySys support asks for. Codes are named in <see cref="PaySysErrorCodes"/>.
/// Transport failures (HTTP status, unreadable body) are <see cref="HttpRequestException"/>s instead.
/// </summary>
public sealed class PaySysException : Exception
{
    public PaySysException()
    {
    }

    public PaySysException(string message)
        : base(message)
    {
    }

    public PaySysException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PaySysException(int code, string message, JsonElement? data = null, string? mxId = null, string? method = null)
        : base(message)
    {
        Code = code;
        Data = data;
        MxId = mxId;
        Method = method;
    }

    /// <summary>error.code, e.g. <see cref="PaySysErrorCodes.WrongCode"/> (-32308).</summary>
    public int Code { get; }

    /// <summary>error.data as sent, or null when the error had none (the sandbox names the bad param in data.param).</summary>
    public new JsonElement? Data { get; }

    /// <summary>The response's request tracker (mx_id), when the gateway sent one.</summary>
    public string? MxId { get; }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string? Method { get; }

    /// <summary>error.data.param when it is a string: the parameter the gateway rejected.</summary>
    public string? Param =>
        Data is { ValueKind: JsonValueKind.Object } data &&
        data.TryGetProperty("param", out var param) &&
        param.ValueKind == JsonValueKind.String
            ? param.GetString()
            : null;

    public override string ToString() => $"{GetType().FullName}: {Method} failed with {Code} {Message} (mx_id {MxId}){Environment.NewLine}{StackTrace}";
}
