using System.Globalization;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Pages;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The console's frame: the pay and receipt pages' look (<see cref="PageLayout"/>) widened for tables, a navigation
/// bar, the tenant picker and the tenant's clock on every page. Server-rendered; the only script is the SMS inbox's
/// polling and its copy buttons.
/// </summary>
public static class ConsoleLayout
{
    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f3f5f8;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2330}
        header{background:#1b2330;color:#fff;padding:.6rem 1rem}
        header .bar{max-width:80rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
        header strong{font-size:1.05rem} header a{color:#cbd5e1}
        header form{display:flex;gap:.4rem;align-items:center;margin:0}
        header select,header button{padding:.3rem .5rem;font-size:.9rem;border-radius:6px;border:0;margin:0}
        header .clock{font-variant-numeric:tabular-nums;color:#e2e8f0;font-size:.9rem}
        nav{max-width:80rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.25rem;padding:.5rem 1rem 0}
        nav a{padding:.4rem .75rem;border-radius:8px;color:#1b2330;text-decoration:none}
        nav a[aria-current=page]{background:#1d4ed8;color:#fff}
        nav a:focus-visible,a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        main{max-width:80rem;margin:1rem auto 2rem;background:#fff;border-radius:12px;box-shadow:0 2px 14px #0001;padding:1.25rem 1.5rem}
        h1{font-size:1.3rem;margin:0 0 .5rem} h2{font-size:1.05rem;margin:1.5rem 0 .5rem} .muted{color:#64748b;font-size:.9rem}
        .amount{font-size:1.6rem;font-weight:700;margin:.5rem 0}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:1rem 0} dt{color:#64748b} dd{margin:0;font-variant-numeric:tabular-nums}
        label{display:block;margin:.5rem 0 .2rem;font-weight:600;font-size:.9rem}
        input,select{padding:.45rem .6rem;border:1px solid #cbd5e1;border-radius:8px;font-size:.95rem;max-width:100%}
        button{padding:.5rem .9rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font-size:.95rem;cursor:pointer}
        button.secondary{background:#e2e8f0;color:#1b2330} button.danger{background:#b91c1c}
        .row{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end}
        .row > div{display:flex;flex-direction:column}
        .error{background:#fee2e2;color:#991b1b;border-radius:8px;padding:.6rem .8rem;margin:1rem 0}
        .ok{background:#dcfce7;color:#166534;border-radius:8px;padding:.6rem .8rem;margin:1rem 0}
        .scroll{overflow-x:auto} .ref{word-break:break-all;min-width:6rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{text-align:left;padding:.4rem .55rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
        th{color:#64748b;font-weight:600;white-space:nowrap} td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .code{font:700 1.35rem/1 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.12em}
        pre{background:#f8fafc;border:1px solid #e2e8f0;border-radius:8px;padding:.6rem;overflow-x:auto;font-size:.82rem;margin:.3rem 0}
        .badge{display:inline-block;padding:.05rem .45rem;border-radius:999px;font-size:.8rem;background:#e2e8f0}
        .badge.bad{background:#fee2e2;color:#991b1b} .badge.good{background:#dcfce7;color:#166534} .badge.wait{background:#fef9c3;color:#854d0e}
        .pager{display:flex;gap:1rem;align-items:center;margin-top:.75rem}
        footer{text-align:center;color:#94a3b8;font-size:.8rem;margin-bottom:2rem}
        @media (max-width:40rem){main{margin:.5rem;padding:1rem} th,td{padding:.35rem .3rem} .hide-narrow{display:none}}
        """;

    /// <summary>The SMS inbox's one script: poll one cheap fragment, swap it in when it changed; copy a code.</summary>
    private const string Script = """
        (() => {
          const inbox = document.querySelector('[data-poll]');
          if (inbox) {
            let last = inbox.innerHTML;
            const poll = async () => {
              try {
                const answer = await fetch(inbox.dataset.poll, { credentials: 'same-origin', cache: 'no-store' });
                if (answer.ok) {
                  const html = await answer.text();
                  if (html !== last) { inbox.innerHTML = html; last = html; }
                }
              } catch { /* the sandbox restarted or the network blinked: the next poll tries again */ }
              setTimeout(poll, 1000);
            };
            setTimeout(poll, 1000);
          }
          document.addEventListener('click', async e => {
            const button = e.target.closest('[data-copy]');
            if (!button) return;
            try { await navigator.clipboard.writeText(button.dataset.copy); button.textContent = 'Copied'; }
            catch { button.textContent = button.dataset.copy; }
          });
        })();
        """;

    private static readonly (string Path, string Name)[] Sections =
    [
        ("", "Clock"),
        ("/sms", "SMS inbox"),
        ("/cards", "Cards"),
        ("/transactions", "Transactions"),
        ("/invoices", "Invoices"),
        ("/payouts", "Payouts"),
        ("/journal", "Journal"),
        ("/faults", "Faults & switches"),
        ("/callbacks", "Callbacks"),
        ("/reset", "Reset"),
    ];

    /// <summary>A console page: <paramref name="section"/> is the path of its navigation entry.</summary>
    public static IResult Page(ConsoleRequest console, string section, string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var clock = console.Tenant.Clock;
        var options = string.Concat(console.KnownServices().Select(id =>
            $"""<option value="{Encode(id)}"{(id == console.ServiceId ? " selected" : "")}>service {Encode(id)}</option>"""));
        var nav = string.Concat(Sections.Select(s =>
            $"""<a href="{Encode(console.Link(s.Path))}"{(s.Path == section ? " aria-current=\"page\"" : "")}>{s.Name}</a>"""));
        var logout = console.SignedIn
            ? $"""<form method="post" action="{Encode(console.Link("/logout"))}">{console.FormGuard()}<button class="secondary" type="submit">Log out</button></form>"""
            : "";
        var header = $"""
            <header><div class="bar">
            <strong>PaySys Sandbox console</strong>
            <form method="get" action="{ConsoleEndpoints.Prefix}{section}">
            <label for="tenant" style="margin:0;font-weight:400">Tenant</label>
            <select id="tenant" name="service_id">{options}</select>
            <button type="submit">Show</button>
            </form>
            <span class="clock" data-testid="clock">Virtual clock: {Date(clock.GetUtcNow())} · offset {Duration(clock.Offset)}</span>
            {logout}
            </div></header>
            <nav aria-label="Console sections">{nav}</nav>
            """;
        return Html(Frame($"{title} · service {console.ServiceId}", header, body), statusCode);
    }

    /// <summary>A page outside a tenant (login, a request the console cannot serve).</summary>
    public static IResult Problem(int statusCode, string title, string message) =>
        Html(Frame(title, "<header><div class=\"bar\"><strong>PaySys Sandbox console</strong></div></header>",
            $"<h1>{Encode(title)}</h1><p class=\"error\" role=\"alert\">{Encode(message)}</p><p><a href=\"{ConsoleEndpoints.Prefix}\">Back to the console</a></p>"), statusCode);

    public static string Frame(string title, string header, string body) =>
        $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="same-origin">
        <title>{Encode(title)}</title>
        <style>{Css}</style>
        </head>
        <body>
        {header}
        <main>
        {body}
        </main>
        <footer>PaySys Sandbox: a test environment, no real money moves.</footer>
        <script>{Script}</script>
        </body>
        </html>
        """;

    /// <summary>Never cached (the pages show live state), never framed by another site (its forms could be clicked through).</summary>
    public static void GuardHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    public static IResult Html(string html, int statusCode = StatusCodes.Status200OK) => PageLayout.Html(html, statusCode);

    /// <summary>HTML-encoded, with any card number or token that slipped into the text masked first.</summary>
    public static string Encode(string? text) => PageLayout.Encode(CardMasking.MaskSecrets(text ?? ""));

    public static string Date(DateTimeOffset at) => PageLayout.Date(at);

    public static string Sum(long tiyin) => PageLayout.Sum(tiyin);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>1d 2h 3m 4s (negative with a minus).</summary>
    public static string Duration(TimeSpan span)
    {
        var sign = span < TimeSpan.Zero ? "−" : "";
        span = span.Duration();
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days}d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours}h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes}m");
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{span.Seconds}s");
        }

        return sign + string.Join(' ', parts);
    }

    public static string StatusBadge(PaymentStatus status) =>
        $"""<span class="badge {status switch
        {
            PaymentStatus.Completed or PaymentStatus.Returned => "good",
            PaymentStatus.Error or PaymentStatus.Cancelled => "bad",
            _ => "wait",
        }}">{PaymentStateMachine.Describe(status)} ({(int)status})</span>""";

    public static string Option(string value, string label, string selected) =>
        $"""<option value="{Encode(value)}"{(value == selected ? " selected" : "")}>{Encode(label)}</option>""";

    public static string Notice(string? text) =>
        string.IsNullOrEmpty(text) ? "" : $"""<div class="ok" role="status" data-testid="notice">{Encode(text)}</div>""";

    public static string Error(string? text) =>
        string.IsNullOrEmpty(text) ? "" : $"""<div class="error" role="alert" data-testid="error">{Encode(text)}</div>""";
}
