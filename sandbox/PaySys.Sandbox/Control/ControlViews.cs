using System.Globalization;
using System.Text;
using System.Text.Json;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Control;

/// <summary>How the control API shows a tenant's state: domain objects in, the SPEC §10 views out. Read inside the tenant's step.</summary>
public static class ControlViews
{
    public static ClockView Clock(Tenant tenant) =>
        new(tenant.Clock.GetUtcNow().ToUnixTimeSeconds(), (long)tenant.Clock.Offset.TotalSeconds);

    public static SmsList Sms(TenantState state, string? phone, string? reference) => new([.. state.Sms.Snapshot()
        .Where(m => (phone is null || m.Phone == phone) && (reference is null || m.Reference == reference))
        .Select(m => new SmsView(m.Phone, m.Text, m.Code, m.Purpose, m.Reference, m.SentAt.ToUnixTimeSeconds(), m.ExpiresAt.ToUnixTimeSeconds()))]);

    public static CardView Card(CardAccount account) => new(
        account.Pan, account.Spec.Expiry, account.Phone, account.Spec.Holder, account.Balance, account.Held,
        CardBehaviours.Name(account.Behaviour), account.Spec.Description, account.Spec.Username);

    public static TransactionList Transactions(TenantState state) => new([.. state.Payments.All.Select(p => new TransactionView(
        p.BankTransactionId,
        p.TransactionId,
        (int)p.Status,
        p.Amount,
        p.Order.VendorId,
        p.Order.Product,
        p.Card.MaskedPan,
        p.Order.Hold,
        p.CreatedAt.ToUnixTimeSeconds(),
        [.. p.History.Select(h => new TransactionHistoryView(h.At.ToUnixTimeSeconds(), (int)h.Status, PaymentStateMachine.WireName(h.Event)))]))]);

    public static InvoiceList Invoices(TenantState state) => new([.. state.Invoices.All.Select(i => new InvoiceView(
        i.Id,
        i.Hash,
        i.OrderId,
        i.VendorId,
        i.Amount.ToString("0.00", CultureInfo.InvariantCulture),
        i.Currency,
        i.AmountTiyin,
        (int)i.Status,
        i.OrderNote,
        i.Payment?.BankTransactionId,
        i.CapturedPayment?.TransactionId,
        i.CreatedAt.ToUnixTimeSeconds()))]);

    public static PayoutList Payouts(TenantState state) => new([.. state.Payouts.All.Select(p => new PayoutView(
        p.TransactionId, p.Account, p.Amount, p.Currency, p.VendorId, (int)p.Status, p.CreatedAt.ToUnixTimeSeconds(),
        [.. p.History.Select(h => new TransactionHistoryView(h.At.ToUnixTimeSeconds(), (int)h.Status, h.Event))]))]);

    /// <summary>The journal has its own lock: it is read without the tenant's step.</summary>
    public static JournalList Journal(BoundedLog<JournalEntry> journal) => new([.. journal.Snapshot()
        .Select(e => new JournalView(e.At.ToUnixTimeSeconds(), e.Method, AsJson(e.Request), AsJson(e.Response)))]);

    public static FaultList Faults(TenantState state) => new([.. state.Faults.All.Select(f => new FaultView(
        f.Id, f.Method, FaultRule.KindName(f.Kind), f.DelayMs, f.Code, f.HttpStatus, f.Probability, f.TimesLeft))]);

    public static ServiceView Service(Tenant tenant) => new(
        tenant.ServiceId,
        tenant.State.ServiceBlocked,
        [.. tenant.Merchant.Vendors.Values.OrderBy(v => v.VendorId)
            .Select(v => new VendorView(v.VendorId, v.Commission, tenant.State.BlockedVendors.Contains(v.VendorId)))]);

    /// <summary>A journaled body (UTF-8, card numbers already masked) as JSON, or as a JSON string when it is not JSON.</summary>
    private static JsonElement AsJson(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(utf8), SandboxJsonContext.Default.String);
        }
    }
}
