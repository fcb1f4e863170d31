using System.Globalization;
using System.Text;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The SMS inbox QA keep open while they test a checkout by hand: every code the tenant "sent", newest first, with a
/// copy button. The page polls <c>/sms/rows</c> (the rows alone, cheap) every second and swaps them in when they change.
/// </summary>
public static class SmsInbox
{
    public static IResult Show(ConsoleRequest console)
    {
        var rows = Rows(console, out var count);
        var body = $"""
            <h1>SMS inbox</h1>
            <p class="muted">Newest first; updates by itself. The codes the sandbox sends instead of a phone (GET /_sandbox/sms).</p>
            <div class="scroll"><table>
            <thead><tr><th>Code</th><th></th><th>Reference</th><th>Expires</th><th class="hide-narrow">Sent</th><th class="hide-narrow">Phone</th><th class="hide-narrow">Purpose</th><th class="hide-narrow">Text</th></tr></thead>
            <tbody data-testid="sms-rows" data-poll="{ConsoleLayout.Encode(console.Link("/sms/rows"))}" aria-live="polite">{rows}</tbody>
            </table></div>
            <p class="muted">{count} message(s) kept (the outbox is bounded).</p>
            """;
        return ConsoleLayout.Page(console, "/sms", "SMS inbox", body);
    }

    /// <summary>The inbox's rows, for the page's polling.</summary>
    public static IResult Rows(ConsoleRequest console) => ConsoleLayout.Html(Rows(console, out _));

    private static string Rows(ConsoleRequest console, out int count)
    {
        var tenant = console.Tenant;
        var (messages, now) = tenant.Run(op => (tenant.State.Sms.Snapshot(), op.Now));
        count = messages.Count;
        if (messages.Count == 0)
        {
            return """<tr><td colspan="8" class="muted">No SMS yet: register a card or prepare a payment, and its code appears here.</td></tr>""";
        }

        var html = new StringBuilder();
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            var m = messages[i];
            var left = m.ExpiresAt - now;
            var expires = left > TimeSpan.Zero
                ? $"in {ConsoleLayout.Duration(TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)))}"
                : """<span class="badge bad">expired</span>""";
            // A payment's code names its bank_transaction_id: the transaction's page is one click away.
            var reference = m.Purpose == SmsPurpose.Payment && long.TryParse(m.Reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? $"""<a href="{ConsoleLayout.Encode(console.Link($"/transactions/{id}"))}">{ConsoleLayout.Encode(m.Reference)}</a>"""
                : ConsoleLayout.Encode(m.Reference);
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-testid="sms">
                <td><span class="code" data-testid="sms-code">{ConsoleLayout.Encode(m.Code)}</span></td>
                <td><button type="button" class="secondary" data-copy="{ConsoleLayout.Encode(m.Code)}" aria-label="Copy code {ConsoleLayout.Encode(m.Code)}">Copy</button></td>
                <td class="ref">{reference}</td>
                <td>{expires}</td>
                <td class="num hide-narrow">{ConsoleLayout.Date(m.SentAt)}</td>
                <td class="num hide-narrow">{ConsoleLayout.Encode(m.Phone)}</td>
                <td class="hide-narrow">{ConsoleLayout.Encode(m.Purpose.Replace('_', ' '))}</td>
                <td class="hide-narrow">{ConsoleLayout.Encode(m.Text)}</td>
                </tr>
                """);
        }

        return html.ToString();
    }
}
