using System.Globalization;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Pages;

/// <summary>
/// The hosted pay page behind an invoice's payment_url: the customer enters a catalogue card and phone,
/// receives an OTP in the sandbox's outbox, and enters it. Plain HTML forms, no JavaScript.
/// A card number may be typed grouped (<c>8600 4907 4431 3347</c>) and a phone with + and spaces. After a refusal
/// the form keeps what was typed, except a complete card number: a page never shows one, so the shopper types it
/// again (told which card, masked). Once paid, the page links to the payment's fiscal receipt (issuing it, as the
/// real gateway fiscalises a completed payment; paysys.get_fiscal_cheque returns the same one) and back to the
/// vendor's ReturnUrl when one is configured.
/// </summary>
public static class PayPage
{
    /// <summary>16 digits in groups of 4 with a space between: 19 characters.</summary>
    private const int GroupedCardNumberLength = 19;

    /// <summary>+998 90 111 22 33: 17 characters.</summary>
    private const int GroupedPhoneLength = 17;

    /// <summary>What the shopper typed into the card form, kept for the next render after a refusal.</summary>
    private sealed record Typed(string CardNumber, string Expiry, string Phone)
    {
        public static readonly Typed Nothing = new("", "", "");
    }

    public const string Path = "/payform";

    public static string Url(string baseUrl, string hash) => $"{baseUrl.TrimEnd('/')}{Path}?hash={hash}";

    public static IResult Show(string? hash, HostedPages pages) =>
        WithInvoice(hash, pages, (tenant, invoice, _) => Render(tenant, invoice, pages, message: null)).Page;

