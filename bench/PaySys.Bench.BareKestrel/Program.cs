using System.Text.Json;

// The limit of the stack: a bare Kestrel minimal API that parses the JSON-RPC body and answers
// pam.check_payment from a dictionary. No auth, no journal, no tenant: only what any endpoint must do.
//   PaySys.Bench.BareKestrel <port>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls($"http://127.0.0.1:{(args.Length > 0 ? args[0] : "5000")}");
var app = builder.Build();

var payments = new Dictionary<long, (string Status, long Amount)> { [137_664_001] = ("2", 100_000) };

app.MapGet("/_sandbox/health", () => Results.Text("""{"status":"ok"}""", "application/json"));
app.MapPost("/gateway", async (HttpContext http) =>
{
    using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
    var root = document.RootElement;
    var parameters = root.GetProperty("params");
    var id = parameters.GetProperty("bank_transaction_id");
    var bankTransactionId = id.ValueKind == JsonValueKind.String ? long.Parse(id.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : id.GetInt64();

    http.Response.ContentType = "application/json; charset=utf-8";
    using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
    writer.WriteStartObject();
    writer.WritePropertyName("id");
    root.GetProperty("id").WriteTo(writer);
    if (payments.TryGetValue(bankTransactionId, out var payment))
    {
        writer.WriteNull("error");
        writer.WriteStartObject("result");
        writer.WriteString("bank_transaction_id", bankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("status", payment.Status);
        writer.WriteNumber("amount", payment.Amount);
        writer.WriteEndObject();
    }
    else
    {
        writer.WriteStartObject("error");
        writer.WriteNumber("code", -32314);
        writer.WriteString("message", "transaction not found");
        writer.WriteEndObject();
        writer.WriteNull("result");
    }

    writer.WriteString("mx_id", Guid.NewGuid().ToString("N"));
    writer.WriteEndObject();
    await writer.FlushAsync(http.RequestAborted);
});

app.Run();
