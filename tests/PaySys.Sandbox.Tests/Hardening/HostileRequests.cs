using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// A request template: a method call whose params are valid, with ids written as placeholders (@@completed_tid@@ is a
/// string of digits, "@@int:completed_tid@@" a JSON integer) that are filled from the tenant's fixtures when it is sent.
/// <see cref="Rejects"/> templates are refused by the domain after every param check (e.g. the insufficient-funds
/// card), so a mutation reaches validation and a rejection must leave the state as it was.
/// </summary>
public sealed record Template(string Method, string Params, bool Rejects, string? CardToken = null)
{
    public bool HasIds => Params.Contains("@@", StringComparison.Ordinal) || CardToken is not null;
}

/// <summary>How the Auth header is built for one request: zero, one or two header values.</summary>
public sealed record AuthCase(string Label, Func<string, string, DateTimeOffset, string[]> Build, bool Valid)
{
    public override string ToString() => Label;
}

/// <summary>
/// One generated hostile request. <see cref="Body"/> may hold placeholders: "@@raw:i@@" (with its quotes) is replaced by
/// the raw JSON text <see cref="Raw"/>[i] (numbers JSON cannot hold as a double, lone surrogates, deep nesting…),
/// "@@big:n@@" by n bytes of 'a' (a 10 MB string), and the id placeholders of <see cref="Template"/>.
/// </summary>
public sealed record HostileRequest(
    string Label,
    int Slot,
    string Verb,
    string Path,
    string? ContentType,
    string Body,
    IReadOnlyList<string> Raw,
    BodyDamage Damage,
    AuthCase Auth,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool MustReject,
    int? ExpectedStatus)
{
    /// <summary>The client hangs up before the server can answer (it half-closes mid-body): no answer is the right one.</summary>
    public bool AllowNoAnswer { get; init; }

    /// <summary>This request, marked as one the sandbox must (or need not) reject.</summary>
    public HostileRequest Rejecting(bool mustReject) => this with { MustReject = mustReject };

    public override string ToString()
    {
        var body = Body.Length > 600 ? Body[..600] + $"… ({Body.Length} chars)" : Body;
        var raw = Raw.Count == 0 ? "" : $"\n  raw: {string.Join(" | ", Raw.Select(r => r.Length > 200 ? r[..200] + "…" : r))}";
        var headers = string.Join(", ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 80 ? h.Value[..80] + "…" : h.Value)}"));
        return $"[{Label}] tenant slot {Slot}: {Verb} {Path} Content-Type: {ContentType ?? "(none)"}; Auth: {Auth.Label}; {headers}\n  body: {body}{raw}\n  damage: {Damage}; must reject: {MustReject}; expected HTTP: {ExpectedStatus?.ToString(CultureInfo.InvariantCulture) ?? "any"}";
    }
}

public enum DamageKind
{
    None,
    Truncate,
    InvalidUtf8,
    InsertByte,
    ByteOrderMark,
    PadToLimitPlusOne,
}

/// <summary>What is done to the body's bytes after the placeholders are filled in.</summary>
public sealed record BodyDamage(DamageKind Kind, double Where = 0, byte Byte = 0)
{
    public static BodyDamage None { get; } = new(DamageKind.None);

    public byte[] Apply(byte[] body, int limit) => Kind switch
    {
        DamageKind.Truncate => body[..Math.Min(body.Length - 1, (int)(Where * body.Length))],
        DamageKind.InvalidUtf8 => Insert(body, (int)(Where * body.Length), [0xC3, 0x28, 0xFF]),
        DamageKind.InsertByte => Insert(body, (int)(Where * body.Length), [Byte]),
        DamageKind.ByteOrderMark => [0xEF, 0xBB, 0xBF, .. body],
        DamageKind.PadToLimitPlusOne => [.. body, .. Enumerable.Repeat((byte)' ', Math.Max(1, limit + 1 - body.Length))],
        _ => body,
    };

    private static byte[] Insert(byte[] body, int at, byte[] bytes) => [.. body[..at], .. bytes, .. body[at..]];
}

/// <summary>The generators of hostile requests: every param of the 14 methods with every wrong JSON type, bad values, broken envelopes, transports and Auth.</summary>
public static class HostileRequests
{
    public const int Slots = 4;

