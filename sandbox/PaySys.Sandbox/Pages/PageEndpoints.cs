namespace PaySys.Sandbox.Pages;

public static class PageEndpoints
{
    /// <summary>The sandbox's hosted HTML pages: the landing page, the invoice pay page and the fiscal receipt.</summary>
    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapGet(LandingPage.Path, LandingPage.Show).WithName("LandingPage").WithSummary("Where the gateway, console and control API are").ExcludeFromDescription();
        app.MapGet(PayPage.Path, PayPage.Show).WithName("PayPage").WithSummary("The pay page of an invoice (payment_url)").ExcludeFromDescription();
        app.MapPost(PayPage.Path, PayPage.Submit).WithName("PayPageSubmit").WithSummary("Pay, confirm or cancel an invoice").DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(ReceiptPage.Path, ReceiptPage.Show).WithName("ReceiptPage").WithSummary("A printable fiscal receipt (cheque)").ExcludeFromDescription();
        if (app.Services.GetRequiredService<Hosting.SandboxOptions>().ReceiptLinkPathOrNull is { } linkPath && linkPath != ReceiptPage.Path)
        {
            // The production-shaped cheque link keeps working when it is pointed at the sandbox.
            app.MapGet(linkPath, ReceiptPage.Show).WithName("ReceiptPageAtLinkPath").ExcludeFromDescription();
        }
        return app;
    }
}
