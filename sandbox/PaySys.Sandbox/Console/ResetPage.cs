using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.WebConsole;

/// <summary>Resets the tenant (as POST /_sandbox/reset) after the person confirms it on a page of its own.</summary>
public static class ResetPage
{
    public static IResult Show(ConsoleRequest console)
    {
        var done = console.Query("done") == "1" ? ConsoleLayout.Notice($"Service {console.ServiceId} was reset.") : "";
        return ConsoleLayout.Page(console, "/reset", "Reset", Form(console, done, problem: null));
    }

    public static IResult Submit(ConsoleRequest console, HostedPages pages)
    {
        if (console.Field("confirm") != console.ServiceId)
        {
            return ConsoleLayout.Page(console, "/reset", "Reset",
                Form(console, "", $"Type the service id ({console.ServiceId}) to confirm the reset; nothing was changed."), StatusCodes.Status400BadRequest);
        }

        var tenant = console.Tenant;
        tenant.Reset(alsoForget: () => pages.Forget(tenant));
        return TypedResults.Redirect(console.Link("/reset", ("done", "1")));
    }

    private static string Form(ConsoleRequest console, string notice, string? problem) => $"""
        <h1>Reset service {ConsoleLayout.Encode(console.ServiceId)}</h1>
        {notice}{ConsoleLayout.Error(problem)}
        <p>A reset wipes this tenant's registered cards and balances, transactions, invoices, payouts, SMS outbox, journal and fault rules, and sets its clock back to real time. Other tenants are not touched.</p>
        <form method="post" action="{ConsoleLayout.Encode(console.Link("/reset"))}">
        {console.FormGuard()}
        <label for="confirm">Type the service id to confirm</label>
        <div class="row"><input id="confirm" name="confirm" autocomplete="off" required size="12"><button type="submit" class="danger">Reset the tenant</button></div>
        </form>
        """;
}
