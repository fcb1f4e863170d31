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

    public static SmsList Sms(TenantState state, string? phone, string? reference, ListPage page)
    {
        var (messages, next) = page.Of(state.Sms.Snapshot()
            .Where(m => (phone is null || m.Phone == phone) && (reference is null || m.Reference == reference))
            .ToList());
        return new([.. messages.Select(m => new SmsView(m.Phone, m.Text, m.Code, m.Purpose, m.Reference, m.SentAt.ToUnixTimeSeconds(), m.ExpiresAt.ToUnixTimeSeconds()))], next);
    }

    public static CardList Cards(TenantState state, ListPage page)
    {
        var (accounts, next) = page.Of(state.Cards.Accounts);
        return new([.. accounts.Select(Card)], next);
    }

    public static CardView Card(CardAccount account) => new(
        account.Pan, account.Spec.Expiry, account.Phone, account.Spec.Holder, account.Balance, account.Held,
        CardBehaviours.Name(account.Behaviour), account.Spec.Description, account.Spec.Username, account.Status);

    public static TransactionList Transactions(TenantState state, ListPage page)
    {
        var (payments, next) = page.Of(state.Payments.All);
        return new([.. payments.Select(Transaction)], next);
    }

    public static InvoiceList Invoices(TenantState state, ListPage page)
    {
        var (invoices, next) = page.Of(state.Invoices.All);
        return new([.. invoices.Select(Invoice)], next);
    }

    public static PayoutList Payouts(TenantState state, ListPage page)
    {
        var (payouts, next) = page.Of(state.Payouts.All);
        return new([.. payouts.Select(Payout)], next);
    }

    /// <summary>The journal has its own lock: it is read without the tenant's step, and only the page's bodies are decoded.</summary>
    public static JournalList Journal(RequestJournal journal, ListPage page)
    {
        var (entries, next) = page.Of(journal.Snapshot());
        return new([.. entries.Select(e => new JournalView(e.At.ToUnixTimeSeconds(), e.Method, AsJson(e.Request), AsJson(e.Response)))], next);
    }

    public static FaultList Faults(TenantState state, ListPage page)
    {
        var (rules, next) = page.Of(state.Faults.All);
        return new([.. rules.Select(f => new FaultView(
            f.Id, f.Method, FaultRule.KindName(f.Kind), f.DelayMs, f.Code, f.HttpStatus, f.Probability, f.TimesLeft))], next);
    }

    public static FaultList Faults(TenantState state) => Faults(state, ListPage.First);

    private static TransactionView Transaction(Payment p) => new(
        p.BankTransactionId,
        p.TransactionId,
        (int)p.Status,
        p.Amount,
        p.Order.VendorId,
        p.Order.Product,
        p.Card.MaskedPan,
        p.Order.Hold,
        p.CreatedAt.ToUnixTimeSeconds(),
        [.. p.History.Select(h => new TransactionHistoryView(h.At.ToUnixTimeSeconds(), (int)h.Status, PaymentStateMachine.WireName(h.Event)))]);

    public static InvoiceView Invoice(Invoice i) => new(
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
        i.CreatedAt.ToUnixTimeSeconds());

    private static PayoutView Payout(Payout p) => new(
        p.TransactionId, p.Account, p.Amount, p.Currency, p.VendorId, (int)p.Status, p.CreatedAt.ToUnixTimeSeconds(),
        [.. p.History.Select(h => new TransactionHistoryView(h.At.ToUnixTimeSeconds(), (int)h.Status, h.Event))]);

    public static ServiceView Service(Tenant tenant) => new(
        tenant.ServiceId,
        tenant.State.ServiceBlocked,
        [.. tenant.Merchant.Vendors.Values.OrderBy(v => v.VendorId)
            .Select(v => new VendorView(v.VendorId, v.Commission, tenant.State.BlockedVendors.Contains(v.VendorId),
                tenant.Merchant.MerchantIdOf(v.VendorId), tenant.Merchant.TerminalIdOf(v.VendorId)))]);

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
