using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PaySys.Client.Json;

namespace PaySys.Client.Sandbox;

/// <summary>
/// The PaySys Sandbox's own control API under <c>/_sandbox</c> (never part of the real gateway): the virtual
/// clock, the SMS outbox, reset, magic cards, the tenant's transactions, invoices, payouts and journal, fault
/// rules, and switching the service or a vendor off. Every call is scoped to <see cref="ServiceId"/> when one is given
/// (else the sandbox's default merchant) and carries <c>X-Sandbox-Token</c> when an admin token is given.
/// A non-2xx answer throws <see cref="HttpRequestException"/> with the sandbox's explanation.
/// </summary>
public sealed partial class SandboxControlClient
{
    public const string Prefix = "/_sandbox";
    public const string TokenHeader = "X-Sandbox-Token";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly string? adminToken;

    /// <param name="http">A client whose BaseAddress is the sandbox (e.g. <c>http://localhost:8080/</c>).</param>
    /// <param name="serviceId">The tenant to act on; null for the sandbox's default merchant.</param>
    /// <param name="adminToken">The sandbox's PAYSYS_ADMIN_TOKEN, when it has one.</param>
    public SandboxControlClient(HttpClient http, string? serviceId = null, string? adminToken = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
        ServiceId = serviceId;
        this.adminToken = adminToken;
    }

    public string? ServiceId { get; }

    private static PaySysJsonContext Json => PaySysJsonContext.Default;

