using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaySys.Sandbox.Domain;

/// <summary>One field of a callback body: its wire name, its text (what SIGN_STRING joins) and whether it goes as a JSON number.</summary>
public readonly record struct CallbackField(string Name, string Text, bool IsNumber);

/// <summary>A callback as it goes out: where to, and its fields in the documented order, SIGN_STRING last.</summary>
public sealed record CallbackMessage(CallbackKind Kind, string Url, IReadOnlyList<CallbackField> Fields)
{
    public string? this[string name] => Fields.FirstOrDefault(f => f.Name == name).Text;
}

/// <summary>
/// The Web-kassa callbacks' documented fields and their MD5 SIGN_STRING formulas (paysys-callbacks.md):
/// md5(secret + the signed fields' texts, joined without separators), UTF-8, lower-case hex. One table says which
/// fields each callback signs and in what order.
/// </summary>
public static class CallbackMessages
{
    /// <summary>What ENVIRONMENT says in every Pay callback: the gateway's test environment, never "live".</summary>
    public const string Environment = "sandbox";

    public const string Paid = "2";
    public const string Cancelled = "3";

    private static readonly FrozenDictionary<CallbackKind, string[]> SignedFields = new Dictionary<CallbackKind, string[]>
    {
        [CallbackKind.Info] = ["MERCHANT_TRANS_ID", "SIGN_TIME"],
        [CallbackKind.Pay] = ["AGR_TRANS_ID", "VENDOR_ID", "PAYMENT_ID", "PAYMENT_NAME", "MERCHANT_TRANS_ID", "MERCHANT_TRANS_AMOUNT", "ENVIRONMENT", "SIGN_TIME"],
        [CallbackKind.Notify] = ["AGR_TRANS_ID", "VENDOR_TRANS_ID", "STATUS", "SIGN_TIME"],
        [CallbackKind.Cancel] = ["AGR_TRANS_ID", "VENDOR_TRANS_ID", "SIGN_TIME"],
        [CallbackKind.Statement] = ["FROM", "TO", "SIGN_TIME"],
    }.ToFrozenDictionary();

    public static CallbackMessage Info(string url, string secret, string merchantTransId, long signTime) =>
        Signed(CallbackKind.Info, url, secret, [Text("MERCHANT_TRANS_ID", merchantTransId), Number("SIGN_TIME", signTime)]);

    public static CallbackMessage Pay(string url, string secret, CallbackChain chain, long signTime) =>
        Signed(CallbackKind.Pay, url, secret,
        [
            Number("VENDOR_ID", chain.VendorId),
            Number("PAYMENT_ID", chain.PaymentId),
            Text("PAYMENT_NAME", chain.PaymentName),
            Number("AGR_TRANS_ID", chain.AgrTransId),
            Text("MERCHANT_TRANS_ID", chain.MerchantTransId),
            new("MERCHANT_TRANS_AMOUNT", chain.Amount, IsNumber: true),
            Text("ENVIRONMENT", Environment),
            Number("SIGN_TIME", signTime),
        ]);

    public static CallbackMessage Notify(string url, string secret, CallbackChain chain, string status, long signTime) =>
        Signed(CallbackKind.Notify, url, secret,
        [
            Number("AGR_TRANS_ID", chain.AgrTransId),
            Text("VENDOR_TRANS_ID", chain.VendorTransId ?? ""),
            Text("STATUS", status),
            Number("SIGN_TIME", signTime),
        ]);

    public static CallbackMessage Cancel(string url, string secret, CallbackChain chain, long signTime) =>
        Signed(CallbackKind.Cancel, url, secret,
        [
            Number("AGR_TRANS_ID", chain.AgrTransId),
            Text("VENDOR_TRANS_ID", chain.VendorTransId ?? ""),
            Number("SIGN_TIME", signTime),
        ]);

    public static CallbackMessage Statement(string url, string secret, long from, long to, long signTime) =>
        Signed(CallbackKind.Statement, url, secret, [Number("FROM", from), Number("TO", to), Number("SIGN_TIME", signTime)]);

    /// <summary>md5(secret + parts joined), lower-case hex of the UTF-8 bytes: every SIGN_STRING of the hosted page.</summary>
    public static string Sign(string secret, IEnumerable<string> parts)
    {
        var text = new StringBuilder(secret);
        foreach (var part in parts)
        {
            text.Append(part);
        }

        // MD5 because the vendor's protocol signs with it; the sandbox only reproduces the signature.
#pragma warning disable CA5351
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5351
    }

    /// <summary>Whether <paramref name="message"/>'s SIGN_STRING is the one <paramref name="secret"/> gives its fields.</summary>
    public static bool IsSignedWith(CallbackMessage message, string secret) =>
        message["SIGN_STRING"] == Sign(secret, SignedFields[message.Kind].Select(name => message[name] ?? ""));

    /// <summary>The amount as MERCHANT_TRANS_AMOUNT carries it: sums, no trailing zeros ("1000", "1000.5").</summary>
    public static string Sums(long tiyin) => (tiyin / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    private static CallbackMessage Signed(CallbackKind kind, string url, string secret, List<CallbackField> fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Text, StringComparer.Ordinal);
        fields.Add(Text("SIGN_STRING", Sign(secret, SignedFields[kind].Select(name => values[name]))));
        return new CallbackMessage(kind, url, fields);
    }

    private static CallbackField Text(string name, string text) => new(name, text, IsNumber: false);

    private static CallbackField Number(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture), IsNumber: true);
}