    public static readonly Template[] Templates =
    [
        new("paysys.card_registration", """{"phone_number":"998900000005","card_number":"8600000000000005","card_expire":"3012"}""", Rejects: true),
        new("paysys.card_registration", """{"phone_number":"998901112234","card_number":"9860010112345678","card_expire":"3012"}""", Rejects: false),
        new("paysys.card_confirm", """{"card_id":"@@card_id@@","confirmation_code":"000000"}""", Rejects: true),
        new("pam.prepare_payment", """{"card_number":"8600000000000001","card_expire":"3012","phone_number":"998900000001","amount":100000,"vendor_id":100381,"product":"order-1"}""", Rejects: true),
        new("pam.prepare_payment", """{"card_id":"@@card_id@@","phone_number":"998901112233","amount":500,"vendor_id":"100381","product":"order-2","comment":"c","save":false,"hold":true,"holding_time":3600,"after_expired":"accept"}""", Rejects: false),
        new("pam.confirm_payment", """{"bank_transaction_id":"@@int:completed_btid@@","confirmation_code":"666666"}""", Rejects: true),
        new("hold.confirm", """{"bank_transaction_id":"@@cancelled_btid@@","status":"accept"}""", Rejects: true),
        new("pam.check_payment", """{"bank_transaction_id":"@@completed_btid@@"}""", Rejects: false),
        new("pam.check_payment", """{"agr_transaction_id":"@@int:payout_tid@@"}""", Rejects: false),
        new("pam.payment", """{"card_id":"@@card_id@@","phone_number":"998901112233","amount":5000000000,"vendor_id":100381,"product":"order-3","hold":false,"holding_time":60,"after_expired":"cancel"}""", Rejects: true, CardToken: "@@token@@"),
        new("transaction.reverse", """{"transaction_id":"@@int:cancelled_tid@@"}""", Rejects: true),
        new("paysys.payment_info", """{"transaction_id":"@@completed_tid@@"}""", Rejects: false),
        new("paysys.payment_cancel", """{"transaction_id":"@@int:refunded_tid@@"}""", Rejects: true),
        new("paysys.payment_adjustments", """{"transaction_id":"@@refunded_tid@@","amount":1,"currency":"UZS"}""", Rejects: true),
        new("paysys.get_fiscal_cheque", """{"transaction_id":"@@int:cancelled_tid@@","type":"payment"}""", Rejects: true),
        new("paysys.invoice_create", """{"order_id":"o-1","vendor_id":999,"payment_id":-1,"currency":"USD","amount":10.5,"order_note":"n"}""", Rejects: true),
        new("paysys.invoice_create", """{"order_id":"o-2","vendor_id":100381,"payment_id":-1,"currency":"UZS","amount":1000.22}""", Rejects: false),
        new("pam.pay_by_cash", """{"vendor_form":{"account":"79000000001","amount":1000,"vendor_id":100381,"currency":"UZS","wallet":"w"}}""", Rejects: true),
        new("pam.pay_by_cash", """{"vendor_form":{"account":"998901112233","amount":1000,"vendor_id":100381}}""", Rejects: false),
    ];

    private static readonly Template TokenPayment = Templates.Single(t => t.CardToken is not null);

    private static string Hash(string secret, long ts) => Auth.AuthVerifier.Hash(secret, ts.ToString(CultureInfo.InvariantCulture));

    private static string Ms(DateTimeOffset now) => now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static readonly AuthCase ValidAuth = new("valid", (id, secret, now) => [Auth.AuthVerifier.Sign(id, secret, Ms(now))], Valid: true);

