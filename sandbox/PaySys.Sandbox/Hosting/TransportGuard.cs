using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// The outermost rule of every route: no request, however it is framed on the wire, gets a stack trace or an
/// unexplained failure. A body that cannot be read as it was announced (shorter than its Content-Length, a broken
/// chunk, over Kestrel's limit) is answered with Kestrel's own status (400, 408, 413) and a JSON body saying so; a
/// client that went away is simply let go; anything else unexpected is logged (card numbers masked) and answered
/// 500 with a JSON body and no details, in every environment.
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
            await AnswerAsync(http, unreadable.StatusCode, TransportErrors.Unreadable(unreadable.StatusCode, unreadable.Message));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client closed the connection: there is nobody to answer.
        }
#pragma warning disable CA1031 // The promise is "never a stack trace": whatever escaped a route is logged and answered plainly.
        catch (Exception unexpected) when (!http.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnexpected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransportGuard).FullName!),
                unexpected.GetType().Name, CardMasking.MaskSecrets(unexpected.Message), http.Request.Path);
            await AnswerAsync(http, StatusCodes.Status500InternalServerError, TransportErrors.Unexpected());
        }
    }

    private static async Task AnswerAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} on {Path}: {Message}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string message, PathString path);
}
