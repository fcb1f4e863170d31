using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tenants;
using QRCoder;

namespace PaySys.Sandbox.Pages;

/// <summary>
/// The printable fiscal receipt behind paysys.get_fiscal_cheque. Its URL has the shape of the real
/// receipts (ofd.soliq.uz/epi?t=…&amp;r=…&amp;c=…&amp;s=…): t the terminal, r the transaction, c the time, s the fiscal sign.
/// </summary>
public static class ReceiptPage
{
    public const string Path = "/receipt";

    public static string Url(string baseUrl, Merchant merchant, Payment payment) => Url(baseUrl, Path, merchant, payment);

    /// <summary>The link at another host and path (PAYSYS_RECEIPT_LINK_HOST, PAYSYS_RECEIPT_LINK_PATH), same query.</summary>
    public static string Url(string baseUrl, string path, Merchant merchant, Payment payment) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{baseUrl.TrimEnd('/')}{path}?t=EP{merchant.TerminalIdOf(payment.Order.VendorId).PadLeft(12, '0')}&r={payment.TransactionId}&c={(payment.CompletedAt ?? payment.CreatedAt):yyyyMMddHHmmss}&s={payment.ReceiptId}");

    public static IResult Show([FromQuery(Name = "r")] long? transactionId, [FromQuery(Name = "s")] string? fiscalSign, HostedPages pages, HttpRequest request)
    {
        if (fiscalSign is null || transactionId is null || !pages.TryGetReceiptOwner(fiscalSign, out var tenant))
        {
            return PageLayout.NotFound("There is no receipt with this fiscal sign.");
        }

        var html = tenant.Run(_ =>
            tenant.State.Payments.TryFindByTransactionId(transactionId.Value, out var payment) && payment.ReceiptId == fiscalSign
                ? Render(tenant.Merchant, payment, InvoiceOf(tenant, payment), $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}")
                : null);
        return html is null
            ? PageLayout.NotFound("There is no receipt with this fiscal sign (the sandbox may have been reset).")
            : PageLayout.Html(html);
    }

    /// <summary>The invoice this payment paid, if it came from a pay page (a receipt is rare: the scan is fine).</summary>
    private static Invoice? InvoiceOf(Tenant tenant, Payment payment) =>
        tenant.State.Invoices.All.FirstOrDefault(i => ReferenceEquals(i.Payment, payment));

    private static string Render(Merchant merchant, Payment payment, Invoice? invoice, string selfUrl)
    {
        static string Row(string name, string value, string? testId = null) =>
            $"<dt>{name}</dt><dd{(testId is null ? "" : $" data-testid=\"{testId}\"")}>{PageLayout.Encode(value)}</dd>";

        var refunded = payment.RefundedAmount > 0
            ? Row("Refunded", PageLayout.Sum(payment.RefundedAmount), "refunded") + Row("Net", PageLayout.Sum(payment.Amount - payment.RefundedAmount), "net")
            : "";
        // The shopper agreed to pay the invoice in its own currency; the receipt is in UZS, so both are shown.
        var invoiceAmount = invoice is null || invoice.Currency == CurrencyRates.Sum
            ? ""
            : $"""<p class="muted" data-testid="invoice-amount">Invoice {invoice.Id}: {invoice.Amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {PageLayout.Encode(invoice.Currency)}</p>""";
        var body = $"""
            <h1>Fiscal receipt</h1>
            <p class="muted">{PageLayout.Encode(merchant.Name)} · service {PageLayout.Encode(merchant.ServiceId)}</p>
            <div class="amount" data-testid="amount">{PageLayout.Sum(payment.Amount)}</div>
            {invoiceAmount}
            <dl>
            {Row("Vendor", payment.Order.VendorId.ToString(CultureInfo.InvariantCulture))}
            {Row("Order", payment.Order.Product)}
            {Row("Card", payment.Card.MaskedPan)}
            {Row("Date", PageLayout.Date(payment.CompletedAt ?? payment.CreatedAt))}
            {Row("Transaction", payment.TransactionId.ToString(CultureInfo.InvariantCulture))}
            {Row("Bank transaction", payment.BankTransactionId.ToString(CultureInfo.InvariantCulture))}
            {Row("Reference", payment.ReferenceNumber)}
            {Row("Terminal", merchant.TerminalIdOf(payment.Order.VendorId))}
            {Row("Merchant id", merchant.MerchantIdOf(payment.Order.VendorId))}
            {refunded}
            {Row("Fiscal sign", payment.ReceiptId!)}
            </dl>
            <img class="qr" alt="QR code of this receipt's address" src="data:image/png;base64,{QrPng(selfUrl)}">
            <div class="row"><button onclick="window.print()">Print</button></div>
            """;
        return PageLayout.Render($"Receipt {payment.TransactionId}", body);
    }

    private static string QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
    }
}
