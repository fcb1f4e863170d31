using System.Text;
using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// The control API and the hosted pages get generated hostile input too: broken and wrongly typed JSON bodies, lone
/// surrogates, huge numbers, odd query strings and pay-page forms. They answer 2xx or 4xx, never 5xx, and never an
/// exception name or a stack trace.
/// </summary>
public sealed class HostileControlTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Markers = ["Exception", "   at ", "System.", "Microsoft."];

    private readonly SandboxFactory sandbox = new(new Dictionary<string, string?> { ["Sandbox:OpenTenants"] = "true" });

    public void Dispose() => sandbox.Dispose();

    private sealed record ControlRequest(string Verb, string Path, string? Body, string? ContentType)
    {
        public override string ToString() => $"{Verb} {Path} [{ContentType}] {Body}";
    }

    private static readonly Gen<string> Values = Gen.OneOf<string>(
        Gen.OneOf("0", "-1", "1e400", "9223372036854775808", "-9223372036854775809", "1.5", "\"\\ud800\"", "\"x\"", "\"\"", "null", "true", "[]", "{}",
            "\"8600490744313347\"", "\"" + new string('9', 5000) + "\"", "32503680001", string.Concat(Enumerable.Repeat("[", 80)) + string.Concat(Enumerable.Repeat("]", 80))),
        Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Bodies = Gen.OneOf<string>(
        from member in Gen.OneOf("advance_seconds", "set", "pan", "expiry", "phone", "holder", "balance", "behaviour", "method", "kind", "delay_ms", "code",
            "http_status", "probability", "times", "blocked", "description", "username")
        from value in Values
        from other in Gen.OneOf("", ",\"blocked\":true", ",\"kind\":\"error\",\"method\":\"*\"", ",\"pan\":\"8600111122223333\",\"expiry\":\"3012\",\"phone\":\"998901234567\",\"holder\":\"H\",\"balance\":1")
        select $"{{\"{member}\":{value}{other}}}",
        Gen.OneOf("", "{", "[]", "null", "\"x\"", "{\"advance_seconds\":1,\"set\":1}", "{\"a\":\"\\ud800\"}", "\u00ff\u00fe"));

    private static readonly Gen<string> Queries = Gen.OneOf<string>(
        Gen.OneOf("", "?service_id=", "?service_id=%00", "?service_id=a%2Fb", "?service_id=1&service_id=2", "?service_id=" + new string('s', 70),
            "?phone=%ED%A0%80", "?reference=%FF", "?service_id=open_x&phone=998901112233&reference=1", "?r=1&s=x", "?hash=", "?hash=%00"),
        Gen.String[Gen.Char.AlphaNumeric, 0, 20].Select(s => "?service_id=" + s));

    private static readonly Gen<ControlRequest> Requests = Gen.OneOf<ControlRequest>(
        from path in Gen.OneOf("clock", "cards", "faults", "service", "vendors/100381", "vendors/1", "vendors/x", "reset", "faults/f1", "health")
        from verb in Gen.OneOf("POST", "POST", "GET", "DELETE", "PUT")
        from query in Queries
        from body in Bodies
        from contentType in Gen.OneOf("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16")
        select new ControlRequest(verb, $"/_sandbox/{path}{query}", body, contentType),
        from path in Gen.OneOf("sms", "transactions", "invoices", "payouts", "journal", "cards", "clock", "service", "faults")
        from query in Queries
        select new ControlRequest("GET", $"/_sandbox/{path}{query}", null, null),
        from query in Queries
        from page in Gen.OneOf("/payform", "/receipt")
        select new ControlRequest("GET", page + query, null, null),
        from action in Gen.OneOf("pay", "confirm", "cancel", "", "\ud800", new string('a', 3000))
        from field in Gen.OneOf("card_number", "card_expire", "phone_number", "code", "hash")
        from value in Gen.OneOf("8600490744313347", "", "%ED%A0%80", "\u0000", new string('1', 20_000), "3012")
        from contentType in Gen.OneOf("application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json", "text/plain")
        select new ControlRequest("POST", "/payform", $"hash=x&action={Uri.EscapeDataString(action)}&{field}={value}", contentType));

    [Fact]
    public async Task Generated_hostile_control_and_page_requests_never_get_a_5xx_or_a_stack_trace()
    {
        var client = sandbox.CreateClient();
        var tried = await GeneratedRun.ForEachAsync(Requests, HardeningScale.Full ? 20_000 : 600, 2, async request =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Verb), request.Path);
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || Markers.Any(m => body.Contains(m, StringComparison.Ordinal)))
            {
                throw new XunitException($"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 800)]}");
            }
        }, request => request.ToString());

        sandbox.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Should().BeEmpty();
        output.WriteLine($"hostile control-API and page requests ({HardeningScale.Name}): {tried} tried; violations: 0");
    }
}
