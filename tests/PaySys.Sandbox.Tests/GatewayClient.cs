using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PaySys.Sandbox.Auth;

namespace PaySys.Sandbox.Tests;

/// <summary>A raw JSON-RPC caller that signs Auth with the fake real clock; tests assert on the JSON as sent.</summary>
public sealed class GatewayClient(HttpClient http, TimeProvider realClock, string serviceId, string secretKey)
{
    public HttpClient Http { get; } = http;

    public string ServiceId { get; } = serviceId;

    public string SignNow(bool seconds = false)
    {
        var now = realClock.GetUtcNow();
        var timestamp = seconds
            ? now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return AuthVerifier.Sign(ServiceId, secretKey, timestamp);
    }

    /// <summary>Calls a method with a fresh Auth; returns the whole response envelope.</summary>
    public async Task<JsonObject> Call(string method, object? parameters = null, IDictionary<string, string>? headers = null, JsonNode? id = null)
    {
        var request = new JsonObject
        {
            ["id"] = id ?? JsonValue.Create(Guid.NewGuid().ToString()),
            ["method"] = method,
            ["params"] = ToNode(parameters),
        };
        var all = new Dictionary<string, string> { ["Auth"] = SignNow() };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        var (status, body) = await PostRaw(request.ToJsonString(), all);
        status.Should().Be(HttpStatusCode.OK, "JSON-RPC answers travel with HTTP 200: {0}", body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Calls and expects success; returns result.</summary>
    public async Task<JsonObject> Ok(string method, object? parameters = null, IDictionary<string, string>? headers = null)
    {
        var response = await Call(method, parameters, headers);
        response["error"].Should().BeNull("{0} should succeed: {1}", method, response.ToJsonString());
        return response["result"]!.AsObject();
    }

    /// <summary>Calls and expects a JSON-RPC error; returns the error object.</summary>
    public async Task<JsonObject> Error(string method, object? parameters, int expectedCode, IDictionary<string, string>? headers = null)
    {
        var response = await Call(method, parameters, headers);
        response["result"].Should().BeNull();
        var error = response["error"]!.AsObject();
        error["code"]!.GetValue<int>().Should().Be(expectedCode, "the error was {0}", error.ToJsonString());
        return error;
    }

    public async Task<(HttpStatusCode Status, string Body)> PostRaw(string body, IDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/gateway") { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // ---- control API ----

    public async Task<JsonObject> Control(HttpMethod method, string path, object? body = null)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var message = new HttpRequestMessage(method, $"/_sandbox/{path}{separator}service_id={ServiceId}");
        if (body is not null)
        {
            message.Content = new StringContent(ToNode(body)!.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue("{0} {1} answered {2}: {3}", method, path, (int)response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A control-API call whatever its HTTP status (for 400/401/404); <paramref name="body"/> is sent as is.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ControlRaw(HttpMethod method, string path, string? body = null, IDictionary<string, string>? headers = null)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var message = new HttpRequestMessage(method, $"/_sandbox/{path}{separator}service_id={ServiceId}");
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every item of a paged control list (GET /_sandbox/{list}), following next_offset to the last page.</summary>
    public async Task<JsonArray> ControlListAll(string list)
    {
        var all = new JsonArray();
        long offset = 0;
        while (true)
        {
            var page = await Control(HttpMethod.Get, $"{list}?limit=10000&offset={offset}");
            foreach (var item in page[list]!.AsArray().ToList())
            {
                all.Add(item!.DeepClone());
            }

            if (page["next_offset"] is not { } next)
            {
                return all;
            }

            offset = next.GetValue<long>();
        }
    }

    public Task<JsonObject> AdvanceClock(long seconds) => Control(HttpMethod.Post, "clock", new { advance_seconds = seconds });

    public Task<JsonObject> SetClock(DateTimeOffset at) => Control(HttpMethod.Post, "clock", new { set = at.ToUnixTimeSeconds() });

    /// <summary>The newest SMS code sent about a card id or bank_transaction_id.</summary>
    public async Task<string> LatestCode(string reference)
    {
        var sms = await Control(HttpMethod.Get, $"sms?reference={reference}");
        var messages = sms["messages"]!.AsArray();
        messages.Should().NotBeEmpty("an SMS should have been sent for {0}", reference);
        return messages[^1]!["code"]!.GetValue<string>();
    }

    public async Task<JsonObject> Card(string pan)
    {
        var cards = await Control(HttpMethod.Get, "cards");
        return cards["cards"]!.AsArray().Single(c => c!["pan"]!.GetValue<string>() == pan)!.AsObject();
    }

    public async Task<long> Balance(string pan) => (await Card(pan))["balance"]!.GetValue<long>();

    public async Task<long> Held(string pan) => (await Card(pan))["held"]!.GetValue<long>();

    public async Task<JsonObject> Transaction(long bankTransactionId)
    {
        var list = await Control(HttpMethod.Get, "transactions");
        return list["transactions"]!.AsArray().Single(t => t!["bank_transaction_id"]!.GetValue<long>() == bankTransactionId)!.AsObject();
    }

    /// <summary>The tenant's SMS outbox, newest last.</summary>
    public async Task<JsonArray> Sms() => (await Control(HttpMethod.Get, "sms"))["messages"]!.AsArray();

    public async Task<JsonArray> Transactions() => (await Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();

    /// <summary>pam.check_payment's status (a string, like the docs) of one transaction.</summary>
    public async Task<string> PaymentStatus(long bankTransactionId) =>
        (await Ok("pam.check_payment", new { bank_transaction_id = bankTransactionId }))["status"]!.GetValue<string>();

    /// <summary>Registers a card and confirms it with the code from the outbox; the token is null unless <paramref name="phone"/> is the card's.</summary>
    public async Task<(string CardId, string? Token)> RegisterCard(string pan, string expiry, string? phone)
    {
        var parameters = new JsonObject { ["card_number"] = pan, ["card_expire"] = expiry };
        if (phone is not null)
        {
            parameters["phone_number"] = phone;
        }

        var cardId = (await Ok("paysys.card_registration", parameters))["id"]!.GetValue<string>();
        var confirmed = await Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = await LatestCode(cardId) });
        return (cardId, confirmed["card_token"]?.GetValue<string>());
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonNode.Parse(text),
        _ => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(value)),
    };
}
