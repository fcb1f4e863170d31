using System.Globalization;
using System.Text;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Pages;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The tenant's transactions: a list filtered by status, method, card, amount and date, newest first and paged (so a
/// tenant with 100 000 of them answers as fast as one with ten), and one page per transaction with its timeline.
/// </summary>
public static class TransactionsPage
{
    public const int PageSize = 50;

    /// <summary>The methods a transaction can start with, as the list filters them.</summary>
    private static readonly (string Value, string Label, PaymentEvent Origin)[] Methods =
    [
        ("otp", "card + SMS code (pam.prepare_payment)", PaymentEvent.Prepared),
        ("token", "saved card token (pam.payment)", PaymentEvent.Created),
    ];

    private static readonly PaymentStatus[] Statuses = Enum.GetValues<PaymentStatus>();

    public static IResult List(ConsoleRequest console)
    {
        var filter = Filter.Read(console);
        var tenant = console.Tenant;
        var (rows, total, matching) = tenant.Run(_ =>
        {
            var all = tenant.State.Payments.All;
            var page = new List<Payment>(PageSize);
            if (filter.IsEmpty)
            {
                // Unfiltered, a page is a slice: no scan, however many transactions the tenant holds.
                for (var i = all.Count - 1 - (filter.Page * PageSize); i >= 0 && page.Count < PageSize; i--)
                {
                    page.Add(all[i]);
                }

                return (page.Select(p => Row(console, p)).ToList(), all.Count, all.Count);
            }

            var matched = 0;
            for (var i = all.Count - 1; i >= 0; i--)
            {
                if (filter.Matches(all[i]))
                {
                    if (matched >= filter.Page * PageSize && page.Count < PageSize)
                    {
                        page.Add(all[i]);
                    }

                    matched++;
                }
            }

            return (page.Select(p => Row(console, p)).ToList(), all.Count, matched);
        });

        var pages = Math.Max(1, (matching + PageSize - 1) / PageSize);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Transactions</h1>
            <form method="get" action="{ConsoleEndpoints.Prefix}/transactions" aria-label="Filter the transactions">
            <input type="hidden" name="service_id" value="{ConsoleLayout.Encode(console.ServiceId)}">
            <div class="row">
            <div><label for="status">Status</label><select id="status" name="status"><option value="">any</option>{string.Concat(Statuses.Select(s => ConsoleLayout.Option(((int)s).ToString(CultureInfo.InvariantCulture), $"{PaymentStateMachine.Describe(s)} ({(int)s})", filter.StatusText)))}</select></div>
            <div><label for="method">Method</label><select id="method" name="method"><option value="">any</option>{string.Concat(Methods.Select(m => ConsoleLayout.Option(m.Value, m.Label, filter.Method)))}</select></div>
            <div><label for="card">Card (last digits)</label><input id="card" name="card" inputmode="numeric" maxlength="4" size="5" value="{ConsoleLayout.Encode(filter.Card)}"></div>
            <div><label for="min">Min UZS</label><input id="min" name="min" inputmode="decimal" size="8" value="{ConsoleLayout.Encode(filter.MinText)}"></div>
            <div><label for="max">Max UZS</label><input id="max" name="max" inputmode="decimal" size="8" value="{ConsoleLayout.Encode(filter.MaxText)}"></div>
            <div><label for="from">From (virtual date)</label><input id="from" name="from" type="date" value="{ConsoleLayout.Encode(filter.FromText)}"></div>
            <div><label for="to">To</label><input id="to" name="to" type="date" value="{ConsoleLayout.Encode(filter.ToText)}"></div>
            <div><button type="submit">Filter</button></div>
            </div>
            </form>
            {ConsoleLayout.Error(filter.Problem)}
            <p class="muted" data-testid="count">{matching} of {total} transaction(s) match; newest first.</p>
            <div class="scroll"><table data-testid="transactions">
            <thead><tr><th>Bank transaction</th><th>Created (virtual)</th><th>Status</th><th>Amount</th><th>Card</th><th class="hide-narrow">Vendor</th><th class="hide-narrow">Product</th><th class="hide-narrow">Method</th></tr></thead>
            <tbody>{(rows.Count == 0 ? "<tr><td colspan=\"8\" class=\"muted\">No transaction matches.</td></tr>" : string.Concat(rows))}</tbody>
            </table></div>
            """);
        if (pages > 1)
        {
            var previous = filter.Page > 0 ? $"""<a rel="prev" href="{ConsoleLayout.Encode(filter.Link(console, filter.Page - 1))}">← Newer</a>""" : "";
            var next = filter.Page + 1 < pages ? $"""<a rel="next" href="{ConsoleLayout.Encode(filter.Link(console, filter.Page + 1))}">Older →</a>""" : "";
            body.Append(CultureInfo.InvariantCulture, $"""<div class="pager">{previous}<span>page {filter.Page + 1} of {pages}</span>{next}</div>""");
        }

        return ConsoleLayout.Page(console, "/transactions", "Transactions", body.ToString());
    }

    public static IResult Show(string id, ConsoleRequest console)
    {
        var tenant = console.Tenant;
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var bankTransactionId))
        {
            return ConsoleLayout.Page(console, "/transactions", "Not found",
                $"<h1>Not found</h1>{ConsoleLayout.Error($"{id} is not a bank_transaction_id (a number).")}", StatusCodes.Status404NotFound);
        }

        var body = tenant.Run(_ =>
        {
            var state = tenant.State;
            Payment payment;
            try
            {
                payment = state.Payments.FindByBankTransactionId(bankTransactionId);
            }
            catch (Refusal)
            {
                return null;
            }

            var invoice = state.Invoices.All.FirstOrDefault(i => ReferenceEquals(i.Payment, payment));
            return Details(console, payment, invoice);
        });
        return body is null
            ? ConsoleLayout.Page(console, "/transactions", "Not found", $"<h1>Not found</h1>{ConsoleLayout.Error($"There is no transaction {bankTransactionId} in service {console.ServiceId} (the sandbox may have been reset).")}", StatusCodes.Status404NotFound)
            : ConsoleLayout.Page(console, "/transactions", $"Transaction {bankTransactionId}", body);
    }

    public static bool IsExpiry(PaymentEvent paymentEvent) =>
        paymentEvent is PaymentEvent.OtpExpired or PaymentEvent.HoldExpiredAccepted or PaymentEvent.HoldExpiredCancelled;

    /// <summary>What happened, in payment words.</summary>
    public static string EventText(PaymentEvent paymentEvent) => paymentEvent switch
    {
        PaymentEvent.Prepared => "prepared; SMS code sent",
        PaymentEvent.Created => "created for a saved card",
        PaymentEvent.OtpConfirmed => "paid with the SMS code",
        PaymentEvent.OtpConfirmedHold => "held with the SMS code",
        PaymentEvent.TokenPaid => "paid by token",
        PaymentEvent.TokenHeld => "held by token",
        PaymentEvent.OtpBurned => "failed: no code attempts left",
        PaymentEvent.OtpExpired => "failed: the SMS code expired",
        PaymentEvent.HoldAccepted => "hold accepted",
        PaymentEvent.HoldCancelled => "hold cancelled",
        PaymentEvent.HoldExpiredAccepted => "hold expired and was accepted",
        PaymentEvent.HoldExpiredCancelled => "hold expired and was cancelled",
        PaymentEvent.Reversed => "reversed",
        PaymentEvent.VendorCancelled => "cancelled by the vendor",
        PaymentEvent.Refunded => "refunded (in part or in full)",
        _ => PaymentStateMachine.WireName(paymentEvent),
    };

    /// <summary>What caused a step: the gateway call, the clock, or (without a call) the pay page or the control API.</summary>
    private static string Cause(PaymentHistoryEntry step, bool fromInvoice) => step.Call switch
    {
        { } call => $"<code>{ConsoleLayout.Encode(call)}</code>",
        null when IsExpiry(step.Event) => "the virtual clock (expiry)",
        null when fromInvoice => "the invoice's pay page",
        _ => "the control API",
    };

    private static string Row(ConsoleRequest console, Payment p) =>
        $"""
        <tr data-testid="transaction"><td class="num"><a href="{ConsoleLayout.Encode(console.Link($"/transactions/{p.BankTransactionId}"))}">{p.BankTransactionId}</a></td>
        <td class="num">{ConsoleLayout.Date(p.CreatedAt)}</td><td>{ConsoleLayout.StatusBadge(p.Status)}</td>
        <td class="num">{ConsoleLayout.Sum(p.Amount)}</td><td class="num">{ConsoleLayout.Encode(p.Card.MaskedPan)}</td>
        <td class="num hide-narrow">{p.Order.VendorId}</td><td class="hide-narrow">{ConsoleLayout.Encode(p.Order.Product)}</td>
        <td class="hide-narrow">{(p.History[0].Event == PaymentEvent.Prepared ? "SMS code" : "token")}{(p.Order.Hold ? ", hold" : "")}</td></tr>
        """;

    private static string Details(ConsoleRequest console, Payment p, Invoice? invoice)
    {
        static string Row(string name, string html) => $"<dt>{name}</dt><dd>{html}</dd>";

        var timeline = string.Concat(p.History.Select(h => $"""
            <tr data-testid="step"><td class="num">{ConsoleLayout.Date(h.At)}</td><td class="num">{ConsoleLayout.Date(h.Wall)}</td>
            <td>{ConsoleLayout.StatusBadge(h.Status)}</td><td>{ConsoleLayout.Encode(EventText(h.Event))} <span class="muted">({PaymentStateMachine.WireName(h.Event)})</span></td>
            <td>{Cause(h, invoice is not null)}</td></tr>
            """));
        var receipt = p.ReceiptId is null
            ? "not issued yet (paysys.get_fiscal_cheque)"
            : $"""<a href="{ConsoleLayout.Encode(ReceiptPage.Url(console.BaseUrl, console.Tenant.Merchant, p))}">fiscal receipt</a>""";
        var hold = p.Order.Hold
            ? $"yes, {ConsoleLayout.Duration(TimeSpan.FromSeconds(p.Order.HoldingTimeSeconds))} (until {ConsoleLayout.Date(p.CreatedAt.AddSeconds(p.Order.HoldingTimeSeconds))}), then {(p.Order.AfterExpired == HoldExpiryAction.Accept ? "accepted" : "cancelled")}"
            : "no";
        var invoiceLink = invoice is null
            ? "—"
            : $"""invoice {invoice.Id} (<a href="{ConsoleLayout.Encode(PayPage.Url(console.BaseUrl, invoice.Hash))}">pay page</a>)""";
        return $"""
            <p><a href="{ConsoleLayout.Encode(console.Link("/transactions"))}">← All transactions</a></p>
            <h1>Transaction {p.BankTransactionId}</h1>
            <div class="amount">{ConsoleLayout.Sum(p.Amount)}</div>
            <p data-testid="status">Status: {ConsoleLayout.StatusBadge(p.Status)}</p>
            <dl>
            {Row("Bank transaction id", ConsoleLayout.Number(p.BankTransactionId))}
            {Row("Transaction id", ConsoleLayout.Number(p.TransactionId))}
            {Row("Card", ConsoleLayout.Encode(p.Card.MaskedPan) + (p.CardId is null ? "" : $" (card id {ConsoleLayout.Encode(p.CardId)})"))}
            {Row("Phone", ConsoleLayout.Encode(CardMasking.MaskPhone(p.Order.PhoneNumber)))}
            {Row("Vendor", ConsoleLayout.Number(p.Order.VendorId))}
            {Row("Product", ConsoleLayout.Encode(p.Order.Product))}
            {Row("Comment", ConsoleLayout.Encode(p.Order.Comment ?? "—"))}
            {Row("Hold", hold)}
            {Row("Reference number", ConsoleLayout.Encode(p.ReferenceNumber))}
            {Row("Refunded", p.RefundCount == 0 ? "nothing" : $"{ConsoleLayout.Sum(p.RefundedAmount)} in {p.RefundCount} refund(s)")}
            {Row("Receipt", receipt)}
            {Row("Invoice", invoiceLink)}
            </dl>
            <h2>Timeline</h2>
            <div class="scroll"><table data-testid="timeline">
            <thead><tr><th>Virtual time</th><th>Real time</th><th>Status</th><th>What happened</th><th>Caused by</th></tr></thead>
            <tbody>{timeline}</tbody></table></div>
            """;
    }

    /// <summary>The list's filter, read from the query; what cannot be read is named in <see cref="Problem"/> and ignored.</summary>
    private sealed class Filter
    {
        public string StatusText { get; private init; } = "";
        public string Method { get; private init; } = "";
        public string Card { get; private init; } = "";
        public string MinText { get; private init; } = "";
        public string MaxText { get; private init; } = "";
        public string FromText { get; private init; } = "";
        public string ToText { get; private init; } = "";
        public int Page { get; private init; }
        public string? Problem { get; private set; }

        private PaymentStatus? status;
        private long? min;
        private long? max;
        private DateTimeOffset? from;
        private DateTimeOffset? to;
        private PaymentEvent? origin;

        public static Filter Read(ConsoleRequest console)
        {
            var filter = new Filter
            {
                StatusText = console.Query("status"),
                Method = console.Query("method"),
                Card = new string([.. console.Query("card").Where(char.IsAsciiDigit).Take(4)]),
                MinText = console.Query("min"),
                MaxText = console.Query("max"),
                FromText = console.Query("from"),
                ToText = console.Query("to"),
                Page = int.TryParse(console.Query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page < 1_000_000 ? page : 0,
            };
            var problems = new List<string>();
            if (filter.StatusText.Length > 0)
            {
                if (int.TryParse(filter.StatusText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) && Enum.IsDefined((PaymentStatus)code))
                {
                    filter.status = (PaymentStatus)code;
                }
                else
                {
                    problems.Add("status");
                }
            }

            if (filter.Method.Length > 0)
            {
                var method = Methods.FirstOrDefault(m => m.Value == filter.Method);
                if (method.Value is null)
                {
                    problems.Add("method");
                }
                else
                {
                    filter.origin = method.Origin;
                }
            }

            filter.min = Tiyin(filter.MinText, "min", problems);
            filter.max = Tiyin(filter.MaxText, "max", problems);
            filter.from = Day(filter.FromText, "from", problems);
            filter.to = Day(filter.ToText, "to", problems)?.AddDays(1);
            if (problems.Count > 0)
            {
                filter.Problem = $"Ignored what could not be read: {string.Join(", ", problems)} (amounts in UZS such as 1000.50, dates as YYYY-MM-DD).";
            }

            return filter;
        }

        public bool IsEmpty => status is null && origin is null && Card.Length == 0 && min is null && max is null && from is null && to is null;

        public bool Matches(Payment p) =>
            (status is null || p.Status == status)
            && (origin is null || p.History[0].Event == origin)
            && (Card.Length == 0 || p.Card.Pan.EndsWith(Card, StringComparison.Ordinal))
            && (min is null || p.Amount >= min)
            && (max is null || p.Amount <= max)
            && (from is null || p.CreatedAt >= from)
            && (to is null || p.CreatedAt < to);

        public string Link(ConsoleRequest console, int page) => console.Link("/transactions",
            ("status", StatusText), ("method", Method), ("card", Card), ("min", MinText), ("max", MaxText),
            ("from", FromText), ("to", ToText), ("page", page == 0 ? null : page.ToString(CultureInfo.InvariantCulture)));

        private static long? Tiyin(string text, string name, List<string> problems)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var sum) && sum < 1_000_000_000_000m)
            {
                return (long)(sum * 100);
            }

            problems.Add(name);
            return null;
        }

        private static DateTimeOffset? Day(string text, string name, List<string> problems)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            problems.Add(name);
            return null;
        }
    }
}
