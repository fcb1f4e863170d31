using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// The outermost rule of every route: no request, however it is framed on the wire, gets a stack trace or an
/// unexplained failure. A body that cannot be read as it was announced (shorter than its Content-Length, a broken
/// chunk, a chunk size of 2³¹ or more, over Kestrel's limit) is answered with Kestrel's own status (400, 408, 413),
/// or 400 when Kestrel gave none, a JSON body saying so and <c>Connection: close</c> (the rest of such a connection
/// cannot be read), and is logged at Debug only: it is the client's fault, and a flood of them must not flood the
/// log. A client that went away is simply let go; anything else unexpected is logged (card numbers masked) and
/// answered 500 with a JSON body and no details, in every environment.
/// </summary>
public static partial class TransportGuard
{
    public static WebApplication UseTransportGuard(this WebApplication app)
    {
        app.Use(GuardAsync);
        return app;
    }

    private static async Task GuardAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException unreadable) when (!http.Response.HasStarted)
        {
            await RefuseFramingAsync(http, unreadable.StatusCode, unreadable);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client closed the connection: there is nobody to answer.
        }
        catch (IOException unreadable) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some framing faults (a chunk size that overflows) as a bare IOException.
            await RefuseFramingAsync(http, StatusCodes.Status400BadRequest, unreadable);
        }
#pragma warning disable CA1031 // The promise is "never a stack trace": whatever escaped a route is logged and answered plainly.
        catch (Exception unexpected) when (!http.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnexpected(Logger(http), unexpected.GetType().Name, CardMasking.MaskSecrets(unexpected.Message), http.Request.Path);
            await AnswerAsync(http, StatusCodes.Status500InternalServerError, TransportErrors.Unexpected());
        }
    }

    private static Task RefuseFramingAsync(HttpContext http, int status, IOException unreadable)
    {
        var logger = Logger(http);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var kind = unreadable.GetType().Name;
            var reason = CardMasking.MaskSecrets(unreadable.Message);
            LogUnreadable(logger, status, kind, reason, http.Request.Path);
        }

        http.Response.Headers.Connection = "close";
        return AnswerAsync(http, status, TransportErrors.Unreadable(status, CardMasking.MaskSecrets(unreadable.Message)));
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransportGuard).FullName!);

    private static async Task AnswerAsync(HttpContext http, int status, byte[] body)
    {
        var connection = http.Response.Headers.Connection;
        http.Response.Clear();
        http.Response.Headers.Connection = connection;
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unreadable request body ({Status}, {ExceptionType}) on {Path}: {Message}")]
    private static partial void LogUnreadable(ILogger logger, int status, string exceptionType, string message, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} on {Path}: {Message}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string message, PathString path);
}
