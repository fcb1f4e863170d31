using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Pages;

/// <summary>
/// <c>GET /</c>: what a person who opens the sandbox in a browser needs — where the gateway, the console and the
/// control API are, and one call to try. Nothing tenant-specific, so it needs no admin token.
/// </summary>
public static class LandingPage
{
    public const string Path = "/";

    public static IResult Show(HttpRequest request)
    {
        var origin = PageLayout.Encode($"{request.Scheme}://{request.Host}");
        return PageLayout.Html(PageLayout.Render("PaySys Sandbox", $$"""
            <h1>PaySys Sandbox</h1>
            <p class="muted">A stateful emulator of the PaySys payment gateway (UzCard/HUMO, JSON-RPC over HTTP) for integration tests. No real money moves.</p>
            <dl>
            <dt>Gateway</dt><dd><code>POST {{origin}}{{GatewayEndpoints.Path}}</code> (JSON-RPC 2.0, {{MethodCatalogue.Names.Count}} methods, <code>Auth</code> header)</dd>
            <dt>Console</dt><dd><a href="/_sandbox/ui">/_sandbox/ui</a>: SMS codes, cards, transactions, journal, clock, faults</dd>
            <dt>Control API</dt><dd><a href="/_sandbox/health">/_sandbox/health</a>, <a href="/_sandbox/sms">/_sandbox/sms</a>, <a href="/_sandbox/transactions">/_sandbox/transactions</a>, <a href="/_sandbox/cards">/_sandbox/cards</a>, <a href="/_sandbox/journal">/_sandbox/journal</a></dd>
            <dt>OpenRPC</dt><dd><code>{"jsonrpc":"2.0","id":1,"method":"{{OpenRpcDocument.DiscoverMethod}}"}</code> to the gateway</dd>
            </dl>
            <p class="muted">The README of the sandbox (its repository and its NuGet and Docker packages) has the magic cards, the control API and CI recipes.</p>
            """));
    }
}
