using System.Globalization;
using System.Text;
using PaySys.Sandbox.Control;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The console's first page: the tenant's virtual clock with buttons that move it, what the last move made fall
/// due (holds, OTPs, payouts), and what the tenant holds.
/// </summary>
public static class ClockPage
{
    private static readonly (long Seconds, string Label)[] Moves =
    [
        (60, "+1 min"),
        (120, "+2 min"),
        (3_600, "+1 h"),
        (86_400, "+1 day"),
        (604_800, "+7 days"),
    ];

    private static readonly (string Unit, string Label, long Seconds)[] Units =
    [
        ("s", "seconds", 1),
        ("m", "minutes", 60),
        ("h", "hours", 3_600),
        ("d", "days", 86_400),
    ];

    public static IResult Show(ConsoleRequest console) => Render(console, problem: null);

    public static IResult Move(ConsoleRequest console)
    {
        if (Seconds(console) is not { } seconds)
        {
            return Render(console, "Choose a move, or give a whole number of seconds, minutes, hours or days (at least 0).", StatusCodes.Status400BadRequest);
        }

        var clock = console.Tenant.Clock;
        var from = clock.GetUtcNow();
        // Checked against what the tenant holds and moved in one step, as POST /_sandbox/clock does.
        if (console.Tenant.Run(_ => ControlRequests.ClockMove(new ClockChange(seconds, null), clock, console.Tenant.State)) is { } invalid)
        {
            return Render(console, invalid, StatusCodes.Status400BadRequest);
        }

        // As POST /_sandbox/clock: the next step applies what fell due.
        var to = console.Tenant.Run(op => op.Now);
        return TypedResults.Redirect(console.Link("", ("moved_from", Unix(from)), ("moved_to", Unix(to))));
    }

