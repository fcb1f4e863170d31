using System.Net;
using System.Text.RegularExpressions;

namespace PaySys.Sandbox.Tests.WebConsole;

/// <summary>
/// A person's browser on the console, without the browser: it keeps the session cookie the console sets, reads the
/// anti-forgery token out of the last page and sends forms as a browser would. Redirects are not followed, so a
/// test sees them.
/// </summary>
public sealed partial class ConsoleClient(HttpClient http, string serviceId = "1")
{
    public const string Prefix = "/_sandbox/ui";

    public HttpClient Http { get; } = http;

    /// <summary>The session cookie (name=value), once the console set one.</summary>
    public string? Cookie { get; set; }

    /// <summary>The anti-forgery token of the last page that had a form.</summary>
    public string? AntiForgeryToken { get; private set; }

    public string ServiceId { get; } = serviceId;

    public string Url(string path, string? query = null) =>
        $"{Prefix}{path}?service_id={Uri.EscapeDataString(ServiceId)}{(query is null ? "" : "&" + query)}";

    public async Task<ConsolePage> Get(string path, string? query = null) => await Send(new HttpRequestMessage(HttpMethod.Get, Url(path, query)));

    /// <summary>GETs a page and expects 200 HTML.</summary>
    public async Task<string> Page(string path, string? query = null)
    {
        var page = await Get(path, query);
        page.Status.Should().Be(HttpStatusCode.OK, "GET {0} answered: {1}", path, page.Body);
        page.ContentType.Should().Be("text/html");
        return page.Body;
    }

    /// <summary>POSTs a form with the session's anti-forgery token (unless <paramref name="withToken"/> is false).</summary>
    public async Task<ConsolePage> Post(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && AntiForgeryToken is not null)
        {
            all.Add(new("csrf", AntiForgeryToken));
        }

        return await Send(new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new FormUrlEncodedContent(all) });
    }

    public Task<ConsolePage> Post(string path, params (string Name, string Value)[] fields) =>
        Post(path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Follows a redirect's Location (a console GET).</summary>
    public async Task<string> Follow(ConsolePage redirect)
    {
        redirect.Status.Should().Be(HttpStatusCode.Redirect, "the form answers with a redirect: {0}", redirect.Body);
        var page = await Send(new HttpRequestMessage(HttpMethod.Get, redirect.Location));
        page.Status.Should().Be(HttpStatusCode.OK, page.Body);
        return page.Body;
    }

    public async Task<ConsolePage> Send(HttpRequestMessage request)
    {
        using (request)
        {
            if (Cookie is not null)
            {
                request.Headers.Add("Cookie", Cookie);
            }

            using var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            foreach (var set in setCookies)
            {
                var pair = set.Split(';')[0];
                Cookie = pair.EndsWith('=') ? null : pair;
            }

            if (AntiForgery().Match(body) is { Success: true } token)
            {
                AntiForgeryToken = token.Groups[1].Value;
            }

            return new ConsolePage(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.ToString(), setCookies);
        }
    }

    [GeneratedRegex("name=\"csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex AntiForgery();
}

public sealed record ConsolePage(HttpStatusCode Status, string Body, string? ContentType, string? Location, IReadOnlyList<string> SetCookies);