    public static async Task<IResult> Submit(HttpRequest request, HostedPages pages, SandboxOptions options, TimeProvider realClock)
    {
        if (!request.HasFormContentType)
        {
            return NotTheForm();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A form content type with a body that is no such form (a multipart body without its boundary, a cut-off body).
            return NotTheForm();
        }

        string Field(string name) => form[name].ToString().Trim();

        var typed = new Typed(Field("card_number"), Field("card_expire"), Field("phone_number"));
        var (pan, phone) = (Ungroup(typed.CardNumber), Ungroup(typed.Phone).TrimStart('+'));
        var (page, slow) = WithInvoice(Field("hash"), pages, (tenant, invoice, op) =>
        {
            try
            {
                switch (Field("action"))
                {
                    case "pay":
                        tenant.State.Invoices.StartPayment(invoice, pan, typed.Expiry, phone, op);
                        break;
                    case "confirm":
                        tenant.State.Invoices.ConfirmPayment(invoice, Field("code"), op);
                        break;
                    case "cancel":
                        tenant.State.Invoices.Cancel(invoice, op);
                        break;
                    default:
                        return Render(tenant, invoice, pages, "Choose Pay, Confirm or Cancel.");
                }

                return Render(tenant, invoice, pages, message: null);
            }
            catch (Refusal refused)
            {
                return Render(tenant, invoice, pages, CardMasking.MaskSecrets(refused.Describe(FieldNames)), typed);
            }
        }, ValidateCardFields(pan, typed.Expiry, phone, Field("action")), typed);

        if (slow)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.SlowCardDelayMs), realClock, request.HttpContext.RequestAborted);
        }

        return page;
    }

    /// <summary>The page names what a refusal is about by its form fields, as the gateway names its params.</summary>
    private static readonly SubjectNames FieldNames = subject => subject switch
    {
        Subject.CardNumber => "card_number",
        Subject.CardExpiry => "card_expire",
        Subject.Phone => "phone_number",
        Subject.Code => "confirmation_code",
        _ => subject.ToString(),
    };

    /// <summary>The grouped forms a shopper types (8600 4907 4431 3347, 8600-4907-…, +998 90 111 22 33) as the digits the gateway takes.</summary>
    private static string Ungroup(string text) =>
        text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private static IResult NotTheForm() =>
        PageLayout.Html(PageLayout.Render("Bad request", "<h1>Bad request</h1><p>Send the pay page's form.</p>"), StatusCodes.Status400BadRequest);

    /// <summary>The same format rules as the gateway, so the page shows the catalogue's message for a typo too.</summary>
    private static string? ValidateCardFields(string pan, string expiry, string phone, string action)
    {
        if (action != "pay")
        {
            return null;
        }

        if (!CardNumber.TryParse(pan, out _, out _))
        {
            return Reasons.InvalidCardNumber.Message;
        }

        if (!CardExpiry.TryParse(expiry, out _, out _))
        {
            return Reasons.InvalidCardExpiry.Message;
        }

        return PhoneNumber.TryParse(phone, out _, out _) ? null : Reasons.InvalidPhone.Message;
    }

    private static (IResult Page, bool Slow) WithInvoice(
        string? hash, HostedPages pages, Func<Tenant, Invoice, Operation, string> act, string? inputProblem = null, Typed? typed = null)
    {
        if (string.IsNullOrEmpty(hash) || !pages.TryGetInvoiceOwner(hash, out var tenant))
        {
            return (PageLayout.NotFound("There is no invoice with this link."), false);
        }

        return tenant.Run(op =>
        {
            var invoice = tenant.State.Invoices.Find(hash);
            if (invoice is null)
            {
                return (PageLayout.NotFound("There is no invoice with this link (the sandbox may have been reset)."), false);
            }

            var html = inputProblem is null ? act(tenant, invoice, op) : Render(tenant, invoice, pages, inputProblem, typed);
            return (PageLayout.Html(html), op.TouchedSlowCard);
        });
    }

    private static string Render(Tenant tenant, Invoice invoice, HostedPages pages, string? message, Typed? typed = null)
    {
        typed ??= Typed.Nothing;
        // A complete card number is never written into a page, not even back into its own field.
        var keptCardNumber = CardMasking.MaskSecrets(typed.CardNumber) == typed.CardNumber ? typed.CardNumber : "";
        var retype = keptCardNumber.Length == 0 && typed.CardNumber.Length > 0
            ? $"""<p class="muted" data-testid="retype-card">Type card {PageLayout.Encode(CardMasking.MaskSecrets(typed.CardNumber))} again: the sandbox never shows a card number back.</p>"""
            : "";
        var returnLink = ReturnUrl(tenant, invoice) is { } back
            ? $"""<a class="button secondary" data-testid="return" href="{PageLayout.Encode(back)}">Back to {PageLayout.Encode(tenant.Merchant.Name)}</a>"""
            : "";
        var error = message is null ? "" : $"""<div class="error" role="alert" data-testid="error">{PageLayout.Encode(message)}</div>""";
        var hidden = $"""<input type="hidden" name="hash" value="{PageLayout.Encode(invoice.Hash)}">""";
        var cancel = """<button class="secondary" type="submit" name="action" value="cancel" formnovalidate>Cancel payment</button>""";
        var header = $"""
            <h1>{PageLayout.Encode(tenant.Merchant.Name)}</h1>
            <p class="muted">Invoice {invoice.Id} · order {PageLayout.Encode(invoice.OrderId)} · vendor {invoice.VendorId}</p>
            <div class="amount" data-testid="amount">{invoice.Amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {PageLayout.Encode(invoice.Currency)}</div>
            {(invoice.Currency == CurrencyRates.Sum ? "" : $"<p class=\"muted\">Charged as {PageLayout.Sum(invoice.AmountTiyin)}</p>")}
            {(string.IsNullOrEmpty(invoice.OrderNote) ? "" : $"<p>{PageLayout.Encode(invoice.OrderNote)}</p>")}
            <p class="muted" data-testid="status">Status: {StatusText(invoice.Status)} ({(int)invoice.Status})</p>
            """;

        var body = invoice.Status switch
        {
            InvoiceStatus.Paid => $"""
                {error}
                <div class="ok" role="status" data-testid="paid">Paid. Transaction {invoice.Payment!.TransactionId}, card {PageLayout.Encode(invoice.Payment.Card.MaskedPan)}.</div>
                <div class="row"><a class="button" data-testid="receipt" href="{PageLayout.Encode(ReceiptLink(tenant, invoice.Payment, pages))}">Fiscal receipt</a>{returnLink}</div>
                """,
            InvoiceStatus.Cancelled => $"""
                {error}
                <div class="error" role="status" data-testid="cancelled">This invoice is cancelled.{Returned(invoice)}</div>
                <div class="row">{(invoice.CapturedPayment is { Status: PaymentStatus.Returned } refunded
                    ? $"""<a class="button" data-testid="receipt" href="{PageLayout.Encode(ReceiptLink(tenant, refunded, pages))}">Fiscal receipt</a>"""
                    : "")}{returnLink}</div>
                """,
            InvoiceStatus.BeingPaid => $"""
                {error}
                <form method="post" action="{Path}">
                {hidden}
                <p>We sent a 6-digit code to {PageLayout.Encode(CardMasking.MaskPhone(invoice.Payment!.Order.PhoneNumber))}.</p>
                <p class="muted">Sandbox: the code is in the SMS outbox, GET /_sandbox/sms?service_id={PageLayout.Encode(tenant.ServiceId)}&amp;reference={invoice.Payment.BankTransactionId}</p>
                <label for="code">Code from SMS</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
                <div class="row"><button type="submit" name="action" value="confirm">Confirm</button>{cancel}</div>
                </form>
                """,
            _ => $"""
                {error}
                <form method="post" action="{Path}">
                {hidden}
                <label for="card_number">Card number</label>
                <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="16 digits, spaces allowed" maxlength="{GroupedCardNumberLength}" value="{PageLayout.Encode(keptCardNumber)}" required>
                {retype}
                <label for="card_expire">Expiry (YYMM)</label>
                <input id="card_expire" name="card_expire" inputmode="numeric" autocomplete="off" placeholder="year and month, 4 digits" maxlength="4" value="{PageLayout.Encode(typed.Expiry)}" required>
                <label for="phone_number">Phone linked to the card</label>
                <input id="phone_number" name="phone_number" inputmode="tel" autocomplete="tel" placeholder="998 and 9 digits" maxlength="{GroupedPhoneLength}" value="{PageLayout.Encode(typed.Phone)}" required>
                <div class="row"><button type="submit" name="action" value="pay">Pay</button>{cancel}</div>
                </form>
                """,
        };
        return PageLayout.Render($"Pay invoice {invoice.Id}", header + body);
    }

    /// <summary>The paid payment's receipt, relative to this page (so it works under any host name or proxy).</summary>
    private static string ReceiptLink(Tenant tenant, Payment payment, HostedPages pages) =>
        ReceiptPage.Url("", tenant.Merchant, FiscalReceipts.Issue(payment, () => pages.NewReceipt(tenant)));

    /// <summary>The invoice vendor's configured ReturnUrl (PAYSYS_MERCHANTS__0__VENDORS__0__RETURN_URL), if it is an absolute http(s) URL.</summary>
    private static string? ReturnUrl(Tenant tenant, Invoice invoice) =>
        tenant.Merchant.Vendors.TryGetValue(invoice.VendorId, out var vendor) &&
        Uri.TryCreate(vendor.ReturnUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url.AbsoluteUri
            : null;

    /// <summary>Why a paid invoice is cancelled now: the merchant cancelled, reversed or refunded its payment.</summary>
    private static string Returned(Invoice invoice) => invoice.CapturedPayment switch
    {
        null => "",
        { Status: PaymentStatus.Returned } refunded =>
            $""" <span data-testid="refunded">Its payment (transaction {refunded.TransactionId}) was refunded: {PageLayout.Sum(refunded.RefundedAmount)} returned to card {PageLayout.Encode(refunded.Card.MaskedPan)}.</span>""",
        var cancelled =>
            $""" <span data-testid="payment-cancelled">Its payment (transaction {cancelled.TransactionId}) was cancelled: {PageLayout.Sum(cancelled.Amount)} returned to card {PageLayout.Encode(cancelled.Card.MaskedPan)}.</span>""",
    };

    private static string StatusText(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Error => "last attempt failed",
        InvoiceStatus.Created => "awaiting payment",
        InvoiceStatus.BeingPaid => "awaiting the SMS code",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };
}
