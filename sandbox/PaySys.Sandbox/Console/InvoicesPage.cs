using System.Globalization;
using System.Text;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Pages;

namespace PaySys.Sandbox.WebConsole;

/// <summary>The tenant's invoices (with their pay-page links) and e-wallet payouts, newest first.</summary>
public static class InvoicesPage
{
    public static IResult Invoices(ConsoleRequest console)
    {
        var tenant = console.Tenant;
        var rows = tenant.Run(_ =>
        {
            var html = new StringBuilder();
            var all = tenant.State.Invoices.All;
            for (var i = all.Count - 1; i >= 0; i--)
            {
                var invoice = all[i];
                var payment = invoice.Payment is { } p
                    ? $"""<a href="{ConsoleLayout.Encode(console.Link($"/transactions/{p.BankTransactionId}"))}">{p.BankTransactionId}</a>"""
                    : "—";
                html.Append(CultureInfo.InvariantCulture, $"""
                    <tr data-testid="invoice"><td class="num">{invoice.Id}</td><td class="num">{ConsoleLayout.Date(invoice.CreatedAt)}</td>
                    <td>{ConsoleLayout.Encode(invoice.OrderId)}</td><td class="num hide-narrow">{invoice.VendorId}</td>
                    <td class="num">{ConsoleLayout.Encode(invoice.Amount.ToString("#,0.00", CultureInfo.InvariantCulture))} {ConsoleLayout.Encode(invoice.Currency)}</td>
                    <td>{StatusBadge(invoice.Status)}</td><td class="hide-narrow">{ConsoleLayout.Encode(invoice.OrderNote ?? "")}</td>
                    <td><a href="{ConsoleLayout.Encode(PayPage.Url(console.BaseUrl, invoice.Hash))}">pay page</a></td><td class="num">{payment}</td></tr>
                    """);
            }

            return all.Count == 0 ? """<tr><td colspan="9" class="muted">No invoice yet (paysys.invoice_create).</td></tr>""" : html.ToString();
        });
        var body = $"""
            <h1>Invoices</h1>
            <div class="scroll"><table data-testid="invoices">
            <thead><tr><th>Id</th><th>Created (virtual)</th><th>Order</th><th class="hide-narrow">Vendor</th><th>Amount</th><th>Status</th><th class="hide-narrow">Note</th><th>Link</th><th>Transaction</th></tr></thead>
            <tbody>{rows}</tbody></table></div>
            """;
        return ConsoleLayout.Page(console, "/invoices", "Invoices", body);
    }

    public static IResult Payouts(ConsoleRequest console)
    {
        var tenant = console.Tenant;
        var rows = tenant.Run(_ =>
        {
            var html = new StringBuilder();
            var all = tenant.State.Payouts.All;
            for (var i = all.Count - 1; i >= 0; i--)
            {
                var payout = all[i];
                var history = string.Join("; ", payout.History.Select(h => $"{ConsoleLayout.Date(h.At)} {ConsoleLayout.Encode(h.Event)}"));
                html.Append(CultureInfo.InvariantCulture, $"""
                    <tr data-testid="payout"><td class="num">{payout.TransactionId}</td><td class="num">{ConsoleLayout.Date(payout.CreatedAt)}</td>
                    <td class="num">{ConsoleLayout.Encode(payout.Account)}</td><td class="num">{payout.Amount} {ConsoleLayout.Encode(payout.Currency)}</td>
                    <td class="num hide-narrow">{payout.VendorId}</td><td>{ConsoleLayout.StatusBadge(payout.Status)}</td><td class="hide-narrow">{history}</td></tr>
                    """);
            }

            return all.Count == 0 ? """<tr><td colspan="7" class="muted">No payout yet (pam.pay_by_cash).</td></tr>""" : html.ToString();
        });
        var body = $"""
            <h1>Payouts</h1>
            <p class="muted">E-wallet payouts stay pending until the payout delay passes on the virtual clock.</p>
            <div class="scroll"><table data-testid="payouts">
            <thead><tr><th>Transaction</th><th>Created (virtual)</th><th>Account</th><th>Amount</th><th class="hide-narrow">Vendor</th><th>Status</th><th class="hide-narrow">History</th></tr></thead>
            <tbody>{rows}</tbody></table></div>
            """;
        return ConsoleLayout.Page(console, "/payouts", "Payouts", body);
    }

    private static string StatusBadge(InvoiceStatus status) =>
        $"""<span class="badge {status switch
        {
            InvoiceStatus.Paid => "good",
            InvoiceStatus.Error or InvoiceStatus.Cancelled => "bad",
            _ => "wait",
        }}">{status switch
        {
            InvoiceStatus.Error => "last attempt failed",
            InvoiceStatus.Created => "awaiting payment",
            InvoiceStatus.BeingPaid => "awaiting the SMS code",
            InvoiceStatus.Paid => "paid",
            InvoiceStatus.Cancelled => "cancelled",
            _ => status.ToString(),
        }} ({(int)status})</span>""";
}
