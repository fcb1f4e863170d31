using System.Globalization;
using System.Text;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The tenant's request journal decoded: newest first, filterable by method, error code and HTTP status, each refusal
/// with its catalogue name and its reason in words, the bodies one click away (card numbers masked).
/// </summary>
public static class JournalPage
{
    private const int PageSize = 50;

    public static IResult Show(ConsoleRequest console)
    {
        var tenant = console.Tenant;
        var method = console.Query("method");
        var code = console.Query("code");
        var status = console.Query("status");
        var cards = tenant.Run(_ => tenant.State.Cards.Accounts
            .GroupBy(a => a.MaskedPan, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => CardBehaviours.Name(g.First().Behaviour), StringComparer.Ordinal));
        // The journal has its own lock: it is read without the tenant's step, as GET /_sandbox/journal does.
        var entries = tenant.Journal.Snapshot();
        var pageNumber = int.TryParse(console.Query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given < 100_000 ? given : 0;
        var calls = new List<DecodedCall>();
        var matching = 0;
        // Only an outcome or status filter needs every answer read; otherwise only the page's calls are decoded, so the
        // page costs the same with a full journal as with an empty one.
        var decodeAll = code.Length > 0 || status.Length > 0;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (method.Length > 0 && entries[i].Method != method)
            {
                continue;
            }

            var onPage = matching >= pageNumber * PageSize && calls.Count < PageSize;
            if (!decodeAll)
            {
                if (onPage)
                {
                    calls.Add(JournalDecoding.Decode(entries[i], cards));
                }

                matching++;
                continue;
            }

            var call = JournalDecoding.Decode(entries[i], cards);
            if (Matches(call, code, status))
            {
                if (onPage)
                {
                    calls.Add(call);
                }

                matching++;
            }
        }

        var methods = MethodCatalogue.Names.Concat(entries.Select(e => e.Method)).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal);
        var codes = ErrorCatalogue.Embedded.All.Select(e => (e.Code.ToString(CultureInfo.InvariantCulture), $"{e.Code} {e.Name}"));
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Journal</h1>
            <form method="get" action="{ConsoleEndpoints.Prefix}/journal" aria-label="Filter the journal">
            <input type="hidden" name="service_id" value="{ConsoleLayout.Encode(console.ServiceId)}">
            <div class="row">
            <div><label for="method">Method</label><select id="method" name="method"><option value="">any</option>{string.Concat(methods.Select(m => ConsoleLayout.Option(m, m, method)))}</select></div>
            <div><label for="code">Outcome</label><select id="code" name="code"><option value="">any</option>{ConsoleLayout.Option("ok", "success", code)}{ConsoleLayout.Option("error", "any error", code)}{string.Concat(codes.Select(c => ConsoleLayout.Option(c.Item1, c.Item2, code)))}</select></div>
            <div><label for="status">HTTP status</label><input id="status" name="status" inputmode="numeric" size="5" maxlength="3" value="{ConsoleLayout.Encode(status)}" placeholder="200"></div>
            <div><button type="submit">Filter</button></div>
            </div>
            </form>
            <p class="muted" data-testid="count">{matching} of {entries.Count} call(s) match, newest first, {PageSize} a page. The journal keeps the last {tenant.Journal.MaxEntries} (at most {tenant.Journal.MaxBytes / 1024} KB).</p>
            """);
        if (calls.Count == 0)
        {
            body.Append("""<p class="muted">No call matches.</p>""");
        }

        foreach (var call in calls)
        {
            var outcome = call.ErrorCode is { } errorCode
                ? $"""<span class="badge bad">{errorCode} {ConsoleLayout.Encode(call.ErrorName ?? "unknown code")}</span>"""
                : call.Why is null ? """<span class="badge good">ok</span>""" : """<span class="badge bad">fault</span>""";
            var why = call.Why is null ? "" : $"""<p data-testid="why"><strong>Why:</strong> {ConsoleLayout.Encode(call.Why)}</p>""";
            var message = call.Message is null ? "" : $"""<p class="muted">{ConsoleLayout.Encode(call.Message)}</p>""";
            body.Append(CultureInfo.InvariantCulture, $"""
                <article data-testid="call" style="border-top:1px solid #e2e8f0;padding:.6rem 0">
                <div class="row" style="align-items:center"><strong><code>{ConsoleLayout.Encode(call.Method.Length == 0 ? "(no method)" : call.Method)}</code></strong>
                {outcome}<span class="badge">HTTP {(call.HttpStatus is { } http ? http.ToString(CultureInfo.InvariantCulture) : "none (dropped)")}</span>
                <span class="muted">{ConsoleLayout.Date(call.At)}</span></div>
                {why}{message}
                <details><summary>Request and response</summary><pre>{ConsoleLayout.Encode(call.Request)}</pre><pre>{ConsoleLayout.Encode(call.Response)}</pre></details>
                </article>
                """);
        }

        var pages = Math.Max(1, (matching + PageSize - 1) / PageSize);
        if (pages > 1)
        {
            string Link(int page) => ConsoleLayout.Encode(console.Link("/journal", ("method", method), ("code", code), ("status", status),
                ("page", page == 0 ? null : page.ToString(CultureInfo.InvariantCulture))));
            var newer = pageNumber > 0 ? $"""<a rel="prev" href="{Link(pageNumber - 1)}">← Newer</a>""" : "";
            var older = pageNumber + 1 < pages ? $"""<a rel="next" href="{Link(pageNumber + 1)}">Older →</a>""" : "";
            body.Append(CultureInfo.InvariantCulture, $"""<div class="pager">{newer}<span>page {pageNumber + 1} of {pages}</span>{older}</div>""");
        }

        return ConsoleLayout.Page(console, "/journal", "Journal", body.ToString());
    }

    private static bool Matches(DecodedCall call, string code, string status) =>
        (code.Length == 0
            || (code == "ok" && call.ErrorCode is null && call.Why is null)
            || (code == "error" && (call.ErrorCode is not null || call.Why is not null))
            || (int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wanted) && call.ErrorCode == wanted))
        && (status.Length == 0 || (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var http) && call.HttpStatus == http));
}
