using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tenants;

/// <summary>
/// The public links the sandbox hands out (receipt pages, invoice pay pages). They carry no Auth, so each
/// is an unguessable id that leads back to exactly one tenant.
/// </summary>
public sealed class HostedPages
{
    private readonly ConcurrentDictionary<string, Tenant> receipts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tenant> invoices = new(StringComparer.Ordinal);

    /// <summary>A new 12-digit fiscal sign, like the real receipts' s=088681055845, owned by <paramref name="tenant"/>.</summary>
    public string NewReceipt(Tenant tenant) => Claim(receipts, tenant, () =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture) +
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture));

    /// <summary>A new 32-hex invoice hash, like the docs' 22c1c9ac0f85522db3a07b089be13e7f.</summary>
    public string NewInvoice(Tenant tenant) => Claim(invoices, tenant, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public bool TryGetReceiptOwner(string fiscalSign, [NotNullWhen(true)] out Tenant? tenant) => receipts.TryGetValue(fiscalSign, out tenant);

    public bool TryGetInvoiceOwner(string hash, [NotNullWhen(true)] out Tenant? tenant) => invoices.TryGetValue(hash, out tenant);

    /// <summary>Links handed out and still alive: at most each tenant's invoices and receipts (both capped per tenant).</summary>
    public int Count => receipts.Count + invoices.Count;

    /// <summary>
    /// Drops every link of <paramref name="tenant"/>: called when its state is wiped (POST /_sandbox/reset), under its
    /// gate, so the index never keeps links to invoices and receipts that no longer exist.
    /// </summary>
    public void Forget(Tenant tenant)
    {
        foreach (var index in new[] { receipts, invoices })
        {
            foreach (var (id, owner) in index)
            {
                if (ReferenceEquals(owner, tenant))
                {
                    index.TryRemove(id, out _);
                }
            }
        }
    }

    /// <summary>
    /// Gives <paramref name="tenant"/> the links of an imported snapshot (after <see cref="Forget"/>), under its gate.
    /// A link another tenant already owns stays that tenant's: ids are random, so only a copied document collides.
    /// </summary>
    public void Adopt(Tenant tenant, IEnumerable<string> fiscalSigns, IEnumerable<string> invoiceHashes)
    {
        foreach (var sign in fiscalSigns)
        {
            receipts.TryAdd(sign, tenant);
        }

        foreach (var hash in invoiceHashes)
        {
            invoices.TryAdd(hash, tenant);
        }
    }

    private static string Claim(ConcurrentDictionary<string, Tenant> index, Tenant tenant, Func<string> newId)
    {
        while (true)
        {
            var id = newId();
            if (index.TryAdd(id, tenant))
            {
                return id;
            }
        }
    }
}
