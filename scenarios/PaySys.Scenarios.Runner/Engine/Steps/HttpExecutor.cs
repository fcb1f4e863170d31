using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary>
/// <c>http</c>: GETs a page or POSTs a form (the pay page, a receipt), checks its status and text (raw or with
/// HTML entities decoded), and saves regex captures from it.
/// </summary>
public sealed class HttpExecutor : StepExecutor<HttpStep>
{
    private const int ShownBodyLength = 400;

    protected override string Describe(HttpStep step) => $"http {step.Method} {step.Url ?? step.Path}";

    protected override async Task RunAsync(HttpStep step, ScenarioSession session, StepLog log)
    {
        var variables = session.Variables;
        var target = step.Url is { } url ? new Uri(variables.Text(url), UriKind.RelativeOrAbsolute) : new Uri(variables.Text(step.Path!).TrimStart('/'), UriKind.Relative);
        using var request = new HttpRequestMessage(new HttpMethod(step.Method), target);
        var form = step.Form.Select(f => KeyValuePair.Create(f.Key, Interpolator.AsText(variables.Interpolate(f.Value)))).ToList();
        if (step.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        log.Sent($"{step.Method} {target}{(form.Count == 0 ? "" : " form " + string.Join("&", form.Select(f => $"{f.Key}={f.Value}")))}");
        using var response = await session.Http.SendAsync(request, session.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(session.CancellationToken);
        var decoded = WebUtility.HtmlDecode(body);
        var status = (int)response.StatusCode;
        log.Received(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}, {body.Length} characters"));

        var problems = new List<string>();
        if (step.Expect.Status is { } expected ? status != expected : status is < 200 or >= 300)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"status: expected {step.Expect.Status?.ToString(CultureInfo.InvariantCulture) ?? "2xx"}, got {status}"));
        }

        foreach (var text in step.Expect.Contains.Select(variables.Text))
        {
            if (!body.Contains(text, StringComparison.Ordinal) && !decoded.Contains(text, StringComparison.Ordinal))
            {
                problems.Add($"contains: the page has no \"{text}\"");
            }
        }

        foreach (var text in step.Expect.NotContains.Select(variables.Text))
        {
            if (body.Contains(text, StringComparison.Ordinal) || decoded.Contains(text, StringComparison.Ordinal))
            {
                problems.Add($"not_contains: the page has \"{text}\"");
            }
        }

        if (problems.Count > 0)
        {
            throw new StepFailedException(string.Join(Environment.NewLine, problems) + Environment.NewLine + "the page: " + Excerpt(decoded));
        }

        foreach (var (variable, pattern) in step.Save)
        {
            var value = PagePattern.FirstGroup(pattern, decoded)
                ?? throw new StepFailedException($"save.{variable}: /{pattern}/ matches nothing on the page: {Excerpt(decoded)}");
            variables.Set(variable, JsonValue.Create(value));
            log.Note($"{variable} = \"{value}\"");
        }
    }

    private static string Excerpt(string page)
    {
        var text = string.Join(' ', page.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return text.Length <= ShownBodyLength ? text : text[..ShownBodyLength] + "…";
    }
}
