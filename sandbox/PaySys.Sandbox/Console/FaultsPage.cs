using System.Globalization;
using System.Text;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Control;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The tenant's fault rules (list, a form for every kind, remove) and its service and vendor switches. Rules are
/// checked by the control API's own <see cref="ControlRequests.FaultRule"/>, so the console accepts what it accepts.
/// </summary>
public static class FaultsPage
{
    public static IResult Show(ConsoleRequest console) =>
        Render(console, notice: console.Query("added") is { Length: > 0 } added ? $"Fault rule {added} added." : null, problem: null);

    public static IResult Add(ConsoleRequest console)
    {
        static int? Int(string text) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

        var probabilityText = console.Field("probability");
        double? probability = probabilityText.Length == 0 ? null
            : double.TryParse(probabilityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) ? p : -1;
        var request = new FaultRequest(
            console.Field("method"), console.Field("kind"), Int(console.Field("delay_ms")), Int(console.Field("code")),
            Int(console.Field("http_status")), probability, console.Field("times").Length == 0 ? null : Int(console.Field("times")) ?? 0);
        if (ControlRequests.FaultRule(request, out var rule) is { } invalid)
        {
            return Render(console, null, invalid, StatusCodes.Status400BadRequest);
        }

        var tenant = console.Tenant;
        var (added, refused) = tenant.Run(_ =>
        {
            try
            {
                return ((string?)tenant.State.Faults.Add(rule!).Id, (string?)null);
            }
            catch (Refusal cap)
            {
                return (null, cap.Message);
            }
        });
        return refused is null
            ? TypedResults.Redirect(console.Link("/faults", ("added", added)))
            : Render(console, null, refused, StatusCodes.Status400BadRequest);
    }

    public static IResult Remove(string id, ConsoleRequest console)
    {
        var removed = console.Tenant.Run(_ => console.Tenant.State.Faults.Remove(id));
        return removed
            ? TypedResults.Redirect(console.Link("/faults"))
            : Render(console, null, $"There is no fault rule {id} (it may have been used up).", StatusCodes.Status404NotFound);
    }

    public static IResult SwitchService(ConsoleRequest console)
    {
        if (Blocked(console) is not { } blocked)
        {
            return Render(console, null, "Send blocked=true or blocked=false.", StatusCodes.Status400BadRequest);
        }

        console.Tenant.Run(_ => console.Tenant.State.ServiceBlocked = blocked);
        return TypedResults.Redirect(console.Link("/faults"));
    }

    public static IResult SwitchVendor(long vendorId, ConsoleRequest console)
    {
        var tenant = console.Tenant;
        if (!tenant.Merchant.Vendors.ContainsKey(vendorId))
        {
            return Render(console, null, $"Vendor {vendorId} is not a vendor of service {console.ServiceId}.", StatusCodes.Status404NotFound);
        }

        if (Blocked(console) is not { } blocked)
        {
            return Render(console, null, "Send blocked=true or blocked=false.", StatusCodes.Status400BadRequest);
        }

        tenant.Run(_ => blocked ? tenant.State.BlockedVendors.Add(vendorId) : tenant.State.BlockedVendors.Remove(vendorId));
        return TypedResults.Redirect(console.Link("/faults"));
    }

