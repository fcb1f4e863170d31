using System.Globalization;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// Merchant callbacks (Web-kassa): the default merchant's URLs and secret as the vendor's cabinet would hold them
/// (PAYSYS_CALLBACKS__PAY_URL, …__NOTIFY_URL, …__CANCEL_URL, …__INFO_URL, …__STATEMENT_URL, …__SECRET), and how every
/// tenant retries them (PAYSYS_CALLBACKS__RETRY_SECONDS, …__TIMEOUT_MS, …__QUEUE_SIZE).
/// </summary>
public sealed class CallbackOptions
{
    public const int MaxUrlLength = 2048;
    public const int MaxSecretLength = 256;

    public string? InfoUrl { get; set; }

    public string? PayUrl { get; set; }

    public string? NotifyUrl { get; set; }

    public string? CancelUrl { get; set; }

    public string? StatementUrl { get; set; }

    /// <summary>What SIGN_STRING is signed with; unset: the merchant's secret key.</summary>
    public string? Secret { get; set; }

    /// <summary>The wait before each attempt in seconds of the virtual clock, comma-separated; then it gives up.</summary>
    public string RetrySeconds { get; set; } = "0,60,300,1800,7200";

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public int TimeoutMs { get; set; } = 5000;

    /// <summary>Deliveries kept per tenant, pending and finished.</summary>
    public int QueueSize { get; set; } = CallbackPolicy.DefaultQueueSize;

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(Math.Clamp(TimeoutMs, 1, 600_000));

    /// <summary>The default merchant's callback settings, or null when none is set.</summary>
    public CallbackEndpoints? ToEndpoints()
    {
        var endpoints = new CallbackEndpoints(Blank(InfoUrl), Blank(PayUrl), Blank(NotifyUrl), Blank(CancelUrl), Blank(StatementUrl), Blank(Secret));
        foreach (var url in new[] { endpoints.InfoUrl, endpoints.PayUrl, endpoints.NotifyUrl, endpoints.CancelUrl, endpoints.StatementUrl })
        {
            if (UrlProblem(url) is { } problem)
            {
                throw new InvalidOperationException($"PAYSYS_CALLBACKS__*_URL: {problem}");
            }
        }

        return endpoints == CallbackEndpoints.None ? null : endpoints;
    }

    public CallbackPolicy ToPolicy() => new(Schedule(RetrySeconds), Math.Max(1, QueueSize), new CallbackDoorbell());

    /// <summary>Why <paramref name="url"/> cannot receive callbacks, or null when it can (or is unset).</summary>
    public static string? UrlProblem(string? url) =>
        url is null
        || (url.Length <= MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            ? null
            : $"a callback URL must be an absolute http or https URL of at most {MaxUrlLength} characters";

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<TimeSpan> Schedule(string text)
    {
        var schedule = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 31_536_000)
            {
                throw new InvalidOperationException(
                    $"PAYSYS_CALLBACKS__RETRY_SECONDS must be seconds of the virtual clock, comma-separated (e.g. 0,60,300), each at most a year; got {text}");
            }

            schedule.Add(TimeSpan.FromSeconds(seconds));
        }

        return schedule.Count is > 0 and <= 50
            ? schedule
            : throw new InvalidOperationException($"PAYSYS_CALLBACKS__RETRY_SECONDS needs 1 to 50 attempts; got {text}");
    }
}
