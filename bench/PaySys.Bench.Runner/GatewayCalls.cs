using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PaySys.Client.Sandbox;

namespace PaySys.Bench.Runner;

/// <summary>The few gateway calls the bench makes itself: sign, set up a completed payment, check an answer.</summary>
public static class GatewayCalls
{
    public const string ServiceId = "1";
    public const string SecretKey = "sandbox-secret";
    public const string FixedOtp = "666666";

    /// <summary>The bank_transaction_id the stubs answer for (the sandbox's first id).</summary>
    public const long StubPaymentId = 137_664_001;

    /// <summary>An Auth header signed now; the sandbox accepts it for 300 s, longer than any single wrk run.</summary>
    public static string SignNow()
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
#pragma warning disable CA5350 // SHA-1 is what the PaySys Auth header is defined with.
        var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(SecretKey + timestamp)));
#pragma warning restore CA5350
        return $"{ServiceId}-{hash}-{timestamp}";
    }

    public static string CheckPaymentBody(long bankTransactionId) =>
        $$$"""{"id":3,"method":"pam.check_payment","params":{"bank_transaction_id":"{{{bankTransactionId}}}"}}""";

    /// <summary>Prepares and confirms one payment on the sandbox; its bank_transaction_id.</summary>
    public static async Task<long> CompletePaymentAsync(HttpClient http, Uri baseAddress, long amount = 100000)
    {
        using var prepared = await CallAsync(http, baseAddress,
            $$$"""{"id":1,"method":"pam.prepare_payment","params":{"card_number":"{{{MagicCards.Uzcard.Pan}}}","card_expire":"{{{MagicCards.Uzcard.Expiry}}}","phone_number":"{{{MagicCards.Uzcard.Phone}}}","amount":{{{amount}}},"vendor_id":100381,"product":"order-42"}}""");
        var id = prepared.RootElement.GetProperty("result").GetProperty("bank_transaction_id").GetInt64();
        using var confirmed = await CallAsync(http, baseAddress,
            $$$"""{"id":2,"method":"pam.confirm_payment","params":{"bank_transaction_id":{{{id}}},"confirmation_code":"{{{FixedOtp}}}"}}""");
        return id;
    }

    /// <summary>Sends the body wrk will send, with the header it will send, and insists on a completed payment.</summary>
    public static async Task EnsureCheckAnswersCompletedAsync(HttpClient http, Uri baseAddress, string auth, string body)
    {
        using var answer = await CallAsync(http, baseAddress, body, auth);
        var status = answer.RootElement.GetProperty("result").GetProperty("status").GetString();
        if (status != "2")
        {
            throw new InvalidOperationException($"check_payment answered status {status}, not 2");
        }
    }

    private static async Task<JsonDocument> CallAsync(HttpClient http, Uri baseAddress, string body, string? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "gateway"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Auth", auth ?? SignNow());
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonDocument.Parse(text);
        if (!response.IsSuccessStatusCode || document.RootElement.GetProperty("error").ValueKind != JsonValueKind.Null)
        {
            document.Dispose();
            throw new InvalidOperationException($"{body} was answered {(int)response.StatusCode} {text}");
        }

        return document;
    }
}
