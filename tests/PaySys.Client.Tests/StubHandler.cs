using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PaySys.Client.Tests;

/// <summary>An in-memory gateway: records every request (headers and JSON body) and answers with a canned body.</summary>
public sealed class StubHandler(Func<JsonObject, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<Recorded> Requests { get; } = [];

    /// <summary>Answers every call with HTTP 200 and <paramref name="body"/>.</summary>
    public static StubHandler Answering(string body) => new(_ => Json(body));

    /// <summary>Answers every call with <c>{"id","error":null,"result":…,"mx_id"}</c>.</summary>
    public static StubHandler WithResult(string resultJson) =>
        Answering($$"""{"id":"1","error":null,"result":{{resultJson}},"mx_id":"0123456789abcdef0123456789abcdef"}""");

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public PaySysClient CreateClient(PaySysClientOptions? options = null) =>
        new(new HttpClient(this) { BaseAddress = new Uri("http://gateway.test/") }, options ?? new PaySysClientOptions
        {
            ServiceId = "1",
            SecretKey = "sandbox-secret",
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
        var body = JsonNode.Parse(text)!.AsObject();
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new Recorded(request.Method, request.RequestUri!, headers, body));
        return respond(body);
    }
}

public sealed record Recorded(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, JsonObject Body);
