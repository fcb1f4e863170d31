using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The web console at /_sandbox/ui (SPEC §10): an adapter like the control API and the pages, reading each tenant
/// through <c>tenant.Run</c> and the control views. Every route but the login form sits behind one filter: the
/// session cookie (with PAYSYS_ADMIN_TOKEN set, only the login form issues one), the anti-forgery token on every
/// POST, then the tenant of <c>?service_id=</c>.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Prefix = "/_sandbox/ui";

    public static WebApplication MapConsole(this WebApplication app)
    {
        var open = app.MapGroup(Prefix).ExcludeFromDescription();
        open.MapGet("/login", LoginPage.Show).WithName("ConsoleLogin").WithSummary("The console's login form (PAYSYS_ADMIN_TOKEN)");
        open.MapPost("/login", LoginPage.Submit).WithName("ConsoleLoginSubmit").WithSummary("Sign in with the admin token").DisableAntiforgery();

        var console = app.MapGroup(Prefix).ExcludeFromDescription().AddEndpointFilter(SessionAndTenant);
        console.MapGet("", ClockPage.Show).WithName("Console").WithSummary("The tenant's clock and what it holds");
        console.MapPost("/clock", ClockPage.Move).WithName("ConsoleMoveClock").WithSummary("Advance the virtual clock").DisableAntiforgery();
        console.MapGet("/sms", SmsInbox.Show).WithName("ConsoleSms").WithSummary("The SMS inbox, live");
        console.MapGet("/sms/rows", SmsInbox.Rows).WithName("ConsoleSmsRows").WithSummary("The inbox's rows, polled by the page");
        console.MapGet("/cards", CardsPage.Show).WithName("ConsoleCards").WithSummary("Magic cards and registered cards");
        console.MapGet("/transactions", TransactionsPage.List).WithName("ConsoleTransactions").WithSummary("Transactions, filtered and paged");
        console.MapGet("/transactions/{id}", TransactionsPage.Show).WithName("ConsoleTransaction").WithSummary("One transaction and its timeline");
        console.MapGet("/invoices", InvoicesPage.Invoices).WithName("ConsoleInvoices").WithSummary("Invoices with their pay-page links");
        console.MapGet("/payouts", InvoicesPage.Payouts).WithName("ConsolePayouts").WithSummary("E-wallet payouts");
        console.MapGet("/journal", JournalPage.Show).WithName("ConsoleJournal").WithSummary("Requests and responses, decoded");
        console.MapGet("/faults", FaultsPage.Show).WithName("ConsoleFaults").WithSummary("Fault rules and service switches");
        console.MapPost("/faults", FaultsPage.Add).WithName("ConsoleAddFault").WithSummary("Add a fault rule").DisableAntiforgery();
        console.MapPost("/faults/{id}/remove", FaultsPage.Remove).WithName("ConsoleRemoveFault").WithSummary("Remove a fault rule").DisableAntiforgery();
        console.MapPost("/service", FaultsPage.SwitchService).WithName("ConsoleSwitchService").WithSummary("Switch the service off or on").DisableAntiforgery();
        console.MapPost("/vendors/{vendorId:long}", FaultsPage.SwitchVendor).WithName("ConsoleSwitchVendor").WithSummary("Switch a vendor off or on").DisableAntiforgery();
        console.MapGet("/callbacks", CallbacksPage.Show).WithName("ConsoleCallbacks").WithSummary("Merchant callbacks: settings, delivery log, fault rules");
        console.MapPost("/callbacks/settings", CallbacksPage.Configure).WithName("ConsoleConfigureCallbacks").WithSummary("Change the callback settings").DisableAntiforgery();
        console.MapPost("/callbacks/deliveries/{id}/redeliver", CallbacksPage.Redeliver).WithName("ConsoleRedeliverCallback").WithSummary("Send a callback once more").DisableAntiforgery();
        console.MapPost("/callbacks/faults", CallbacksPage.AddFault).WithName("ConsoleAddCallbackFault").WithSummary("Add a callback fault rule").DisableAntiforgery();
        console.MapPost("/callbacks/faults/clear", CallbacksPage.ClearFaults).WithName("ConsoleClearCallbackFaults").WithSummary("Clear the callback fault rules").DisableAntiforgery();
        console.MapGet("/reset", ResetPage.Show).WithName("ConsoleReset").WithSummary("Confirm a reset of the tenant");
        console.MapPost("/reset", ResetPage.Submit).WithName("ConsoleResetSubmit").WithSummary("Reset the tenant").DisableAntiforgery();
        console.MapPost("/logout", LoginPage.Logout).WithName("ConsoleLogout").WithSummary("End the console session").DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// The group's one filter: a session (with an admin token: the login form's cookie, else one is issued), the
    /// anti-forgery token on a POST (the framework's antiforgery is off: this is the console's own), then the tenant.
    /// </summary>
    private static async ValueTask<object?> SessionAndTenant(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var adminToken = http.RequestServices.GetRequiredService<SandboxOptions>().AdminToken;
        var signInNeeded = !string.IsNullOrEmpty(adminToken);
        var isRead = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        ConsoleLayout.GuardHeaders(http.Response);

        var nonce = ConsoleSession.Read(http.Request, adminToken);
        // The control API's header opens the console as well (SPEC §10: every /_sandbox route takes it); a form cannot send it.
        var byHeader = signInNeeded && ConsoleSession.HeaderMatches(http.Request, adminToken!);
        if (nonce is null)
        {
            if (signInNeeded && !byHeader)
            {
                // 401 as every control route without the token, with the login form as its body.
                return isRead
                    ? LoginPage.Required(http.Request.Path + http.Request.QueryString)
                    : ConsoleLayout.Problem(StatusCodes.Status401Unauthorized, "Sign in first", "The console needs the admin token (PAYSYS_ADMIN_TOKEN): sign in again.");
            }

            if (!isRead && !byHeader)
            {
                return ConsoleLayout.Problem(StatusCodes.Status403Forbidden, "Session expired", "This form came without the console's session: reload the page and send it again.");
            }

            nonce = ConsoleSession.Issue(http, adminToken);
        }

        var console = context.Arguments.OfType<ConsoleRequest>().Single();
        if (await console.ReadAsync(nonce) is { } unreadable)
        {
            return unreadable;
        }

        // Before the tenant: a forged form must not even open a tenant.
        if (!isRead && !byHeader && !console.PostedFormIsGenuine())
        {
            return ConsoleLayout.Problem(StatusCodes.Status403Forbidden, "Form refused", "This form was not sent from this console session: reload the page and send it again.");
        }

        return console.ResolveTenant() ?? await next(context);
    }
}
