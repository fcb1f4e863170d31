using System.Buffers;
using PaySys.Sandbox.Rpc;

namespace PaySys.Sandbox.Hosting;

public static class GatewayEndpoints
{
    public const string Path = "/gateway";

    /// <summary>POST /gateway (and /gateway/): the PaySys JSON-RPC endpoint. Other verbs get a JSON 405 that says how to call it.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        // Singletons, looked up once rather than on every call.
        var gateway = app.Services.GetRequiredService<Gateway>();
        var limit = app.Services.GetRequiredService<SandboxOptions>().MaxBodyBytes;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.MapPost(Path, (HttpContext http) => HandleAsync(http, gateway, limit, clock))
            .WithName("Gateway").WithSummary("PaySys JSON-RPC gateway");
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], NotPost)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext http, Gateway gateway, int limit, TimeProvider clock)
    {
        var body = await ReadBodyAsync(http.Request, limit, http.RequestAborted);
        if (body is null)
        {
            // The rest of the body is not read, so Kestrel may close the connection after this answer: say so,
            // or a keep-alive client sends its next request into a closed socket.
            http.Response.Headers.Connection = "close";
            await WriteAsync(http, StatusCodes.Status413PayloadTooLarge, TransportErrors.BodyTooLarge(limit));
            return;
        }

        var reply = await gateway.HandleAsync(
            body, http.Request.ContentType, http.Request.Headers, $"{http.Request.Scheme}://{http.Request.Host}", http.Connection.RemoteIpAddress);
        if (http.Features.Get<RequestLog.GatewayCall>() is { } call)
        {
            (call.Method, call.ServiceId, call.Error) = (reply.Method, reply.ServiceId, reply.Error);
        }

        if (reply.DropConnection)
        {
            http.Abort();
            return;
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, clock, http.RequestAborted);
        }

        await WriteAsync(http, reply.StatusCode, reply.Body);
    }

    private static Task NotPost(HttpContext http)
    {
        http.Response.Headers.Allow = HttpMethods.Post;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // HTTP: a HEAD answer has the headers of the GET answer and no body.
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        return WriteAsync(http, StatusCodes.Status405MethodNotAllowed, TransportErrors.NotPost());
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (checked before anything else).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellation);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static Task WriteAsync(HttpContext http, int statusCode, byte[] body)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, 0, body.Length, http.RequestAborted);
    }
}
