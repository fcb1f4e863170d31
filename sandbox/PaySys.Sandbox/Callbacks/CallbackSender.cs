using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Callbacks;

/// <summary>
/// Posts one callback as JSON to exactly its URL and reads the merchant's answer: no redirects followed, no cookies,
/// a timeout on the real clock, at most 64 KB of answer read. Never throws for what the merchant does.
/// </summary>
public sealed class CallbackSender(TimeProvider realClock, TimeSpan timeout) : IDisposable
{
    private const int MaxAnswerBytes = 64 * 1024;

    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>The body the merchant receives: the fields in order, numbers as JSON numbers.</summary>
    public static byte[] Body(CallbackMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Writing))
        {
            json.WriteStartObject();
            foreach (var field in message.Fields)
            {
                json.WritePropertyName(field.Name);
                if (field.IsNumber)
                {
                    json.WriteRawValue(field.Text);
                }
                else
                {
                    json.WriteStringValue(field.Text);
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Sends <paramref name="message"/>; answers the body that was sent and what came back.</summary>
    public async Task<(string Request, CallbackAnswer Answer)> SendAsync(CallbackMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        var request = Encoding.UTF8.GetString(body);
        var started = realClock.GetTimestamp();
        long Latency() => (long)realClock.GetElapsedTime(started).TotalMilliseconds;

        using var timeoutSource = new CancellationTokenSource(Timeout, realClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(message.Url, UriKind.Absolute)) { Content = content };
            using var response = await http.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var (text, cut) = await ReadCapped(response.Content, linked.Token);
            if (status is >= 300 and < 400)
            {
                var location = response.Headers.Location?.ToString() ?? "nowhere";
                return (request, new CallbackAnswer(status, text, null, null, null, $"HTTP {status} redirect to {location} not followed", Latency()));
            }

            if (cut)
            {
                return (request, new CallbackAnswer(status, text, null, null, null, $"the answer is larger than {MaxAnswerBytes} bytes", Latency()));
            }

            var (error, note, vendorTransId) = Read(text);
            return (request, new CallbackAnswer(status, text, error, note, vendorTransId, null, Latency()));
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (request, Failure($"no answer within {Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms", Latency()));
        }
        catch (OperationCanceledException)
        {
            return (request, Failure("the sandbox stopped before the merchant answered", Latency()));
        }
        catch (HttpRequestException unreachable)
        {
            var why = unreachable.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection refused or host unreachable",
                HttpRequestError.NameResolutionError => "the host name does not resolve",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                _ => $"the HTTP exchange failed ({unreachable.HttpRequestError})",
            };
            return (request, Failure(why, Latency()));
        }
        catch (IOException)
        {
            return (request, Failure("the connection broke", Latency()));
        }
    }

    public void Dispose() => http.Dispose();

    private static CallbackAnswer Failure(string why, long latency) => new(null, null, null, null, null, why, latency);

    private static async Task<(string Text, bool Cut)> ReadCapped(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes + 1];
        var read = 0;
        int got;
        while (read < buffer.Length && (got = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += got;
        }

        var cut = read > MaxAnswerBytes;
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(read, MaxAnswerBytes)), cut);
    }

    /// <summary>ERROR (a number, or a string of one), ERROR_NOTE and VENDOR_TRANS_ID (string or number) from a JSON object.</summary>
    private static (int? Error, string? Note, string? VendorTransId) Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var root = document.RootElement;
            int? error = null;
            if (root.TryGetProperty("ERROR", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var number))
            {
                error = number;
            }
            else if (e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                error = parsed;
            }

            var note = root.TryGetProperty("ERROR_NOTE", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var vendorTransId = root.TryGetProperty("VENDOR_TRANS_ID", out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            } : null;
            return (error, note, vendorTransId);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }
}
