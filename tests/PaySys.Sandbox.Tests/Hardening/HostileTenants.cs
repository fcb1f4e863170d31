using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>The ids a tenant's hostile requests point at: one transaction in each interesting state, a confirmed card and its token, a payout.</summary>
public sealed record Fixtures(
    string CardId, string Token, long CompletedBtid, long CompletedTid, long CancelledBtid, long CancelledTid,
    long HeldBtid, long HeldTid, long RefundedTid, long PayoutTid)
{
    public string? Value(string name) => name switch
    {
        "card_id" => CardId,
        "token" => Token,
        "completed_btid" => Text(CompletedBtid),
        "completed_tid" => Text(CompletedTid),
        "cancelled_btid" => Text(CancelledBtid),
        "cancelled_tid" => Text(CancelledTid),
        "held_btid" => Text(HeldBtid),
        "held_tid" => Text(HeldTid),
        "refunded_tid" => Text(RefundedTid),
        "payout_tid" => Text(PayoutTid),
        _ => null,
    };

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Builds the fixtures with ordinary calls (the fixed OTP 666666 confirms everything).</summary>
    public static async Task<Fixtures> Seed(GatewayClient gateway)
    {
        var registered = await gateway.Ok("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        var cardId = registered["id"]!.GetValue<string>();
        var confirmed = await gateway.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        var token = confirmed["card_token"]!.GetValue<string>();

        async Task<(long Btid, long Tid)> Pay(long amount, bool hold = false)
        {
            var prepared = await gateway.Ok("pam.prepare_payment", new
            {
                card_id = cardId,
                phone_number = Cards.UzcardPhone,
                amount,
                vendor_id = Cards.VendorId,
                product = "fixture",
                hold,
            });
            var btid = prepared["bank_transaction_id"]!.GetValue<long>();
            var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = btid, confirmation_code = Cards.FixedOtp });
            return (btid, long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }

        var completed = await Pay(10_000);
        var cancelled = await Pay(20_000);
        await gateway.Ok("transaction.reverse", new { transaction_id = cancelled.Tid });
        var held = await Pay(30_000, hold: true);
        var refunded = await Pay(10_000);
        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = refunded.Tid, amount = 9_900 });
        var payout = await gateway.Ok("pam.pay_by_cash", new { vendor_form = new { account = "998901112233", amount = 1_000, vendor_id = Cards.VendorId } });
        return new Fixtures(cardId, token, completed.Btid, completed.Tid, cancelled.Btid, cancelled.Tid, held.Btid, held.Tid, refunded.Tid,
            payout["details"]!["transaction_id"]!.GetValue<long>());
    }
}

/// <summary>
/// Open tenants that hostile requests are sent to, one at a time per tenant: the tenant's state (the five control
/// reads) is taken after every call and must be byte-for-byte the one before whenever the call was rejected.
/// A tenant that accepted many calls is reset and seeded again, so its state stays small.
/// </summary>
public sealed partial class HostileTenants
{
    public const string Secret = "hostile-shared-secret";
    private const int ResetAfterChanges = 100;

    private static readonly string[] StateRoutes = ["cards", "transactions", "invoices", "payouts", "sms"];