    /// <summary>True when <c>GET /_sandbox/health</c> answers ok.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        var health = await SendAsync(HttpMethod.Get, "health", null, Json.SandboxHealth, cancellationToken).ConfigureAwait(false);
        return health.Status == "ok";
    }

    // ---- clock ----

    public Task<SandboxClock> GetClockAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "clock", null, Json.SandboxClock, cancellationToken);

    /// <summary>Moves the tenant's clock forward; every expiry that falls due (holds, codes, payouts) is applied first.</summary>
    public Task<SandboxClock> AdvanceClockAsync(long seconds, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "clock", Body(new SandboxClockChange(seconds, null), Json.SandboxClockChange), Json.SandboxClock, cancellationToken);

    public Task<SandboxClock> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        AdvanceClockAsync((long)by.TotalSeconds, cancellationToken);

    /// <summary>Sets the tenant's clock, e.g. to the docs' date; expiries that fall due are applied.</summary>
    public Task<SandboxClock> SetClockAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "clock", Body(new SandboxClockChange(null, at.ToUnixTimeSeconds()), Json.SandboxClockChange), Json.SandboxClock, cancellationToken);

    // ---- SMS outbox ----

    /// <summary>The outbox, newest last, optionally filtered by phone and by reference (card id or bank_transaction_id).</summary>
    public async Task<IReadOnlyList<SandboxSms>> GetSmsAsync(string? phone = null, string? reference = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (phone is not null)
        {
            query.Add("phone=" + Uri.EscapeDataString(phone));
        }

        if (reference is not null)
        {
            query.Add("reference=" + Uri.EscapeDataString(reference));
        }

        var path = query.Count == 0 ? "sms" : "sms?" + string.Join('&', query);
        var list = await SendAsync(HttpMethod.Get, path, null, Json.SandboxSmsList, cancellationToken).ConfigureAwait(false);
        return list.Messages;
    }

    /// <summary>The newest code sent about <paramref name="reference"/> (a card id or bank_transaction_id).</summary>
    public async Task<string> LatestCodeAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var messages = await GetSmsAsync(null, reference, cancellationToken).ConfigureAwait(false);
        return messages.Count > 0
            ? messages[^1].Code
            : throw new InvalidOperationException($"the sandbox sent no SMS about {reference}");
    }

    public Task<string> LatestCodeAsync(long bankTransactionId, CancellationToken cancellationToken = default) =>
        LatestCodeAsync(bankTransactionId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    // ---- state ----

    /// <summary>Wipes the tenant's cards, transactions, invoices, outbox and journal and resets its clock.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "reset", null, Json.SandboxReset, cancellationToken);

    public async Task<IReadOnlyList<SandboxCard>> GetCardsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "cards", null, Json.SandboxCardList, cancellationToken).ConfigureAwait(false)).Cards;

    /// <summary>The card with <paramref name="pan"/>, with its live balance and holds.</summary>
    public async Task<SandboxCard> GetCardAsync(string pan, CancellationToken cancellationToken = default)
    {
        var cards = await GetCardsAsync(cancellationToken).ConfigureAwait(false);
        return cards.FirstOrDefault(c => c.Pan == pan)
            ?? throw new InvalidOperationException("the sandbox's catalogue has no card " + Mask(pan));
    }

    /// <summary>Adds a card to the tenant's catalogue; an existing PAN is replaced with a fresh balance.</summary>
    public Task<SandboxCard> AddCardAsync(SandboxCardSpec card, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "cards", Body(card, Json.SandboxCardSpec), Json.SandboxCard, cancellationToken);

    public async Task<IReadOnlyList<SandboxTransaction>> GetTransactionsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "transactions", null, Json.SandboxTransactionList, cancellationToken).ConfigureAwait(false)).Transactions;

    public async Task<IReadOnlyList<SandboxInvoice>> GetInvoicesAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "invoices", null, Json.SandboxInvoiceList, cancellationToken).ConfigureAwait(false)).Invoices;

    public async Task<IReadOnlyList<SandboxPayout>> GetPayoutsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "payouts", null, Json.SandboxPayoutList, cancellationToken).ConfigureAwait(false)).Payouts;

    /// <summary>The last requests and responses, newest last.</summary>
    public async Task<IReadOnlyList<SandboxJournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "journal", null, Json.SandboxJournal, cancellationToken).ConfigureAwait(false)).Entries;

    // ---- switches ----

    public Task<SandboxService> GetServiceAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "service", null, Json.SandboxService, cancellationToken);

    /// <summary>Switches the service off (every call gets -32315) or on again.</summary>
    public Task<SandboxService> BlockServiceAsync(bool blocked = true, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "service", Body(new SandboxBlockChange(blocked), Json.SandboxBlockChange), Json.SandboxService, cancellationToken);

    /// <summary>Switches a vendor off (its payments get -32319) or on again.</summary>
    public Task<SandboxService> BlockVendorAsync(long vendorId, bool blocked = true, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "vendors/" + vendorId.ToString(CultureInfo.InvariantCulture),
            Body(new SandboxBlockChange(blocked), Json.SandboxBlockChange), Json.SandboxService, cancellationToken);

    // ---- fault rules ----

    /// <summary>Adds a fault rule for the tenant's gateway calls; returns its id (e.g. "f1").</summary>
    public async Task<string> AddFaultAsync(SandboxFaultSpec fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var created = await SendAsync(HttpMethod.Post, "faults", Body(fault, Json.SandboxFaultSpec), Json.SandboxFaultCreated, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    /// <summary>The tenant's fault rules with their remaining uses.</summary>
    public async Task<IReadOnlyList<SandboxFault>> GetFaultsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "faults", null, Json.SandboxFaultList, cancellationToken).ConfigureAwait(false)).Faults;

    /// <summary>Removes every fault rule of the tenant.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "faults", null, Json.SandboxFaultList, cancellationToken);

    /// <summary>Removes one fault rule; an unknown id throws <see cref="HttpRequestException"/> (404).</summary>
    public Task RemoveFaultAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return SendAsync(HttpMethod.Delete, "faults/" + Uri.EscapeDataString(id), null, Json.SandboxFaultList, cancellationToken);
    }

    // ---- any route ----

    /// <summary>
    /// Any control route, e.g. <c>("GET", "transactions")</c>: <paramref name="path"/> is under <c>/_sandbox/</c>
    /// (a leading <c>/_sandbox/</c> or <c>/</c> is accepted) and gets the tenant's <c>service_id</c>. Never throws
    /// for an HTTP status: the answer carries it.
    /// </summary>
    public async Task<SandboxControlResponse> SendAsync(HttpMethod method, string path, JsonElement? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        cancellationToken.ThrowIfCancellationRequested();
        var relative = path.StartsWith(Prefix + "/", StringComparison.Ordinal) ? path[(Prefix.Length + 1)..] : path.TrimStart('/');
        using var request = new HttpRequestMessage(method, new Uri(Route(relative), UriKind.RelativeOrAbsolute));
        if (body is { } json)
        {
            request.Content = Body(json, Json.JsonElement);
        }

        if (!string.IsNullOrEmpty(adminToken))
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, adminToken);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? answer = null;
        if (bytes.Length > 0)
        {
            try
            {
                answer = JsonSerializer.Deserialize(bytes, Json.JsonElement);
            }
            catch (JsonException)
            {
                answer = null;
            }
        }

        return new SandboxControlResponse((int)response.StatusCode, answer);
    }

    private static ByteArrayContent Body<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(method, new Uri(Route(path), UriKind.RelativeOrAbsolute)) { Content = content };
        if (!string.IsNullOrEmpty(adminToken))
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, adminToken);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(HttpRequestError.Unknown,
                $"{method} {Prefix}/{path} answered HTTP {(int)response.StatusCode}: {ErrorText(body)}", null, response.StatusCode);
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new HttpRequestException(HttpRequestError.InvalidResponse, $"{method} {Prefix}/{path} answered null");
        }
        catch (JsonException e)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"{method} {Prefix}/{path}: unexpected answer ({e.Message})", e);
        }
    }

    private string Route(string path)
    {
        var route = $"{Prefix}/{path}";
        return ServiceId is null
            ? route
            : $"{route}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}service_id={Uri.EscapeDataString(ServiceId)}";
    }

    private static string ErrorText(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, Json.SandboxTransportError)?.Error ?? "(no explanation)";
        }
        catch (JsonException)
        {
            return "(no JSON explanation)";
        }
    }

    private static string Mask(string pan) => pan.Length == 16 ? $"{pan[..6]}******{pan[^4..]}" : "(not 16 digits)";
}
