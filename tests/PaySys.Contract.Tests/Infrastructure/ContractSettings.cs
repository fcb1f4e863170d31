using System.Globalization;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// Where the suite runs, from the environment. Without <c>PAYSYS_URL</c>: the sandbox in-process with its default
/// merchant and magic UzCard, and the other variables are ignored. With it: that gateway, signed with <c>PAYSYS_SERVICE_ID</c> / <c>PAYSYS_SECRET</c>,
/// paying with the test card the user supplies (<c>PAYSYS_CARD_NUMBER</c>, <c>PAYSYS_CARD_EXPIRE</c>,
/// <c>PAYSYS_CARD_PHONE</c>, <c>PAYSYS_VENDOR_ID</c>), its OTP codes printed by <c>PAYSYS_OTP_COMMAND</c>.
/// </summary>
public sealed record ContractSettings
{
    public const string UrlVariable = "PAYSYS_URL";
    public const string ServiceIdVariable = "PAYSYS_SERVICE_ID";
    public const string SecretVariable = "PAYSYS_SECRET";
    public const string CardNumberVariable = "PAYSYS_CARD_NUMBER";
    public const string CardExpireVariable = "PAYSYS_CARD_EXPIRE";
    public const string CardPhoneVariable = "PAYSYS_CARD_PHONE";
    public const string VendorIdVariable = "PAYSYS_VENDOR_ID";
    public const string OtpCommandVariable = "PAYSYS_OTP_COMMAND";
    public const string PayoutAccountVariable = "PAYSYS_PAYOUT_ACCOUNT";
    public const string AdminTokenVariable = "PAYSYS_ADMIN_TOKEN";

    /// <summary>The sandbox's default merchant and magic UzCard (contracts/cards.json), the defaults of every variable.</summary>
    public const string DefaultServiceId = "1";
    public const string DefaultSecret = "sandbox-secret";
    public const string DefaultCardNumber = "8600490744313347";
    public const string DefaultCardExpire = "3012";
    public const string DefaultCardPhone = "998901112233";
    public const long DefaultVendorId = 100381;
    public const string DefaultPayoutAccount = "79123456789";

    /// <summary>The live gateway's base address (its JSON-RPC endpoint is <c>/gateway</c> under it); null: in-process.</summary>
    public Uri? Url { get; init; }

    public string ServiceId { get; init; } = DefaultServiceId;

    public string SecretKey { get; init; } = DefaultSecret;

    public TestCard Card { get; init; } = new(DefaultCardNumber, DefaultCardExpire, DefaultCardPhone);

    public long VendorId { get; init; } = DefaultVendorId;

    /// <summary>A shell command printing the latest OTP for the reference given as $1; null: none.</summary>
    public string? OtpCommand { get; init; }

    /// <summary>The e-wallet account <c>pam.pay_by_cash</c> pays to.</summary>
    public string PayoutAccount { get; init; } = DefaultPayoutAccount;

    /// <summary>The sandbox's PAYSYS_ADMIN_TOKEN, sent as X-Sandbox-Token to its control API.</summary>
    public string? AdminToken { get; init; }

    public bool IsLive => Url is not null;

    /// <summary>What the suite runs against, for messages.</summary>
    public string Description => Url is null ? "the in-process sandbox" : $"{Url} (service_id {ServiceId})";

    public static ContractSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>Reads the variables through <paramref name="read"/>; an unusable value throws, naming the variable.</summary>
    public static ContractSettings From(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        string? Value(string name) => read(name) is { Length: > 0 } value ? value.Trim() : null;

        var url = Value(UrlVariable) is { } text
            ? Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"{UrlVariable}={text} is not an http(s) URL such as http://localhost:8080")
            : null;
        if (url is null)
        {
            // In-process the sandbox has its defaults (the fixture library does not let PAYSYS_* variables reach it);
            // only the admin token is passed on to it, as PAYSYS_ADMIN_TOKEN is also the sandbox's own variable, so
            // `dotnet test` works whatever else the shell exports.
            return new ContractSettings { AdminToken = Value(AdminTokenVariable) };
        }

        var vendor = Value(VendorIdVariable) is { } vendorText
            ? long.TryParse(vendorText, NumberStyles.None, CultureInfo.InvariantCulture, out var vendorId) && vendorId > 0
                ? vendorId
                : throw new InvalidOperationException($"{VendorIdVariable}={vendorText} is not a positive integer")
            : DefaultVendorId;

        return new ContractSettings
        {
            Url = url,
            ServiceId = Value(ServiceIdVariable) ?? DefaultServiceId,
            SecretKey = Value(SecretVariable) ?? DefaultSecret,
            Card = new TestCard(
                Value(CardNumberVariable) ?? DefaultCardNumber,
                Value(CardExpireVariable) ?? DefaultCardExpire,
                Value(CardPhoneVariable) ?? DefaultCardPhone),
            VendorId = vendor,
            OtpCommand = Value(OtpCommandVariable),
            PayoutAccount = Value(PayoutAccountVariable) ?? DefaultPayoutAccount,
            AdminToken = Value(AdminTokenVariable),
        };
    }
}

/// <summary>The card the suite pays with: PAN, expiry (YYMM) and the phone its SMS codes go to.</summary>
public sealed record TestCard(string Number, string Expire, string Phone)
{
    public override string ToString() => $"{Redaction.MaskPans(Number)} {Expire} {Phone}";
}