    private static readonly HashSet<int> CatalogueCodes = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "errors.json")))!
        ["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).ToHashSet();

    private static readonly string[] LeakMarkers = ["Exception", "   at ", "System.", "Microsoft."];

    private readonly SandboxFactory sandbox;
    private readonly HttpClient http;
    private readonly Slot[] slots;
    private readonly Slot foreign;
    private readonly int bodyLimit;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> kinds = new(StringComparer.Ordinal);
    private long tried;
    private long rejected;
    private long compared;

    private HostileTenants(SandboxFactory sandbox, int slotCount, int bodyLimit)
    {
        this.sandbox = sandbox;
        this.bodyLimit = bodyLimit;
        http = sandbox.CreateClient();
        slots = [.. Enumerable.Range(0, slotCount).Select(i => new Slot($"hostile_{i}", sandbox.CreateGateway($"hostile_{i}", Secret)))];
        foreign = new Slot("hostile_foreign", sandbox.CreateGateway("hostile_foreign", Secret));
    }

    public long Tried => Interlocked.Read(ref tried);

    public long Rejected => Interlocked.Read(ref rejected);

    public long Compared => Interlocked.Read(ref compared);

    /// <summary>How many requests of each kind (the first word of their label) were tried.</summary>
    public string Kinds => string.Join(", ", kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}"));

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Sandbox:OpenTenants"] = "true",
        ["Sandbox:OpenTenantsSecret"] = Secret,
        ["Sandbox:FixedOtp"] = Cards.FixedOtp,
    };

    public static async Task<HostileTenants> Start(SandboxFactory sandbox, int slotCount, int bodyLimit = 64 * 1024)
    {
        var tenants = new HostileTenants(sandbox, slotCount, bodyLimit);
        tenants.foreign.Fixtures = await Fixtures.Seed(tenants.foreign.Gateway);
        foreach (var slot in tenants.slots)
        {
            await tenants.Reseed(slot);
        }

        return tenants;
    }

    /// <summary>Sends one request to its tenant and checks every promise about the answer and the tenant's state.</summary>
    public async Task Check(HostileRequest request, Func<HostileRequest, Slot, Slot, Task<(int Status, string Body)>> send)
    {
        var slot = slots[request.Slot % slots.Length];
        await slot.Gate.WaitAsync();
        try
        {
            if (slot.Changes >= ResetAfterChanges)
            {
                await Reseed(slot);
            }

            var (status, body) = await send(request, slot, foreign);
            Interlocked.Increment(ref tried);
            kinds.AddOrUpdate(request.Label.Split(' ', ':')[0], 1, (_, n) => n + 1);
            var before = slot.State;
            var after = await Snapshot(slot);
            if (after != before)
            {
                slot.Changes++;
                slot.State = after;
            }

            if (CheckAnswer(request, status, body))
            {
                Interlocked.Increment(ref rejected);
                Interlocked.Increment(ref compared);
                if (after != before)
                {
                    throw new XunitException($"a rejected call changed the tenant's state.\nrequest: {request}\nanswer: HTTP {status} {Shorten(body)}\n{Difference(before, after)}");
                }
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>The request over the in-process test server.</summary>
    public async Task<(int Status, string Body)> SendInProcess(HostileRequest request, Slot slot, Slot other)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Verb), request.Path);
        if (request.Verb is not ("GET" or "HEAD" or "TRACE"))
        {
            message.Content = new ByteArrayContent(Body(request, slot, other));
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        var auth = request.Auth.Build(slot.ServiceId, Secret, sandbox.RealClock.GetUtcNow());
        if (auth.Length > 0)
        {
            message.Headers.TryAddWithoutValidation("Auth", auth);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, Resolve(value, slot, other));
        }

        using var response = await http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body's bytes: raw values and ids filled in, a 10 MB string built, then the damage done.</summary>
    public byte[] Body(HostileRequest request, Slot slot, Slot other)
    {
        var text = RawPlaceholder().Replace(request.Body, m => request.Raw[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);
        text = Resolve(text, slot, other);
        byte[] bytes;
        if (BigPlaceholder().Match(text) is { Success: true } big)
        {
            var size = int.Parse(big.Groups[1].Value, CultureInfo.InvariantCulture);
            bytes = [.. Encoding.UTF8.GetBytes(text[..big.Index]), .. Enumerable.Repeat((byte)'a', size), .. Encoding.UTF8.GetBytes(text[(big.Index + big.Length)..])];
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(text);
        }

        return request.Damage.Apply(bytes, bodyLimit);
    }

    /// <summary>Ids: "@@int:x@@" with its quotes becomes a JSON integer, @@x@@ the id's text; foreign_x is the other tenant's.</summary>
    public static string Resolve(string text, Slot slot, Slot other) =>
        IdPlaceholder().Replace(text, m =>
        {
            var name = m.Groups[3].Value;
            var isForeign = name.StartsWith("foreign_", StringComparison.Ordinal);
            var value = (isForeign ? other.Fixtures! : slot.Fixtures!).Value(isForeign ? name["foreign_".Length..] : name)
                ?? throw new InvalidOperationException($"unknown placeholder {m.Value}");
            return m.Groups[2].Success ? value : m.Groups[1].Value + value + m.Groups[4].Value;
        });

    /// <summary>No Error or Critical line: the sandbox never failed unexpectedly.</summary>
    public void EnsureNoErrorLogged()
    {
        var errors = sandbox.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Take(5).ToList();
        errors.Should().BeEmpty("an unexpected failure is a bug: {0}", string.Join("\n", errors));
    }

    /// <summary>True when the call was rejected (a transport status or a JSON-RPC error); throws on any broken promise.</summary>
    public static bool CheckAnswer(HostileRequest request, int status, string body)
    {
        var problems = new List<string>();
        // 505 is Kestrel's answer to an HTTP version it does not speak (HTTP/2.0 in an HTTP/1.1 request line): a transport answer, not a failure.
        if (status >= 500 && status != 505)
        {
            problems.Add($"HTTP {status}");
        }

        if (status == 0 && !request.AllowNoAnswer)
        {
            problems.Add("no HTTP answer at all (the connection was closed or reset without one)");
        }

        problems.AddRange(LeakMarkers.Where(m => body.Contains(m, StringComparison.Ordinal)).Select(m => $"the body contains '{m}'"));
        var wasRejected = true;
        if (status == 200)
        {
            wasRejected = CheckEnvelope(body, problems);
        }

        if (request.ExpectedStatus is { } expected && status != expected)
        {
            problems.Add($"expected HTTP {expected}");
        }

        if (request.MustReject && !wasRejected)
        {
            problems.Add("the call should have been rejected");
        }

        return problems.Count == 0
            ? wasRejected
            : throw new XunitException($"{string.Join("; ", problems)}\nrequest: {request}\nanswer: HTTP {status} {Shorten(body)}");
    }

    private static bool CheckEnvelope(string body, List<string> problems)
    {
        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("not an object");
        }
#pragma warning disable CA1031 // Anything unreadable is the finding.
        catch (Exception e)
#pragma warning restore CA1031
        {
            problems.Add($"HTTP 200 without a JSON-RPC envelope ({e.GetType().Name})");
            return true;
        }

        if (!(envelope.ContainsKey("id") && envelope.ContainsKey("error") && envelope.ContainsKey("result") && envelope.ContainsKey("mx_id")))
        {
            problems.Add("the envelope lacks id, error, result or mx_id");
        }

        if (envelope["mx_id"] is not JsonValue mx || !MxId().IsMatch(mx.ToString()))
        {
            problems.Add("mx_id is not 32 lower-case hex characters");
        }

        if (envelope["error"] is not JsonObject error)
        {
            if (envelope["result"] is null)
            {
                problems.Add("neither error nor result");
            }

            return false;
        }

        if (envelope["result"] is not null)
        {
            problems.Add("an error with a result");
        }

        var code = error["code"] is JsonValue c && c.TryGetValue<int>(out var value) ? value : (int?)null;
        if (code is null || !CatalogueCodes.Contains(code.Value))
        {
            problems.Add($"error code {error["code"]} is not in contracts/errors.json");
        }
        else if (code == -32400)
        {
            problems.Add("-32400: the sandbox failed unexpectedly (no fault rule is set)");
        }

        if (error["message"] is not JsonValue message || string.IsNullOrWhiteSpace(message.ToString()))
        {
            problems.Add("the error has no message");
        }

        return true;
    }

    private async Task Reseed(Slot slot)
    {
        if (slot.Fixtures is not null)
        {
            await slot.Gateway.Control(HttpMethod.Post, "reset");
        }

        slot.Fixtures = await Fixtures.Seed(slot.Gateway);
        slot.State = await Snapshot(slot);
        slot.Changes = 0;
    }

    private async Task<string> Snapshot(Slot slot)
    {
        var state = new StringBuilder();
        foreach (var route in StateRoutes)
        {
            using var response = await http.GetAsync($"/_sandbox/{route}?service_id={slot.ServiceId}");
            state.Append(route).Append(": ").Append((int)response.StatusCode).Append(' ').AppendLine(await response.Content.ReadAsStringAsync());
        }

        return state.ToString();
    }

    private static string Difference(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var changed = a.Zip(b).Where(p => p.First != p.Second).Select(p => $"before: {Shorten(p.First)}\nafter:  {Shorten(p.Second)}");
        return string.Join("\n", changed);
    }

    private static string Shorten(string text) => text.Length > 1500 ? text[..1500] + $"… ({text.Length} chars)" : text;

    [GeneratedRegex("\"@@raw:([0-9]+)@@\"")]
    private static partial Regex RawPlaceholder();

    [GeneratedRegex("@@big:([0-9]+)@@")]
    private static partial Regex BigPlaceholder();

    [GeneratedRegex("(\"?)@@(int:)?([a-z_]+)@@(\"?)")]
    private static partial Regex IdPlaceholder();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex MxId();

    /// <summary>One tenant the hostile requests go to, with its fixtures and its last state.</summary>
    public sealed class Slot(string serviceId, GatewayClient gateway)
    {
        public string ServiceId { get; } = serviceId;

        public GatewayClient Gateway { get; } = gateway;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Fixtures? Fixtures { get; set; }

        public string State { get; set; } = "";

        public int Changes { get; set; }
    }
}