    private static long? Seconds(ConsoleRequest console)
    {
        if (long.TryParse(console.Field("seconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var preset))
        {
            return preset;
        }

        var unit = Units.FirstOrDefault(u => u.Unit == console.Field("unit"));
        return unit.Unit is not null
            && long.TryParse(console.Field("amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount <= long.MaxValue / unit.Seconds
                ? amount * unit.Seconds
                : null;
    }

    private static IResult Render(ConsoleRequest console, string? problem, int statusCode = StatusCodes.Status200OK)
    {
        var tenant = console.Tenant;
        var moved = MovedWindow(console);
        var body = tenant.Run(op =>
        {
            var state = tenant.State;
            var html = new StringBuilder();
            html.Append(CultureInfo.InvariantCulture, $"""
                <h1>Clock</h1>
                {ConsoleLayout.Error(problem)}
                <dl>
                <dt>Virtual now</dt><dd data-testid="virtual-now">{ConsoleLayout.Date(op.Now)} (unix {Unix(op.Now)})</dd>
                <dt>Real now</dt><dd>{ConsoleLayout.Date(op.Wall)}</dd>
                <dt>Offset</dt><dd>{ConsoleLayout.Duration(tenant.Clock.Offset)}</dd>
                </dl>
                <form method="post" action="{ConsoleLayout.Encode(console.Link("/clock"))}" aria-label="Advance the clock">
                {console.FormGuard()}
                <div class="row">{string.Concat(Moves.Select(m => $"""<button type="submit" name="seconds" value="{m.Seconds}">{m.Label}</button>"""))}</div>
                </form>
                <form method="post" action="{ConsoleLayout.Encode(console.Link("/clock"))}" aria-label="Advance the clock by a custom step">
                {console.FormGuard()}
                <div class="row">
                <div><label for="amount">Advance by</label><input id="amount" name="amount" inputmode="numeric" pattern="[0-9]+" required size="8"></div>
                <div><label for="unit">Unit</label><select id="unit" name="unit">{string.Concat(Units.Select(u => $"""<option value="{u.Unit}"{(u.Unit == "m" ? " selected" : "")}>{u.Label}</option>"""))}</select></div>
                <div><button type="submit">Advance</button></div>
                </div>
                </form>
                """);
            if (moved is { } window)
            {
                html.Append(Triggered(console, state, window.From, window.To));
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <h2>This tenant holds</h2>
                <dl>
                <dt>Transactions</dt><dd><a href="{ConsoleLayout.Encode(console.Link("/transactions"))}">{state.Payments.All.Count}</a> ({state.Payments.All.Count(p => p.Status == PaymentStatus.Held)} held)</dd>
                <dt>Invoices</dt><dd><a href="{ConsoleLayout.Encode(console.Link("/invoices"))}">{state.Invoices.All.Count}</a></dd>
                <dt>Payouts</dt><dd><a href="{ConsoleLayout.Encode(console.Link("/payouts"))}">{state.Payouts.All.Count}</a></dd>
                <dt>SMS</dt><dd><a href="{ConsoleLayout.Encode(console.Link("/sms"))}">{state.Sms.Snapshot().Count}</a></dd>
                <dt>Fault rules</dt><dd><a href="{ConsoleLayout.Encode(console.Link("/faults"))}">{state.Faults.All.Count}</a></dd>
                <dt>Pending expiries</dt><dd>{state.Expiries.Count}</dd>
                </dl>
                """);
            return html.ToString();
        });
        return ConsoleLayout.Page(console, "", "Clock", body, statusCode);
    }

    /// <summary>What fell due in (from, to] on the virtual clock: the expiries of holds, payment OTPs and payouts, and SMS codes.</summary>
    private static string Triggered(ConsoleRequest console, TenantState state, DateTimeOffset from, DateTimeOffset to)
    {
        bool InWindow(DateTimeOffset at) => at > from && at <= to;

        var lines = new List<(DateTimeOffset At, string Html)>();
        foreach (var payment in state.Payments.All)
        {
            foreach (var step in payment.History)
            {
                if (step.Call is null && InWindow(step.At) && TransactionsPage.IsExpiry(step.Event))
                {
                    var link = ConsoleLayout.Encode(console.Link($"/transactions/{payment.BankTransactionId}"));
                    lines.Add((step.At, $"""<a href="{link}">Transaction {payment.BankTransactionId}</a> ({ConsoleLayout.Sum(payment.Amount)}): {TransactionsPage.EventText(step.Event)} → {ConsoleLayout.StatusBadge(step.Status)}"""));
                }
            }
        }

        foreach (var payout in state.Payouts.All)
        {
            foreach (var step in payout.History.Where(h => InWindow(h.At) && h.Event != "accepted"))
            {
                lines.Add((step.At, $"""Payout {payout.TransactionId} ({ConsoleLayout.Encode(payout.Amount.ToString(CultureInfo.InvariantCulture))} {ConsoleLayout.Encode(payout.Currency)}): {ConsoleLayout.Encode(step.Event)} → {ConsoleLayout.StatusBadge(step.Status)}"""));
            }
        }

        // A registration code is not scheduled (paysys.card_confirm finds it expired itself): only a pending one matters.
        foreach (var card in state.Cards.Registered.Where(c => c.PendingOtp is { } otp && InWindow(otp.ExpiresAt)))
        {
            lines.Add((card.PendingOtp!.ExpiresAt, $"""The registration code of card {ConsoleLayout.Encode(card.Account.MaskedPan)} (card id {ConsoleLayout.Encode(card.CardId)}) expired unconfirmed"""));
        }

        var items = lines.Count == 0
            ? "<li>Nothing fell due.</li>"
            : string.Concat(lines.OrderBy(l => l.At).Select(l => $"<li>{ConsoleLayout.Date(l.At)}: {l.Html}</li>"));
        return $"""
            <section class="ok" role="status" data-testid="triggered">
            <strong>The clock moved {ConsoleLayout.Duration(to - from)}, from {ConsoleLayout.Date(from)} to {ConsoleLayout.Date(to)}.</strong>
            <ul>{items}</ul>
            </section>
            """;
    }

    private static (DateTimeOffset From, DateTimeOffset To)? MovedWindow(ConsoleRequest console) =>
        long.TryParse(console.Query("moved_from"), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
        && long.TryParse(console.Query("moved_to"), NumberStyles.None, CultureInfo.InvariantCulture, out var to)
        && from <= to && to <= 32_503_680_000
            ? (DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to))
            : null;

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
