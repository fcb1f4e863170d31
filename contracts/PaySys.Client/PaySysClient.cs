using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PaySys.Client.Json;

namespace PaySys.Client;

/// <summary>
/// The PaySys gateway (JSON-RPC over <c>POST /gateway</c>): one typed method per RPC method, each call signed
/// with a fresh <c>Auth</c> header. A JSON-RPC error becomes a <see cref="PaySysException"/>; an HTTP error or
/// an unreadable body an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class PaySysClient
{
    public const string CardTokenHeader = "Card-Token";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly PaySysClientOptions options;
    private readonly Uri endpoint;

    public PaySysClient(HttpClient http, PaySysClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ServiceId, "options.ServiceId");
        ArgumentException.ThrowIfNullOrEmpty(options.SecretKey, "options.SecretKey");
        ArgumentException.ThrowIfNullOrEmpty(options.Endpoint, "options.Endpoint");

        this.http = http;
        this.options = options;
        endpoint = options.BaseAddress is { } baseAddress
            ? new Uri(baseAddress, options.Endpoint)
            : new Uri(options.Endpoint, UriKind.RelativeOrAbsolute);
    }

    // ---- acquiring (host-to-host, UzCard/HUMO) ----

    /// <summary><c>paysys.card_registration</c>: sends an SMS code to the card's phone.</summary>
    public Task<CardRegistration> RegisterCardAsync(RegisterCardRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysCardRegistration, request, PaySysJsonContext.Default.RegisterCardRequest,
            PaySysJsonContext.Default.CardRegistration, null, cancellationToken);

    /// <summary><c>paysys.card_confirm</c>: checks the SMS code; returns the card token and card data.</summary>
    public Task<CardConfirmation> ConfirmCardAsync(ConfirmCardRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysCardConfirm, request, PaySysJsonContext.Default.ConfirmCardRequest,
            PaySysJsonContext.Default.CardConfirmation, null, cancellationToken);

    public Task<CardConfirmation> ConfirmCardAsync(string cardId, string confirmationCode, CancellationToken cancellationToken = default) =>
        ConfirmCardAsync(new ConfirmCardRequest(cardId, confirmationCode), cancellationToken);

    /// <summary><c>pam.prepare_payment</c>: creates a payment awaiting its SMS code (status 1).</summary>
    public Task<PreparedPayment> PreparePaymentAsync(PreparePaymentRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PamPreparePayment, request, PaySysJsonContext.Default.PreparePaymentRequest,
            PaySysJsonContext.Default.PreparedPayment, null, cancellationToken);

    /// <summary><c>pam.confirm_payment</c>: checks the SMS code, then debits (or holds) the amount.</summary>
    public Task<PaymentResult> ConfirmPaymentAsync(ConfirmPaymentRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PamConfirmPayment, request, PaySysJsonContext.Default.ConfirmPaymentRequest,
            PaySysJsonContext.Default.PaymentResult, null, cancellationToken);

    public Task<PaymentResult> ConfirmPaymentAsync(long bankTransactionId, string confirmationCode, CancellationToken cancellationToken = default) =>
        ConfirmPaymentAsync(new ConfirmPaymentRequest(bankTransactionId, confirmationCode), cancellationToken);

    /// <summary><c>hold.confirm</c>: accept (debit) or cancel (release) a held payment.</summary>
    public Task<HoldConfirmation> ConfirmHoldAsync(ConfirmHoldRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.HoldConfirm, request, PaySysJsonContext.Default.ConfirmHoldRequest,
            PaySysJsonContext.Default.HoldConfirmation, null, cancellationToken);

    public Task<HoldConfirmation> ConfirmHoldAsync(long bankTransactionId, HoldDecision decision, CancellationToken cancellationToken = default) =>
        ConfirmHoldAsync(new ConfirmHoldRequest(bankTransactionId, decision), cancellationToken);

    /// <summary><c>pam.check_payment</c> by <c>bank_transaction_id</c>: the status of a card payment.</summary>
    public Task<PaymentCheck> CheckPaymentAsync(CheckPaymentRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PamCheckPayment, request, PaySysJsonContext.Default.CheckPaymentRequest,
            PaySysJsonContext.Default.PaymentCheck, null, cancellationToken);

    public Task<PaymentCheck> CheckPaymentAsync(long bankTransactionId, CancellationToken cancellationToken = default) =>
        CheckPaymentAsync(new CheckPaymentRequest(bankTransactionId), cancellationToken);

    /// <summary><c>pam.payment</c>: pays with a saved card and its token (header <c>Card-Token</c>), without an SMS code.</summary>
    public Task<PaymentResult> PayWithTokenAsync(string cardToken, TokenPaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cardToken);
        return InvokeAsync(PaySysMethods.PamPayment, request, PaySysJsonContext.Default.TokenPaymentRequest,
            PaySysJsonContext.Default.PaymentResult, cardToken, cancellationToken);
    }

    /// <summary><c>transaction.reverse</c>: cancels a completed or held payment and returns the money.</summary>
    public Task<Reversal> ReverseAsync(ReverseRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.TransactionReverse, request, PaySysJsonContext.Default.ReverseRequest,
            PaySysJsonContext.Default.Reversal, null, cancellationToken);

    public Task<Reversal> ReverseAsync(long transactionId, CancellationToken cancellationToken = default) =>
        ReverseAsync(new ReverseRequest(transactionId), cancellationToken);

    // ---- vendor API ----

    /// <summary><c>paysys.payment_info</c>: a payment as the vendor sees it.</summary>
    public Task<PaymentInfo> GetPaymentInfoAsync(PaymentInfoRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysPaymentInfo, request, PaySysJsonContext.Default.PaymentInfoRequest,
            PaySysJsonContext.Default.PaymentInfo, null, cancellationToken);

    public Task<PaymentInfo> GetPaymentInfoAsync(long transactionId, CancellationToken cancellationToken = default) =>
        GetPaymentInfoAsync(new PaymentInfoRequest(transactionId), cancellationToken);

    /// <summary><c>paysys.payment_cancel</c>: reverses a payment, once, within 7 days.</summary>
    public Task<PaymentCancellation> CancelPaymentAsync(CancelPaymentRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysPaymentCancel, request, PaySysJsonContext.Default.CancelPaymentRequest,
            PaySysJsonContext.Default.PaymentCancellation, null, cancellationToken);

    public Task<PaymentCancellation> CancelPaymentAsync(long transactionId, CancellationToken cancellationToken = default) =>
        CancelPaymentAsync(new CancelPaymentRequest(transactionId), cancellationToken);

    /// <summary><c>paysys.payment_adjustments</c>: refunds part or all of a payment.</summary>
    public Task<Refund> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysPaymentAdjustments, request, PaySysJsonContext.Default.RefundRequest,
            PaySysJsonContext.Default.Refund, null, cancellationToken);

    /// <summary><c>paysys.get_fiscal_cheque</c>: the link to a payment's fiscal receipt.</summary>
    public Task<FiscalCheque> GetFiscalChequeAsync(FiscalChequeRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysGetFiscalCheque, request, PaySysJsonContext.Default.FiscalChequeRequest,
            PaySysJsonContext.Default.FiscalCheque, null, cancellationToken);

    public Task<FiscalCheque> GetFiscalChequeAsync(long transactionId, CancellationToken cancellationToken = default) =>
        GetFiscalChequeAsync(new FiscalChequeRequest(transactionId), cancellationToken);

    /// <summary><c>paysys.invoice_create</c>: an invoice with a hosted payment link.</summary>
    public Task<Invoice> CreateInvoiceAsync(CreateInvoiceRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PaysysInvoiceCreate, request, PaySysJsonContext.Default.CreateInvoiceRequest,
            PaySysJsonContext.Default.Invoice, null, cancellationToken);

    // ---- e-money ----

    /// <summary><c>pam.pay_by_cash</c>: a payout to an e-wallet.</summary>
    public Task<Payout> PayByCashAsync(PayByCashRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(PaySysMethods.PamPayByCash, request, PaySysJsonContext.Default.PayByCashRequest,
            PaySysJsonContext.Default.Payout, null, cancellationToken);

    public Task<Payout> PayByCashAsync(VendorForm vendorForm, CancellationToken cancellationToken = default) =>
        PayByCashAsync(new PayByCashRequest(vendorForm), cancellationToken);

    /// <summary>
    /// <c>pam.check_payment</c> by <c>agr_transaction_id</c>: the status of an e-wallet payout. The docs' doubled
    /// <c>result.result</c> is unwrapped; a flat result is read as well.
    /// </summary>
    public async Task<PayoutCheck> CheckPayoutAsync(CheckPayoutRequest request, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(PaySysMethods.PamCheckPayment, JsonSerializer.SerializeToElement(request, PaySysJsonContext.Default.CheckPayoutRequest),
            null, cancellationToken).ConfigureAwait(false);
        var inner = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("result", out var nested) && nested.ValueKind == JsonValueKind.Object
            ? nested
            : result;
        return Read(inner, PaySysJsonContext.Default.PayoutCheck, PaySysMethods.PamCheckPayment);
    }

    public Task<PayoutCheck> CheckPayoutAsync(long agrTransactionId, CancellationToken cancellationToken = default) =>
        CheckPayoutAsync(new CheckPayoutRequest(agrTransactionId), cancellationToken);

    // ---- raw ----

    /// <summary>
    /// Calls any method with raw params (a JSON object, or null for none) and extra headers; returns
    /// <c>result</c> as sent. A JSON-RPC error throws <see cref="PaySysException"/>.
    /// </summary>
    public async Task<JsonElement> CallAsync(
        string method,
        JsonElement? parameters,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        cancellationToken.ThrowIfCancellationRequested();

        var body = WriteEnvelope(method, writer =>
        {
            if (parameters is { } value)
            {
                value.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        });
        using var document = await SendAsync(method, body, headers, cancellationToken).ConfigureAwait(false);
        return ResultOf(document, method).Clone();
    }

    private async Task<TResult> InvokeAsync<TParams, TResult>(
        string method,
        TParams parameters,
        JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo,
        string? cardToken,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        cancellationToken.ThrowIfCancellationRequested();

        var body = WriteEnvelope(method, writer => JsonSerializer.Serialize(writer, parameters, paramsInfo));
        KeyValuePair<string, string>[]? headers = cardToken is null ? null : [new(CardTokenHeader, cardToken)];
        using var document = await SendAsync(method, body, headers, cancellationToken).ConfigureAwait(false);
        return Read(ResultOf(document, method), resultInfo, method);
    }

    private static byte[] WriteEnvelope(string method, Action<Utf8JsonWriter> writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Guid.NewGuid().ToString());
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            writeParams(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<JsonDocument> SendAsync(
        string method, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.TryAddWithoutValidation(PaySysAuth.HeaderName, PaySysAuth.CreateHeader(
            options.ServiceId, options.SecretKey, options.TimeProvider.GetUtcNow(), options.TimestampUnit));
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(HttpRequestError.Unknown,
                $"{method}: the gateway answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(text)}",
                null, response.StatusCode);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse,
                    $"{method}: the gateway's answer is not JSON", e, HttpStatusCode.OK);
            }
        }
    }

    /// <summary>result of a response envelope; throws <see cref="PaySysException"/> for error.</summary>
    private static JsonElement ResultOf(JsonDocument document, string method)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw NotAnEnvelope(method, "the answer is not a JSON object");
        }

        var mxId = root.TryGetProperty("mx_id", out var mx) && mx.ValueKind == JsonValueKind.String ? mx.GetString() : null;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw ErrorOf(error, mxId, method);
        }

        return root.TryGetProperty("result", out var result) && result.ValueKind != JsonValueKind.Null
            ? result
            : throw NotAnEnvelope(method, "the answer has neither error nor result");
    }

    private static PaySysException ErrorOf(JsonElement error, string? mxId, string method)
    {
        var code = error.TryGetProperty("code", out var codeElement) ? ReadCode(codeElement) : 0;
        var message = error.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.String
            ? messageElement.GetString() ?? ""
            : "";
        JsonElement? data = error.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null
            ? dataElement.Clone()
            : null;
        return new PaySysException(code, message, data, mxId, method);
    }

    private static int ReadCode(JsonElement code) => code.ValueKind switch
    {
        JsonValueKind.Number when code.TryGetInt32(out var number) => number,
        JsonValueKind.String when int.TryParse(code.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    };

    private static T Read<T>(JsonElement element, JsonTypeInfo<T> typeInfo, string method)
    {
        try
        {
            return element.Deserialize(typeInfo) ?? throw NotAnEnvelope(method, "result is null");
        }
        catch (JsonException e)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse,
                $"{method}: result is not a {typeof(T).Name} ({e.Message})", e, HttpStatusCode.OK);
        }
    }

    private static HttpRequestException NotAnEnvelope(string method, string problem) =>
        new(HttpRequestError.InvalidResponse, $"{method}: not a JSON-RPC response: {problem}", null, HttpStatusCode.OK);

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
