using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PaySys.Sandbox.Auth;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Rpc;

/// <summary>The gateway's answer: HTTP status, JSON body and how long a slow card makes it wait.</summary>
public readonly record struct GatewayReply(int StatusCode, byte[] Body, TimeSpan Delay, bool DropConnection = false)
{
    /// <summary>The method the request named, as sent (unmasked: whoever writes it out masks it), for the request log.</summary>
    public string? Method { get; init; }

    /// <summary>The tenant that answered, when the request got as far as Auth.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The catalogue error answered, or null for a result (or a transport-level answer).</summary>
    public ErrorDefinition? Error { get; init; }
}

/// <summary>
/// One linear pipeline per request: parse → envelope → method → auth → fault rules → params → handler
/// under the tenant's gate → envelope out → journal. Every failure becomes one catalogue error with a fresh mx_id.
/// The one exception is rpc.discover, answered with the OpenRPC document right after the envelope.
/// </summary>
public sealed partial class Gateway(
    RpcDispatcher dispatcher, AuthVerifier auth, HostedPages pages, SandboxOptions options, TimeProvider realClock, DiscoverAllowance discoverAllowance,
    ILogger<Gateway> logger)
{
    private const int MaxEchoedMethodLength = 64;
    private const int MaxJournalledBodyLength = 8 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = SandboxJsonContext.Relaxed.Options.Encoder };

    private const int MaxRetainedReplyBuffer = 16 * 1024;

    private static readonly byte[] DiscoverLimited = JsonSerializer.SerializeToUtf8Bytes(
        new TransportError($"rpc.discover answers {DiscoverAllowance.Burst} documents at once and then {DiscoverAllowance.PerSecond} a second " +
            "per client: retry in a second, or read the same document from contracts/openrpc.json"),
        SandboxJsonContext.Relaxed.TransportError);


    [ThreadStatic]
    private static ArrayBufferWriter<byte>? replyBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? replyWriter;

    // client: the caller's address, for rpc.discover's allowance (null in memory).
    public async ValueTask<GatewayReply> HandleAsync(byte[] body, string? contentType, IHeaderDictionary headers, string baseUrl, IPAddress? client = null)
    {
        var document = TryParse(body, out var duplicate);
        if (document is null)
        {
            return contentType is null || IsJson(contentType)
                ? Reply(null, new RpcException(Reasons.ParseError, "send a JSON object such as {\"id\":1,\"method\":\"…\",\"params\":{…}}"))
                : new GatewayReply(StatusCodes.Status415UnsupportedMediaType, TransportErrors.UnsupportedMediaType(Shorten(contentType)), TimeSpan.Zero);
        }

        using (document)
        {
            if (duplicate is not null)
            {
                // A proxy or log that reads the first of two equal members would disagree with what was done.
                return Reply(
                    duplicate == "id" ? null : RpcEnvelope.ReadIdRaw(document.RootElement),
                    new RpcException(Reasons.InvalidRequest, $"member '{Shorten(duplicate)}' appears more than once: send each member once"));
            }

            return await HandleAsync(document.RootElement, body, headers, options.PublicUrl ?? baseUrl, client);
        }
    }

    private async ValueTask<GatewayReply> HandleAsync(JsonElement root, byte[] body, IHeaderDictionary headers, string baseUrl, IPAddress? client)
    {
        var idRaw = RpcEnvelope.ReadIdRaw(root);
        Tenant? tenant = null;
        Operation? operation = null;
        string? methodName = null;
        GatewayReply reply;
        try
        {
            var envelope = RpcEnvelope.Read(root, idRaw);
            methodName = envelope.Method;

            // rpc.discover describes the gateway itself (OpenRPC service discovery): it needs no Auth and touches
            // no tenant, so it is answered here, before the method table and the Auth check. Without Auth it is the
            // cheapest way to make the sandbox send 65 KB, hence the allowance per client.
            if (envelope.Method == OpenRpcDocument.DiscoverMethod)
            {
                var discovered = discoverAllowance.TryTake(client)
                    ? DiscoverReply(idRaw)
                    : new GatewayReply(StatusCodes.Status429TooManyRequests, DiscoverLimited, TimeSpan.Zero);
                return discovered with { Method = methodName };
            }

            if (!dispatcher.TryGet(envelope.Method, out var method))
            {
                throw new RpcException(Reasons.MethodNotFound, $"there is no method '{Shorten(envelope.Method)}'");
            }

            tenant = auth.Authenticate(headers.TryGetValue(AuthVerifier.HeaderName, out var header) ? header.ToString() : null);
            // A flag read without the gate, like the fault rules below: a switch made meanwhile applies from the next call.
            if (tenant.State.ServiceBlocked)
            {
                throw new RpcException(Reasons.ServiceBlocked, $"service {tenant.ServiceId} is switched off");
            }

            if (await ApplyFaultAsync(tenant, method.Name, idRaw) is { } faulted)
            {
                reply = faulted;
            }
            else
            {
                var call = method.Bind(new ParamReader(envelope.Params, digitStrings: tenant.State.Rules.NumbersAsDigitStrings));
                RpcResult result;
                (result, operation) = tenant.Run(op =>
                {
                    op.Call = method.Name;
                    return (call(new SandboxContext(tenant, op, headers, pages, baseUrl, options.ReceiptLinkHost, options.ReceiptLinkPathOrNull)), op);
                });
                reply = Reply(idRaw, result: result);
            }
        }
        catch (RpcException error)
        {
            reply = Reply(idRaw, error);
        }
        catch (Refusal refusal)
        {
            reply = Reply(idRaw, RefusalErrors.ToRpc(refusal));
        }
#pragma warning disable CA1031 // A bug must reach the caller as -32400, never as a stack trace.
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, unexpected.GetType().Name, CardMasking.MaskSecrets(unexpected.Message), methodName is null ? "?" : Shorten(methodName));
            reply = Reply(idRaw, new RpcException(Reasons.InternalError, "the sandbox failed unexpectedly; the error is logged"));
        }

        if (tenant is not null)
        {
            tenant.Journal.Add(new JournalEntry(tenant.Clock.GetUtcNow(), methodName ?? "", JournalRequest(body, root), JournalBytes(reply.Body)));
        }

        reply = reply with { Method = methodName, ServiceId = tenant?.ServiceId };
        return operation is { TouchedSlowCard: true }
            ? reply with { Delay = TimeSpan.FromMilliseconds(options.SlowCardDelayMs) }
            : reply;
    }

    /// <summary>
    /// Fires the tenant's first matching fault rule: a delay waits (asynchronously) and lets the call go on;
    /// an error throws the catalogue error; the others replace the answer. Null when no rule fires.
    /// </summary>
    private async ValueTask<GatewayReply?> ApplyFaultAsync(Tenant tenant, string method, string? idRaw)
    {
        // Most tenants have no rule: that is seen without the gate (a rule added meanwhile applies from the next call).
        if (tenant.State.Faults.IsEmpty)
        {
            return null;
        }

        var fault = tenant.Run(_ => tenant.State.Faults.Fire(method, Random.Shared.NextDouble));

        switch (fault)
        {
            case null:
                return null;
            case { Kind: FaultKind.Delay }:
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs ?? 0), realClock);
                return null;
            case { Kind: FaultKind.Error }:
                throw new RpcException(ErrorCatalogue.Embedded.ByCode(fault.Code!.Value), $"injected by fault rule {fault.Id}");
            case { Kind: FaultKind.HttpStatus }:
                return new GatewayReply(fault.HttpStatus!.Value, TransportErrors.Injected(fault.Id, fault.HttpStatus.Value), TimeSpan.Zero);
            case { Kind: FaultKind.Malformed }:
                var truncated = Reply(idRaw, result: null, error: new RpcException(Reasons.InternalError)).Body;
                return new GatewayReply(StatusCodes.Status200OK, truncated[..(truncated.Length / 2)], TimeSpan.Zero);
            default:
                return new GatewayReply(0, Encoding.UTF8.GetBytes($"\"(connection dropped by fault rule {fault.Id})\""), TimeSpan.Zero, DropConnection: true);
        }
    }

    /// <summary>
    /// The parsed body, or null when it is not JSON. JsonDocument checks UTF-8 only when a string is read,
    /// so a body that is not UTF-8 is rejected here rather than failing later (SPEC §1: JSON body, UTF-8).
    /// The same goes for text that only escapes make invalid: an unpaired surrogate such as "\ud800" is no
    /// character at all, and reading it later would fail, so such a body is not JSON text either.
    /// A body whose only fault is a member written twice in one object (names compared decoded, anywhere in the
    /// request) is parsed again, allowing it, and <paramref name="duplicate"/> names the first such member.
    /// </summary>
    private static JsonDocument? TryParse(ReadOnlyMemory<byte> body, out string? duplicate)
    {
        duplicate = null;
        if (!Utf8.IsValid(body.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DuplicateMembers.Refused);
        }
        catch (JsonException)
        {
            // The rare path: was it a duplicated member (then the lenient parse succeeds) or not JSON at all?
            try
            {
                document = JsonDocument.Parse(body, DuplicateMembers.Allowed);
            }
            catch (JsonException)
            {
                return null;
            }

            duplicate = DuplicateMembers.First(document.RootElement);
        }

        if (MayEscapeSurrogates(body.Span) && !HasOnlyValidText(document.RootElement))
        {
            document.Dispose();
            duplicate = null;
            return null;
        }

        return document;
    }

    /// <summary>Whether the body has a \uD800–\uDFFF escape anywhere (only then can a string hold an unpaired surrogate).</summary>
    private static bool MayEscapeSurrogates(ReadOnlySpan<byte> body)
    {
        var rest = body;
        for (var at = rest.IndexOf("\\u"u8); at >= 0; at = rest.IndexOf("\\u"u8))
        {
            if (rest.Length > at + 3 && (rest[at + 2] | 0x20) == 'd' && (rest[at + 3] | 0x20) is (>= '8' and <= '9') or (>= 'a' and <= 'f'))
            {
                return true;
            }

            rest = rest[(at + 2)..];
        }

        return false;
    }

    /// <summary>Reads every string and member name once; false when one of them is not valid UTF-16 text.</summary>
    private static bool HasOnlyValidText(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        _ = member.Name;
                        Walk(member.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }

            return true;
        }
    }

    /// <summary>
    /// rpc.discover's answer, the same bytes <see cref="Reply"/> would write: the document is copied as it was built
    /// (checked then), without a writer re-validating its 65 KB on every call.
    /// </summary>
    private static GatewayReply DiscoverReply(string? idRaw)
    {
        var id = Encoding.UTF8.GetBytes(idRaw ?? "null");
        var mxId = Encoding.UTF8.GetBytes(SandboxIds.NewMxId());
        byte[] body = [.. "{\"id\":"u8, .. id, .. ",\"error\":null,\"result\":"u8, .. OpenRpcDocument.Json.Span, .. ",\"mx_id\":\""u8, .. mxId, .. "\"}"u8];
        return new GatewayReply(StatusCodes.Status200OK, body, TimeSpan.Zero);
    }

    private static GatewayReply Reply(string? idRaw, RpcException? error = null, RpcResult? result = null)
    {
        // Each thread reuses one buffer and writer (Reply never awaits); only the exact-size body is allocated.
        var buffer = replyBuffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = replyWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);

        writer.WriteStartObject();
        if (idRaw is null)
        {
            writer.WriteNull("id");
        }
        else
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(idRaw, skipInputValidation: true);
        }

        if (error is not null)
        {
            writer.WritePropertyName("error");
            writer.WriteStartObject();
            writer.WriteNumber("code", error.Error.Code);
            writer.WriteString("message", CardMasking.MaskSecrets(error.Message));
            if (error.Data is not null)
            {
                writer.WritePropertyName("data");
                error.Data.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteNull("result");
        }
        else
        {
            writer.WriteNull("error");
            writer.WritePropertyName("result");
            result!.WriteTo(writer);
        }

        writer.WriteString("mx_id", SandboxIds.NewMxId());
        writer.WriteEndObject();
        writer.Flush();

        var body = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedReplyBuffer)
        {
            // A big answer does not pin its buffer to the thread.
            replyBuffer = null;
            replyWriter = null;
        }

        return new GatewayReply(StatusCodes.Status200OK, body, TimeSpan.Zero) { Error = error?.Error };
    }

    /// <summary>What the journal keeps of a body: the body itself (not copied) unless it has a card number to mask or is too long.</summary>
    private static byte[] JournalBytes(byte[] json) =>
        json.Length > MaxJournalledBodyLength
            ? JsonSerializer.SerializeToUtf8Bytes($"({json.Length} bytes, not kept)", SandboxJsonContext.Default.String)
            : CardMasking.MaskSecrets(json);

    /// <summary>
    /// What the journal keeps of a request. Masking looks at what the sandbox understood, not at how it was
    /// spelled: a body with \u escapes (which can spell a card number's digits, "\u0038600…") is journaled as
    /// its decoded values, written again without escapes, then masked. The usual body has none and is not copied.
    /// </summary>
    private static byte[] JournalRequest(byte[] body, JsonElement root)
    {
        if (body.Length > MaxJournalledBodyLength || body.AsSpan().IndexOf("\\u"u8) < 0)
        {
            return JournalBytes(body);
        }

        var decoded = new ArrayBufferWriter<byte>(body.Length);
        using (var writer = new Utf8JsonWriter(decoded, WriterOptions))
        {
            WriteDecoded(writer, root);
        }

        return CardMasking.MaskSecrets(decoded.WrittenSpan.ToArray());
    }

    private static void WriteDecoded(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    WriteDecoded(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteDecoded(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Echoed input (a method name, a member name, a content type): masked, then cut to a readable length.</summary>
    private static string Shorten(string text)
    {
        var masked = CardMasking.MaskSecrets(text);
        return masked.Length > MaxEchoedMethodLength ? masked[..MaxEchoedMethodLength] + "…" : masked;
    }

    private static bool IsJson(string contentType) =>
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} in {Method}: {Message}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string message, string method);
}
