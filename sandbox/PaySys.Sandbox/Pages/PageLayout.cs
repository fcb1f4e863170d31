using System.Globalization;
using System.Net;

namespace PaySys.Sandbox.Pages;

/// <summary>The shared frame of the sandbox's hosted pages: plain server-rendered HTML and a little CSS.</summary>
public static class PageLayout
{
    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f3f5f8;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2330}
        main{max-width:30rem;margin:2.5rem auto;background:#fff;border-radius:12px;box-shadow:0 2px 14px #0001;padding:1.75rem 2rem}
        h1{font-size:1.3rem;margin:0 0 .25rem} .muted{color:#64748b;font-size:.9rem}
        .amount{font-size:2rem;font-weight:700;margin:.75rem 0}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:1rem 0} dt{color:#64748b} dd{margin:0;font-variant-numeric:tabular-nums}
        label{display:block;margin:.8rem 0 .25rem;font-weight:600}
        input{width:100%;padding:.6rem .7rem;border:1px solid #cbd5e1;border-radius:8px;font-size:1rem}
        input::placeholder{color:#94a3b8;font-style:italic;opacity:1}
        button,a.button{display:inline-block;margin-top:1.1rem;padding:.65rem 1.1rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font-size:1rem;cursor:pointer;text-decoration:none}
        button.secondary,a.button.secondary{background:#e2e8f0;color:#1b2330}
        .row{display:flex;gap:.6rem;flex-wrap:wrap}
        .error{background:#fee2e2;color:#991b1b;border-radius:8px;padding:.6rem .8rem;margin:1rem 0}
        .ok{background:#dcfce7;color:#166534;border-radius:8px;padding:.6rem .8rem;margin:1rem 0}
        .qr{display:block;margin:1rem auto 0;width:10rem;height:10rem;image-rendering:pixelated}
        footer{text-align:center;color:#94a3b8;font-size:.8rem;margin-bottom:2rem}
        @media print{body{background:#fff}main{box-shadow:none;margin:0 auto}footer,button{display:none}}
        """;

    public static string Render(string title, string body) =>
        $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <style>{Css}</style>
        </head>
        <body>
        <main>
        {body}
        </main>
        <footer>PaySys Sandbox: a test environment, no real money moves.</footer>
        </body>
        </html>
        """;

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>1000.22 UZS for 100022 tiyin.</summary>
    public static string Sum(long tiyin) =>
        (tiyin / 100m).ToString("#,0.00", CultureInfo.InvariantCulture).Replace(",", "\u202f", StringComparison.Ordinal) + " UZS";

    public static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static IResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);

    public static IResult NotFound(string what) =>
        Html(Render("Not found", $"<h1>Not found</h1><p class=\"muted\">{Encode(what)}</p>"), StatusCodes.Status404NotFound);
}
