using System.Globalization;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// The opt-in request log (<c>--verbose</c>, PAYSYS_LOG_REQUESTS=true): one line per request, at Information, in
/// category <see cref="Category"/>, for people used to WireMock's request log:
/// <code>
/// POST /gateway 200 3 ms method=paysys.payment tenant=1 outcome=error error=insufficient_funds code=-32309
/// GET /_sandbox/health 200 0 ms
/// </code>
/// Only the path is written, never the query or a body; the path and the method name are masked
/// (<see cref="CardMasking.MaskSecrets(string)"/>) before the masked logger masks the whole line again. Off, it
/// costs nothing: the middleware is not added.
/// </summary>
public static partial class RequestLog
{
    public const string Category = "PaySys.Sandbox.RequestLog";

    private const int MaxLoggedLength = 64;

    /// <summary>Whatever the level of the other logs (Warning unless configured), this category writes at Information.</summary>
    public static IServiceCollection AddRequestLogLevel(this IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(filters =>
            filters.Rules.Add(new LoggerFilterRule(providerName: null, Category, LogLevel.Information, filter: null)));

    public static WebApplication UseRequestLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (http, next) =>
        {
            var started = clock.GetTimestamp();
            var call = new GatewayCall();
            http.Features.Set(call);
            try
            {
                await next(http);
            }
            finally
            {
                Write(logger, http, call, clock.GetElapsedTime(started));
            }
        });
        return app;
    }

    private static void Write(ILogger logger, HttpContext http, GatewayCall call, TimeSpan elapsed)
    {
        var line = $"{http.Request.Method} {Shorten(http.Request.Path.Value ?? "/")} {http.Response.StatusCode.ToString(CultureInfo.InvariantCulture)} " +
            $"{((long)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms{Describe(call)}";
        LogRequest(logger, line);
    }

    private static string Describe(GatewayCall call)
    {
        if (call.Method is null && call.ServiceId is null && call.Error is null)
        {
            return "";
        }

        var text = $" method={Shorten(call.Method ?? "?")}";
        if (call.ServiceId is not null)
        {
            text += $" tenant={Shorten(call.ServiceId)}";
        }

        return call.Error is { } error
            ? text + $" outcome=error error={error.Name} code={error.Code.ToString(CultureInfo.InvariantCulture)}"
            : text + " outcome=ok";
    }

    private static string Shorten(string text)
    {
        var masked = CardMasking.MaskSecrets(text);
        return masked.Length > MaxLoggedLength ? masked[..MaxLoggedLength] + "…" : masked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request}")]
    private static partial void LogRequest(ILogger logger, string request);

    /// <summary>What the gateway says about the call it answered (set only while the request log is on).</summary>
    public sealed class GatewayCall
    {
        public string? Method { get; set; }

        public string? ServiceId { get; set; }

        public ErrorDefinition? Error { get; set; }
    }
}
