using System.Buffers;
using System.Globalization;
using System.Text.Json;

// The limit of the stack: a bare Kestrel minimal API that reads the JSON-RPC body, parses it and answers
// pam.check_payment from a dictionary, written the lean way (no body copy, one reused buffer per thread,
// Content-Length set). No auth, no journal, no tenant, no validation: only what any such endpoint must do.
//   PaySys.Bench.BareKestrel <port>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls($"http://127.0.0.1:{(args.Length > 0 ? args[0] : "5000")}");
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();

var payments = new Dictionary<long, (string Status, long Amount)> { [137_664_001] = ("2", 100_000) };

app.MapGet("/_sandbox/health", () => Results.Text("""{"status":"ok"}""", "application/json"));
app.MapPost("/gateway", async (HttpContext http) =>
{
    var reader = http.Request.BodyReader;
    var read = await reader.ReadAsync(http.RequestAborted);
    while (!read.IsCompleted)
    {
        reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        read = await reader.ReadAsync(http.RequestAborted);
    }

    var answer = Answer(read.Buffer, payments);
    reader.AdvanceTo(read.Buffer.End);
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.ContentLength = answer.Length;
    await http.Response.Body.WriteAsync(answer, http.RequestAborted);
});

app.Run();

static byte[] Answer(ReadOnlySequence<byte> body, Dictionary<long, (string Status, long Amount)> payments)
{
    using var document = JsonDocument.Parse(body);
    var root = document.RootElement;
    var id = root.GetProperty("params").GetProperty("bank_transaction_id");
    var bankTransactionId = id.ValueKind == JsonValueKind.String ? long.Parse(id.GetString()!, CultureInfo.InvariantCulture) : id.GetInt64();

    var buffer = Reply.Buffer ??= new ArrayBufferWriter<byte>(1024);
    var writer = Reply.Writer ??= new Utf8JsonWriter(buffer);
    buffer.ResetWrittenCount();
    writer.Reset(buffer);
    writer.WriteStartObject();
    writer.WritePropertyName("id");
    root.GetProperty("id").WriteTo(writer);
    if (payments.TryGetValue(bankTransactionId, out var payment))
    {
        writer.WriteNull("error");
        writer.WriteStartObject("result");
        writer.WriteString("bank_transaction_id", bankTransactionId.ToString(CultureInfo.InvariantCulture));
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

    Span<byte> mxId = stackalloc byte[16];
    Random.Shared.NextBytes(mxId);
    writer.WriteString("mx_id", Convert.ToHexStringLower(mxId));
    writer.WriteEndObject();
    writer.Flush();
    return buffer.WrittenSpan.ToArray();
}

/// <summary>One response buffer and writer per thread, as the sandbox has.</summary>
internal static class Reply
{
    [ThreadStatic]
    internal static ArrayBufferWriter<byte>? Buffer;

    [ThreadStatic]
    internal static Utf8JsonWriter? Writer;
}
