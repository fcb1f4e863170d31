using System.Globalization;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Pages;

namespace PaySys.Sandbox.Rpc.Methods;

/// <summary>paysys.invoice_create: an invoice whose payment_url is the sandbox's own pay page.</summary>
public static class PaysysInvoiceCreate
{
    public const string Name = "paysys.invoice_create";

    /// <summary>The only documented payment system: -1, PaySys itself.</summary>
    public const long PaySysPaymentId = -1;

    public static readonly string[] Currencies = ["USD", "RUB", "UZS", "EUR", "TRL"];

    public static RpcMethod Method { get; } =
        RpcMethod.Create(Name, Params.Read, Handle, SandboxJsonContext.Default.PaysysInvoiceCreateResult);

    public static Result Handle(Params p, SandboxContext ctx)
    {
        var invoice = ctx.State.Invoices.Create(() => ctx.Pages.NewInvoice(ctx.Tenant), p.OrderId, p.VendorId, p.Amount, p.Currency, p.OrderNote, ctx.Operation);
        return new Result(
            invoice.Id,
            invoice.VendorId,
            PaySysPaymentId,
            invoice.OrderId,
            invoice.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            invoice.Currency,
            (int)invoice.Status,
            invoice.OrderNote ?? "",
            PayPage.Url(ctx.BaseUrl, invoice.Hash),
            invoice.Hash,
            invoice.CreatedAt.ToUnixTimeSeconds());
    }

    public sealed record Params(string OrderId, long VendorId, string Currency, decimal Amount, string? OrderNote)
    {
        public static Params Read(ParamReader r)
        {
            var orderId = r.RequiredString("order_id");
            var vendorId = r.RequiredId("vendor_id");
            if (r.RequiredInteger("payment_id") != PaySysPaymentId)
            {
                throw RpcException.InvalidParam("payment_id", "payment_id must be -1 (PaySys), the only documented payment system");
            }

            return new Params(orderId, vendorId, r.RequiredEnum("currency", Currencies), r.RequiredMajorAmount("amount"), r.OptionalString("order_note"));
        }
    }

    public sealed record Result(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("vendor_id")] long VendorId,
        [property: JsonPropertyName("payment_id")] long PaymentId,
        [property: JsonPropertyName("order_id")] string OrderId,
        [property: JsonPropertyName("amount")] string Amount,
        [property: JsonPropertyName("currency")] string Currency,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("order_note")] string OrderNote,
        [property: JsonPropertyName("payment_url")] string PaymentUrl,
        [property: JsonPropertyName("hash")] string Hash,
        [property: JsonPropertyName("date")] long Date);
}
