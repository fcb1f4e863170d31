using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The console's door when PAYSYS_ADMIN_TOKEN is set: the admin token typed once, then an HttpOnly cookie. Without a
/// token the console is open (as the control API is) and this page only sends the person on.
/// </summary>
public static class LoginPage
{
    public const string Path = ConsoleEndpoints.Prefix + "/login";

    public static IResult Show(HttpContext http, SandboxOptions options, string? next)
    {
        ConsoleLayout.GuardHeaders(http.Response);
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return TypedResults.Redirect(Destination(next));
        }

        return ConsoleSession.Read(http.Request, options.AdminToken) is not null || ConsoleSession.HeaderMatches(http.Request, options.AdminToken)
            ? TypedResults.Redirect(Destination(next))
            : Render(next, problem: null, StatusCodes.Status401Unauthorized);
    }

    /// <summary>What a console page answers without the admin token: 401, and the form that signs in and comes back.</summary>
    public static IResult Required(string next) => Render(next, problem: null, StatusCodes.Status401Unauthorized);

    public static async Task<IResult> Submit(HttpContext http, SandboxOptions options)
    {
        ConsoleLayout.GuardHeaders(http.Response);
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return TypedResults.Redirect(ConsoleEndpoints.Prefix);
        }

        IFormCollection form;
        try
        {
            form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            form = FormCollection.Empty;
        }

        var next = form["next"].ToString();
        if (!ConsoleSession.TokenMatches(form["token"].ToString(), options.AdminToken) && !ConsoleSession.HeaderMatches(http.Request, options.AdminToken))
        {
            return Render(next, "That is not the admin token (PAYSYS_ADMIN_TOKEN).", StatusCodes.Status401Unauthorized);
        }

        ConsoleSession.Issue(http, options.AdminToken);
        return TypedResults.Redirect(Destination(next));
    }

    public static IResult Logout(ConsoleRequest console)
    {
        ConsoleSession.End(console.Http);
        return TypedResults.Redirect(string.IsNullOrEmpty(console.Options.AdminToken) ? ConsoleEndpoints.Prefix : Path);
    }

    /// <summary>Only a console address is a destination, never another site (an open redirect).</summary>
    private static string Destination(string? next) =>
        next is not null && next.StartsWith(ConsoleEndpoints.Prefix, StringComparison.Ordinal) && !next.Contains("//", StringComparison.Ordinal)
            && !next.Contains('\\', StringComparison.Ordinal) && !next.StartsWith(Path, StringComparison.Ordinal)
            ? next
            : ConsoleEndpoints.Prefix;

    private static IResult Render(string? next, string? problem, int statusCode)
    {
        var body = $"""
            <h1>Sign in</h1>
            <p class="muted">This sandbox has an admin token (PAYSYS_ADMIN_TOKEN): the console needs it once per browser session.</p>
            {ConsoleLayout.Error(problem)}
            <form method="post" action="{Path}">
            <input type="hidden" name="next" value="{ConsoleLayout.Encode(Destination(next))}">
            <label for="token">Admin token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
            <div class="row" style="margin-top:.8rem"><button type="submit">Sign in</button></div>
            </form>
            """;
        return ConsoleLayout.Html(ConsoleLayout.Frame("Sign in", "<header><div class=\"bar\"><strong>PaySys Sandbox console</strong></div></header>", body), statusCode);
    }
}