    public static readonly AuthCase[] AuthCases =
    [
        new("missing", (_, _, _) => [], false),
        new("empty", (_, _, _) => [""], false),
        new("blank", (_, _, _) => ["   "], false),
        new("two parts", (id, s, now) => [$"{id}-{Hash(s, now.ToUnixTimeMilliseconds())}"], false),
        new("four parts", (id, s, now) => [$"{Auth.AuthVerifier.Sign(id, s, Ms(now))}-1"], false),
        new("empty service_id", (_, s, now) => [$"-{Hash(s, now.ToUnixTimeMilliseconds())}-{Ms(now)}"], false),
        new("malformed service_id", (id, s, now) => [$"{id}!-{Hash(s, now.ToUnixTimeMilliseconds())}-{Ms(now)}"], false),
        new("service_id of 65 characters", (_, s, now) => [$"{new string('a', 65)}-{Hash(s, now.ToUnixTimeMilliseconds())}-{Ms(now)}"], false),
        new("non-ASCII service_id", (id, s, now) => [$"{id}\u00e9-{Hash(s, now.ToUnixTimeMilliseconds())}-{Ms(now)}"], false),
        new("hash of another secret", (id, _, now) => [Auth.AuthVerifier.Sign(id, "not-the-secret", Ms(now))], false),
        new("hash of another timestamp", (id, s, now) => [$"{id}-{Hash(s, now.ToUnixTimeMilliseconds() - 1)}-{Ms(now)}"], false),
        new("hash cut short", (id, s, now) => [$"{id}-{Hash(s, now.ToUnixTimeMilliseconds())[..39]}-{Ms(now)}"], false),
        new("empty hash", (id, _, now) => [$"{id}--{Ms(now)}"], false),
        new("non-hex hash", (id, _, now) => [$"{id}-{new string('z', 40)}-{Ms(now)}"], false),
        new("upper-case hash", (id, s, now) => [$"{id}-{Hash(s, now.ToUnixTimeMilliseconds()).ToUpperInvariant()}-{Ms(now)}"], true),
        new("stale timestamp", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now.AddSeconds(-301)))], false),
        new("future timestamp", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now.AddSeconds(301)))], false),
        new("timestamp at the epoch", (id, s, _) => [Auth.AuthVerifier.Sign(id, s, "0000000000000")], false),
        new("timestamp of 9999999999999", (id, s, _) => [Auth.AuthVerifier.Sign(id, s, "9999999999999")], false),
        new("seconds timestamp", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], true),
        new("11-digit timestamp", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now)[..11])], false),
        new("14-digit timestamp", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now) + "0")], false),
        new("timestamp with a letter", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now)[..12] + "x")], false),
        new("timestamp with a plus", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, "+" + Ms(now)[1..])], false),
        new("Arabic-Indic digits", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, new string(Ms(now).Select(c => (char)(c - '0' + '\u0660')).ToArray()))], false),
        new("valid twice", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now)), Auth.AuthVerifier.Sign(id, s, Ms(now))], false),
        new("valid and junk", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now)), "junk"], false),
        new("20 000 characters", (id, s, now) => [Auth.AuthVerifier.Sign(id, s, Ms(now)) + new string('0', 20_000)], false),
    ];

    private static readonly string[] RawNumbers =
    [
        "0", "-1", "-0", "1.5", "1e400", "-1e400", "1E2", "1e-400", "0.001", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "100000000000000000000", "1000.225",
        "79228162514264337593543950336", "4.9e-324",
    ];

    private static readonly string[] RawStrings =
    [
        "\"\"", "\" \"", "\"-1\"", "\"0\"", "\"00\"", "\"+1\"", "\" 1\"", "\"1 \"", "\"1e3\"", "\"0x10\"", "\"\uff11\uff12\uff13\"", "\"\u0661\u0662\u0663\"",
        "\"12345678901234567890123\"", "\"\\u0000\"", "\"\\u001f\\u007f\\u0085\"", "\"\\ud800\"", "\"\\udfff\\ud800x\"", "\"\\ud83d\\ude00\"",
        "\"\\u202eRTL\\u200b\"", "\"a\\u0301\\u0301\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"%s%n%x{0}{1}\"",
        "\"8600490744313347\"", "\"card 8600490744313347 here\"", "\"null\"", "\"true\"", "\"\\n\\r\\t\"", "\"\\\\\"",
        "\"" + new string('x', 256) + "\"", "\"" + new string('9', 10_000) + "\"",
    ];

    private static readonly string[] RawStructures =
    [
        "[]", "{}", "true", "false", "null", "[null]", "{\"\":null}", "[[[[[[[[[[1]]]]]]]]]]",
        string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)),
        string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + string.Concat(Enumerable.Repeat("}", 70)),
        string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)),
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/octet-stream", "text/json",
        "application/problem+json", "*/*", "application/json; charset=\"", "x", "",
    ];

    private static readonly string[] Verbs = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "HEAD"];

    private static readonly (string Path, bool Served)[] Paths =
    [
        ("/gateway/", true), ("/GATEWAY", true), ("/gateway?x=1&y", true), ("/gateway?service_id=other", true),
        ("/gateway/x", false), ("/gateway.json", false), ("/gateway%2F", false), ("/gateway/..", false), ("/_sandbox/gateway", false),
    ];

    /// <summary>A JSON string (as raw text) of random characters, escaped the way a hostile client might: control characters and surrogates as \u escapes.</summary>
    private static readonly Gen<string> RandomJsonString =
        Gen.Char.Array[0, 40].Select(chars =>
        {
            var text = new StringBuilder("\"");
            foreach (var c in chars)
            {
                if (c < 0x20 || char.IsSurrogate(c) || c == '"' || c == '\\')
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                }
                else
                {
                    text.Append(c);
                }
            }

            return text.Append('"').ToString();
        });

    /// <summary>A value of <paramref name="kind"/>, as raw JSON text.</summary>
    private static Gen<string> ValueOf(JsonKind kind) => kind switch
    {
        JsonKind.Text => Gen.OneOf<string>(RandomJsonString, Gen.OneOf(RawStrings)),
        JsonKind.Whole => Gen.OneOf<string>(Gen.Long.Select(v => v.ToString(CultureInfo.InvariantCulture)), Gen.OneOf("0", "-1", "9223372036854775808", "1e400")),
        JsonKind.Fraction => Gen.Double[-1e12, 1e12].Select(v => (Math.Floor(v) + 0.5).ToString("R", CultureInfo.InvariantCulture)),
        JsonKind.Flag => Gen.Bool.Select(b => b ? "true" : "false"),
        JsonKind.Map => Gen.OneOf("{}", "{\"id\":1}", "{\"value\":\"100\"}", "{\"a\":[1,{}]}"),
        _ => Gen.OneOf("[]", "[1]", "[\"100000\"]", "[[[]]]", "[null,true]"),
    };

    private static readonly Gen<string> AnyRawValue = Gen.Frequency(
        (3, Gen.OneOf(RawNumbers)), (4, Gen.OneOf(RawStrings)), (2, Gen.OneOf(RawStructures)), (3, RandomJsonString));

    public static Gen<HostileRequest> All { get; } =
        Gen.Select(Gen.OneOf(Templates), Gen.Int[0, Slots - 1]).SelectMany(pick => Gen.Frequency(
            (20, WrongType(pick.Item1, pick.Item2)),
            (14, BadValue(pick.Item1, pick.Item2)),
            (5, MissingOrNull(pick.Item1, pick.Item2)),
            (3, Extra(pick.Item1, pick.Item2)),
            (6, Foreign(pick.Item1, pick.Item2)),
            (8, Envelope(pick.Item1, pick.Item2)),
            (8, Broken(pick.Item1, pick.Item2)),
            (10, BadAuth(pick.Item1, pick.Item2)),
            (3, BadCardToken(pick.Item2)),
            (5, Transport(pick.Item1, pick.Item2)),
            (2, Gen.Const(Build(pick.Item1, pick.Item2, "as is", p => p, []).Rejecting(pick.Item1.Rejects))),
            (1, Gen.Const(Oversized(pick.Item1, pick.Item2)))));

    private static Gen<HostileRequest> WrongType(Template t, int slot) =>
        from param in Gen.OneOf(ParamsSchemas.All[t.Method].ToArray())
        from kind in Gen.OneOf(param.Wrong.ToArray())
        from value in ValueOf(kind)
        select Build(t, slot, $"wrong type: {param.Path} as {kind}", p => Set(p, param.Path, 0), [value]).Rejecting(true);

    private static Gen<HostileRequest> BadValue(Template t, int slot) =>
        from param in Gen.OneOf(ParamsSchemas.All[t.Method].ToArray())
        from value in AnyRawValue
        select Build(t, slot, $"bad value: {param.Path}", p => Set(p, param.Path, 0), [value]);

    private static Gen<HostileRequest> MissingOrNull(Template t, int slot) =>
        from param in Gen.OneOf(ParamsSchemas.All[t.Method].ToArray())
        from asNull in Gen.Bool
        select Build(t, slot, $"{(asNull ? "null" : "missing")}: {param.Path}", p => asNull ? Set(p, param.Path, null) : Remove(p, param.Path), []).Rejecting(param.Required || t.Rejects);

    private static Gen<HostileRequest> Extra(Template t, int slot) =>
        from name in Gen.OneOf<string>(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.OneOf("__proto__", "constructor", "$type", "", "id", "method", "params"))
        from value in AnyRawValue
        select Build(t, slot, $"extra param {name}", p =>
        {
            p[name] = "@@raw:0@@";
            return p;
        }, [value]).Rejecting(t.Rejects);

    private static Gen<HostileRequest> Foreign(Template t, int slot) =>
        Gen.Const(t.HasIds
            ? Build(t with { Params = Regex.Replace(t.Params, "@@(int:)?([a-z_]+)@@", "@@$1foreign_$2@@"), CardToken = t.CardToken is null ? null : "@@foreign_token@@" },
                slot, "ids of another tenant", p => p, []).Rejecting(true)
            : Build(t, slot, "as is (no ids)", p => p, []).Rejecting(t.Rejects));

    private static Gen<HostileRequest> Envelope(Template t, int slot) => Gen.OneOf<HostileRequest>(
        from id in Gen.OneOf("{}", "[]", "true", "[1]", "{\"id\":1}")
        select Build(t, slot, $"id {id}", p => p, [], idRaw: id).Rejecting(true),
        from id in Gen.OneOf("1e400", "123456789012345678901234567890", "-0", "\"\\ud800\"", "\"" + new string('i', 5000) + "\"", "null")
        select Build(t, slot, $"odd id {id[..Math.Min(20, id.Length)]}", p => p, [], idRaw: id).Rejecting(t.Rejects),
        from method in Gen.OneOf<string>(
            Gen.Const(t.Method.ToUpperInvariant()), Gen.Const(" " + t.Method), Gen.Const(t.Method + "\\u0000"), Gen.Const(t.Method + "."),
            Gen.Const(t.Method.Replace('.', '_')), Gen.Const("8600490744313347"), Gen.Const(new string('m', 300)), Gen.Const(""),
            Gen.String[Gen.Char.AlphaNumeric, 1, 30].Select(s => "x" + s))
        select Build(t, slot, $"method {method[..Math.Min(30, method.Length)]}", p => p, [], method: method).Rejecting(true),
        from parameters in Gen.OneOf("[]", "\"params\"", "1", "true", "[{}]", "null")
        select Build(t, slot, $"params {parameters}", p => p, [], paramsRaw: parameters).Rejecting(true),
        from whole in Gen.OneOf("", " ", "null", "[]", "1", "\"x\"", "{}", "[{\"method\":\"pam.check_payment\"}]", "{\"method\":null}", "{\"method\":1}", "\"\\ud800\"")
        select Build(t, slot, $"body {whole}", p => p, [], whole: whole).Rejecting(true),
        from jsonrpc in Gen.OneOf("\"1.0\"", "2", "null", "{}")
        select Build(t, slot, $"jsonrpc {jsonrpc}", p => p, [], jsonrpc: jsonrpc).Rejecting(t.Rejects),
        Gen.Const(Build(t, slot, "duplicated method member", p => p, [], duplicateMethod: true)));

    private static Gen<HostileRequest> Broken(Template t, int slot) => Gen.OneOf<HostileRequest>(
        from at in Gen.Double[0, 1]
        select Build(t, slot, "truncated", p => p, []) with { Damage = new BodyDamage(DamageKind.Truncate, at), MustReject = true },
        from at in Gen.Double[0, 1]
        select Build(t, slot, "invalid UTF-8", p => p, []) with { Damage = new BodyDamage(DamageKind.InvalidUtf8, at), MustReject = true },
        from at in Gen.Double[0, 1]
        from b in Gen.Byte
        select Build(t, slot, $"byte 0x{b:x2} inserted", p => p, []) with { Damage = new BodyDamage(DamageKind.InsertByte, at, b) },
        Gen.Const(Build(t, slot, "byte order mark", p => p, []) with { Damage = new BodyDamage(DamageKind.ByteOrderMark), MustReject = t.Rejects }));

    private static Gen<HostileRequest> BadAuth(Template t, int slot) =>
        from auth in Gen.OneOf(AuthCases)
        select Build(t, slot, $"Auth {auth.Label}", p => p, []) with { Auth = auth, MustReject = !auth.Valid || t.Rejects };

    /// <summary>pam.payment (the one method that reads Card-Token) with a missing, foreign or mangled token.</summary>
    private static Gen<HostileRequest> BadCardToken(int slot) =>
        from token in Gen.OneOf("", " ", "@@foreign_token@@", "@@card_id@@", "0000000000000000000000000000000000000000", new string('t', 10_000), "\u00e9", "@@token@@ ", "@@token@@,@@token@@")
        select Build(TokenPayment with { CardToken = token }, slot, $"Card-Token {token[..Math.Min(20, token.Length)]}", p => p, []).Rejecting(true);

    private static Gen<HostileRequest> Transport(Template t, int slot) => Gen.OneOf<HostileRequest>(
        from verb in Gen.OneOf(Verbs)
        select Build(t, slot, $"verb {verb}", p => p, []) with { Verb = verb, MustReject = true, ExpectedStatus = 405 },
        from contentType in Gen.OneOf(ContentTypes)
        from broken in Gen.Bool
        select Build(t, slot, $"Content-Type {contentType}{(broken ? " with a broken body" : "")}", p => p, []) with
        {
            ContentType = contentType,
            Damage = broken ? new BodyDamage(DamageKind.Truncate, 0.5) : BodyDamage.None,
            MustReject = broken || t.Rejects,
        },
        from path in Gen.OneOf(Paths)
        select Build(t, slot, $"path {path.Path}", p => p, []) with { Path = path.Path, MustReject = !path.Served || t.Rejects },
        from count in Gen.Int[1, 40]
        from name in Gen.String[Gen.Char.AlphaNumeric, 1, 20]
        from value in Gen.String[Gen.Char['\x20', '\x7e'], 0, 200]
        select Build(t, slot, $"junk headers ({count})", p => p, []) with
        {
            Headers = [.. Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"X-{name}-{i % 7}", value))],
            MustReject = t.Rejects,
        },
        Gen.Const(Build(t, slot, "one byte over the body limit", p => p, []) with { Damage = new BodyDamage(DamageKind.PadToLimitPlusOne), MustReject = true, ExpectedStatus = 413 }));

    /// <summary>A 10 MB string in a param: HTTP 413 before anything else is looked at.</summary>
    private static HostileRequest Oversized(Template t, int slot)
    {
        var param = ParamsSchemas.All[t.Method][0].Path;
        return Build(t, slot, $"10 MB string in {param}", p => Set(p, param, 0), ["\"@@big:10485760@@\""]) with { MustReject = true, ExpectedStatus = 413 };
    }

    private static HostileRequest Build(
        Template t, int slot, string label, Func<JsonObject, JsonObject> change, string[] raw,
        string? idRaw = null, string? method = null, string? paramsRaw = null, string? whole = null, string? jsonrpc = null, bool duplicateMethod = false)
    {
        string body;
        if (whole is not null)
        {
            body = whole;
        }
        else
        {
            var parameters = change(JsonNode.Parse(t.Params)!.AsObject());
            var text = new StringBuilder("{");
            text.Append("\"id\":").Append(idRaw ?? "\"hostile\"");
            if (jsonrpc is not null)
            {
                text.Append(",\"jsonrpc\":").Append(jsonrpc);
            }

            text.Append(",\"method\":").Append(method is null ? $"\"{t.Method}\"" : $"\"{method.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
            text.Append(",\"params\":").Append(paramsRaw ?? parameters.ToJsonString());
            if (duplicateMethod)
            {
                text.Append(",\"method\":\"pam.check_payment\"");
            }

            body = text.Append('}').ToString();
        }

        var headers = t.CardToken is null ? new List<KeyValuePair<string, string>>() : [new("Card-Token", t.CardToken)];
        return new HostileRequest(label, slot, "POST", "/gateway", "application/json", body, raw, BodyDamage.None, ValidAuth, headers,
            MustReject: false, ExpectedStatus: null);
    }

    /// <summary>Sets a (possibly nested) param to the raw value number <paramref name="rawIndex"/>, or to JSON null.</summary>
    private static JsonObject Set(JsonObject parameters, string path, int? rawIndex)
    {
        var (owner, name) = Owner(parameters, path);
        owner[name] = rawIndex is { } i ? JsonValue.Create($"@@raw:{i}@@") : null;
        return parameters;
    }

    private static JsonObject Remove(JsonObject parameters, string path)
    {
        var (owner, name) = Owner(parameters, path);
        owner.Remove(name);
        return parameters;
    }

    private static (JsonObject Owner, string Name) Owner(JsonObject parameters, string path)
    {
        var parts = path.Split('.');
        var owner = parameters;
        foreach (var part in parts[..^1])
        {
            owner = owner[part] as JsonObject ?? (JsonObject)(owner[part] = new JsonObject());
        }

        return (owner, parts[^1]);
    }
}