    private static bool? Blocked(ConsoleRequest console) => console.Field("blocked") switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static IResult Render(ConsoleRequest console, string? notice, string? problem, int statusCode = StatusCodes.Status200OK)
    {
        var tenant = console.Tenant;
        var (faults, service) = tenant.Run(_ => (ControlViews.Faults(tenant.State), ControlViews.Service(tenant)));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>Fault rules</h1>
            {ConsoleLayout.Notice(notice)}{ConsoleLayout.Error(problem)}
            <p class="muted">A rule breaks calls to one method (or * for all) before the handler runs; the first matching rule fires.</p>
            <div class="scroll"><table data-testid="faults">
            <thead><tr><th>Id</th><th>Method</th><th>Kind</th><th>Setting</th><th>Probability</th><th>Uses left</th><th></th></tr></thead><tbody>
            """);
        foreach (var f in faults.Faults)
        {
            var setting = f.Kind switch
            {
                "delay" => $"{f.DelayMs} ms",
                "error" => $"{f.Code} {ErrorCatalogue.Embedded.All.FirstOrDefault(e => e.Code == f.Code)?.Name}",
                "http_status" => $"HTTP {f.HttpStatus}",
                _ => "",
            };
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-testid="fault"><td>{ConsoleLayout.Encode(f.Id)}</td><td><code>{ConsoleLayout.Encode(f.Method)}</code></td><td>{ConsoleLayout.Encode(f.Kind)}</td>
                <td>{ConsoleLayout.Encode(setting)}</td><td class="num">{f.Probability.ToString("0.##", CultureInfo.InvariantCulture)}</td><td class="num">{(f.Times is { } times ? times.ToString(CultureInfo.InvariantCulture) : "unlimited")}</td>
                <td><form method="post" action="{ConsoleLayout.Encode(console.Link($"/faults/{Uri.EscapeDataString(f.Id)}/remove"))}">{console.FormGuard()}<button class="secondary" type="submit" aria-label="Remove fault rule {ConsoleLayout.Encode(f.Id)}">Remove</button></form></td></tr>
                """);
        }

        if (faults.Faults.Count == 0)
        {
            html.Append("""<tr><td colspan="7" class="muted">No fault rule: every call runs normally.</td></tr>""");
        }

        html.Append("</tbody></table></div><h2>Add a rule</h2>");
        foreach (var kind in FaultRule.GatewayKindNames)
        {
            html.Append(AddForm(console, kind));
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Service and vendors</h2>
            <div class="scroll"><table data-testid="switches">
            <thead><tr><th>What</th><th>State</th><th></th></tr></thead><tbody>
            {Switch(console, $"Service {service.ServiceId}", "/service", service.Blocked, "-32315")}
            {string.Concat(service.Vendors.Select(v => Switch(console, $"Vendor {v.VendorId} (commission {(v.Commission * 100).ToString("0.##", CultureInfo.InvariantCulture)} %)", $"/vendors/{v.VendorId}", v.Blocked, "-32319")))}
            </tbody></table></div>
            """);
        return ConsoleLayout.Page(console, "/faults", "Fault rules", html.ToString(), statusCode);
    }

    private static string AddForm(ConsoleRequest console, string kind)
    {
        var methods = string.Concat(new[] { FaultRule.AnyMethod }.Concat(MethodCatalogue.Names).Select(m => ConsoleLayout.Option(m, m, FaultRule.AnyMethod)));
        var id = $"add-{kind}";
        var setting = kind switch
        {
            "delay" => $"""<div><label for="{id}-delay">Delay (ms)</label><input id="{id}-delay" name="delay_ms" inputmode="numeric" size="7" value="1500" required></div>""",
            "error" => $"""<div><label for="{id}-code">Error</label><select id="{id}-code" name="code">{string.Concat(ErrorCatalogue.Embedded.All.Select(e => ConsoleLayout.Option(e.Code.ToString(CultureInfo.InvariantCulture), $"{e.Code} {e.Name}", "-32318")))}</select></div>""",
            "http_status" => $"""<div><label for="{id}-status">HTTP status</label><input id="{id}-status" name="http_status" inputmode="numeric" size="4" value="503" required></div>""",
            _ => "",
        };
        var what = kind switch
        {
            "delay" => "the normal answer, later",
            "error" => "a JSON-RPC error from the catalogue",
            "http_status" => "an HTTP error status",
            "malformed" => "HTTP 200 with a body cut in half",
            "drop" => "the connection closed, no answer",
            _ => kind,
        };
        return $"""
            <form method="post" action="{ConsoleLayout.Encode(console.Link("/faults"))}" aria-label="Add a {kind} rule" data-testid="add-{kind}">
            {console.FormGuard()}<input type="hidden" name="kind" value="{kind}">
            <div class="row">
            <div><strong>{kind}</strong><span class="muted">{what}</span></div>
            <div><label for="{id}-method">Method</label><select id="{id}-method" name="method">{methods}</select></div>
            {setting}
            <div><label for="{id}-probability">Probability</label><input id="{id}-probability" name="probability" inputmode="decimal" size="4" placeholder="1"></div>
            <div><label for="{id}-times">Times</label><input id="{id}-times" name="times" inputmode="numeric" size="4" placeholder="∞"></div>
            <div><button type="submit">Add {kind} rule</button></div>
            </div>
            </form>
            """;
    }

    private static string Switch(ConsoleRequest console, string what, string path, bool blocked, string code) => $"""
        <tr><td>{ConsoleLayout.Encode(what)}</td><td>{(blocked ? $"<span class=\"badge bad\">switched off ({code})</span>" : "<span class=\"badge good\">on</span>")}</td>
        <td><form method="post" action="{ConsoleLayout.Encode(console.Link(path))}">{console.FormGuard()}<input type="hidden" name="blocked" value="{(blocked ? "false" : "true")}">
        <button type="submit" class="{(blocked ? "" : "danger")}" aria-label="{(blocked ? "Switch on" : "Switch off")} {ConsoleLayout.Encode(what)}">{(blocked ? "Switch on" : "Switch off")}</button></form></td></tr>
        """;
}
