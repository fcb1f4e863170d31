using System.Text.Json.Nodes;
using PaySys.Client.Sandbox;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// Builds the steps of a file from its YAML, checking each key and type and every <c>${variable}</c> against
/// what is defined before the step (vars, built-ins, earlier saves). Problems go to the <see cref="YamlReader"/>.
/// </summary>
public sealed class StepReader(YamlReader yaml, ISet<string> known)
{
    public const string Call = "call";
    public const string Otp = "otp";
    public const string Clock = "clock";
    public const string Fault = "fault";
    public const string Http = "http";
    public const string Poll = "poll";
    public const string Control = "control";

    public static readonly IReadOnlyList<string> Kinds = [Call, Otp, Clock, Fault, Http, Poll, Control];

    private static readonly string[] CallKeys = ["name", Call, "params", "headers", "id", "auth", "raw", "content_type", "expect", "save"];
    private static readonly string[] ExpectKeys = ["error", "result", "http_status", "transport"];
    private static readonly string[] ErrorKeys = ["code", "message", "data"];
    private static readonly string[] OtpKeys = ["reference", "phone", "save"];
    private static readonly string[] ClockKeys = ["advance", "set"];
    private static readonly string[] FaultKeys = ["clear", "method", "kind", "delay_ms", "code", "http_status", "probability", "times"];
    private static readonly IReadOnlyList<string> FaultKinds = SandboxFaultKinds.All;
    private static readonly string[] HttpKeys = ["method", "url", "path", "form", "expect", "save"];
    private static readonly string[] HttpExpectKeys = ["status", "contains", "not_contains"];
    private static readonly string[] PollKeys = [Call, "params", "headers", "until", "advance", "tries", "save"];
    private static readonly string[] ControlKeys = ["method", "path", "body", "expect", "save"];
    private static readonly string[] ControlExpectKeys = ["status", "body"];
    private static readonly string[] AuthModes = ["none", "stale", "wrong"];
    private static readonly string[] AuthKeys = ["service_id", "secret"];

    public Step? Read(YamlNode node, int number)
    {
        var what = $"step {number}";
        if (yaml.Mapping(node, what) is not { } mapping)
        {
            return null;
        }

        var present = mapping.Children.Keys.Select(YamlJson.KeyOf).Where(k => k is not null && Kinds.Contains(k)).ToList();
        if (present.Count != 1)
        {
            yaml.Problem(node, present.Count == 0
                ? $"{what} needs one of {string.Join(", ", Kinds)}"
                : $"{what} has {string.Join(" and ", present)}: a step is exactly one of {string.Join(", ", Kinds)}");
            return null;
        }

        var kind = present[0]!;
        var entries = yaml.Entries(mapping, $"a {kind} step", kind == Call ? CallKeys : ["name", kind]);
        var name = entries.TryGetValue("name", out var nameEntry) ? yaml.Text(nameEntry.Value, $"{what}'s name") : null;

        foreach (var (key, (_, value)) in entries)
        {
            if (key is not ("name" or "save"))
            {
                CheckReferences(value);
            }
        }

        var at = yaml.At(node);
        var body = entries[kind].Value;
        Step? step = kind switch
        {
            Call => ReadCall(entries, name, at),
            Otp => ReadOtp(body, name, at),
            Clock => ReadClock(body, name, at),
            Fault => ReadFault(body, name, at),
            Http => ReadHttp(body, name, at),
            Poll => ReadPoll(body, name, at),
            _ => ReadControl(body, name, at),
        };

        return step is null ? null : step with { ReadsNow = ReadsNow(mapping) };
    }

    private static bool ReadsNow(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } text } => Interpolator.References(text).Contains(Variables.Now),
        YamlMappingNode mapping => mapping.Children.Any(p => YamlJson.KeyOf(p.Key) != "save" && ReadsNow(p.Value)),
        YamlSequenceNode sequence => sequence.Children.Any(ReadsNow),
        _ => false,
    };

    /// <summary>Checks references, skipping <c>save</c> members (paths and patterns, never interpolated).</summary>
    private void CheckReferences(YamlNode value)
    {
        if (value is YamlMappingNode mapping)
        {
            foreach (var (key, child) in mapping.Children)
            {
                if (YamlJson.KeyOf(key) != "save")
                {
                    yaml.CheckReferences(child, known);
                }
            }
        }
        else
        {
            yaml.CheckReferences(value, known);
        }
    }

    private CallStep? ReadCall(Dictionary<string, (YamlNode Key, YamlNode Value)> entries, string? name, SourceLocation at)
    {
        var request = ReadRequest(entries, entries[Call].Key, "a call step", allowEnvelope: true);
        var expect = entries.TryGetValue("expect", out var e) ? ReadExpect(e.Value, "expect") : Expectation.Success;
        var save = ReadSave(entries);
        return request is null || expect is null ? null : new CallStep(name, at, request, expect, save);
    }

    private PollStep? ReadPoll(YamlNode node, string? name, SourceLocation at)
    {
        if (yaml.Mapping(node, "poll") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "poll", PollKeys);
        var request = ReadRequest(entries, node, "poll", allowEnvelope: false);
        Expectation? until = null;
        if (entries.TryGetValue("until", out var u))
        {
            until = ReadExpect(u.Value, "poll.until");
        }
        else
        {
            yaml.Problem(node, "poll needs until: the expect that ends the polling");
        }

        var advance = entries.TryGetValue("advance", out var a) ? yaml.Number(a.Value, "poll.advance", 0) : PollStep.DefaultAdvance;
        var tries = entries.TryGetValue("tries", out var t) ? yaml.Number(t.Value, "poll.tries", 1, 1000) : PollStep.DefaultTries;
        var save = ReadSave(entries);
        return request is null || until is null || advance is null || tries is null
            ? null
            : new PollStep(name, at, request, until, advance.Value, (int)tries.Value, save);
    }

    private CallRequest? ReadRequest(Dictionary<string, (YamlNode Key, YamlNode Value)> entries, YamlNode owner, string what, bool allowEnvelope)
    {
        if (!entries.TryGetValue(Call, out var callEntry))
        {
            yaml.Problem(owner, $"{what} needs call: <method>");
            return null;
        }

        var method = yaml.Text(callEntry.Value, $"{what}'s call (the JSON-RPC method)");
        var hasParams = entries.TryGetValue("params", out var p);
        var headers = entries.TryGetValue("headers", out var h) ? yaml.StringMap(h.Value, "headers") : new Dictionary<string, string>();
        var hasId = entries.TryGetValue("id", out var i);
        JsonNode? id = null;
        if (hasId)
        {
            id = YamlJson.ToJson(i.Value);
            if (i.Value is not YamlScalarNode || id is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                yaml.Problem(i.Value, "id must be a string, an integer or null");
            }
        }

        var auth = allowEnvelope && entries.TryGetValue("auth", out var a) ? ReadAuth(a.Value) : AuthSpec.Default;
        string? raw = null;
        if (allowEnvelope && entries.TryGetValue("raw", out var r))
        {
            raw = yaml.Text(r.Value, "raw");
            if (hasParams || hasId)
            {
                yaml.Problem(r.Key, "raw is the whole request body: it takes no params or id");
            }
        }

        var contentType = allowEnvelope && entries.TryGetValue("content_type", out var c) ? yaml.Text(c.Value, "content_type") : null;
        if (method is null || auth is null)
        {
            return null;
        }

        return new CallRequest(method, hasParams ? YamlJson.ToJson(p.Value) : null, hasParams, headers, id, hasId, auth, raw, contentType);
    }

    private AuthSpec? ReadAuth(YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            var mode = yaml.Text(node, "auth");
            switch (mode)
            {
                case "none":
                    return new AuthSpec(AuthMode.None);
                case "stale":
                    return new AuthSpec(AuthMode.Stale);
                case "wrong":
                    return new AuthSpec(AuthMode.Wrong);
                case null:
                    return null;
                default:
                    yaml.Problem(node, $"auth must be one of {string.Join(", ", AuthModes)} or {{service_id, secret}}, not \"{mode}\"");
                    return null;
            }
        }

        if (yaml.Mapping(node, "auth") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "auth", AuthKeys);
        if (!entries.TryGetValue("service_id", out var id) || !entries.TryGetValue("secret", out var key))
        {
            yaml.Problem(node, "auth as a mapping needs both service_id and secret");
            return null;
        }

        var serviceId = yaml.Text(id.Value, "auth.service_id");
        var secret = yaml.Text(key.Value, "auth.secret");
        return serviceId is null || secret is null ? null : new AuthSpec(AuthMode.Other, serviceId, secret);
    }

    private Expectation? ReadExpect(YamlNode node, string what)
    {
        if (yaml.Mapping(node, what) is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, what, ExpectKeys);
        int? code = null;
        JsonNode? message = null, data = null;
        bool hasMessage = false, hasData = false, ok = true;
        if (entries.TryGetValue("error", out var error))
        {
            if (error.Value is YamlMappingNode errorMapping)
            {
                var fields = yaml.Entries(errorMapping, $"{what}.error", ErrorKeys);
                if (fields.TryGetValue("code", out var c))
                {
                    code = (int?)yaml.Number(c.Value, $"{what}.error.code", int.MinValue, int.MaxValue);
                }
                else
                {
                    yaml.Problem(error.Value, $"{what}.error needs a code");
                }

                ok &= code is not null;
                if (fields.TryGetValue("message", out var m))
                {
                    hasMessage = true;
                    message = YamlJson.ToJson(m.Value);
                    ok &= CheckMatchers(m.Value);
                }

                if (fields.TryGetValue("data", out var d))
                {
                    hasData = true;
                    data = YamlJson.ToJson(d.Value);
                    ok &= CheckMatchers(d.Value);
                }
            }
            else
            {
                code = (int?)yaml.Number(error.Value, $"{what}.error (a code, or {{code, message, data}})", int.MinValue, int.MaxValue);
                ok &= code is not null;
            }
        }

        var hasResult = entries.TryGetValue("result", out var result);
        if (hasResult)
        {
            ok &= CheckMatchers(result.Value);
        }

        if (hasResult && code is not null)
        {
            yaml.Problem(result.Key, $"{what} has both error and result: a call answers one of them");
            ok = false;
        }

        int? status = null;
        if (entries.TryGetValue("http_status", out var s))
        {
            status = (int?)yaml.Number(s.Value, $"{what}.http_status", 100, 599);
            ok &= status is not null;
        }

        string? transport = null;
        if (entries.TryGetValue("transport", out var t))
        {
            transport = yaml.Text(t.Value, $"{what}.transport");
            if (transport is not (CallOutcome.Malformed or CallOutcome.Dropped))
            {
                yaml.Problem(t.Value, $"{what}.transport must be {CallOutcome.Malformed} (an unreadable answer) or {CallOutcome.Dropped} (the connection closed)");
                ok = false;
            }
            else if (code is not null || hasResult || status is not null)
            {
                yaml.Problem(t.Key, $"{what}.transport stands alone: a {transport} answer has no error, result or status to check");
                ok = false;
            }
        }

        return ok
            ? new Expectation(code, message, hasMessage, data, hasData, hasResult ? YamlJson.ToJson(result.Value) : null, hasResult, status, transport)
            : null;
    }

    /// <summary>Every <c>$</c>-key in an expected value must be a known matcher with a fitting operand.</summary>
    private bool CheckMatchers(YamlNode node)
    {
        var ok = true;
        switch (node)
        {
            case YamlMappingNode mapping:
                var keys = mapping.Children.Keys.Select(YamlJson.KeyOf).ToList();
                var operators = keys.Count(k => k is not null && k.StartsWith('$'));
                if (operators > 0 && operators != keys.Count)
                {
                    yaml.Problem(node, "this mapping mixes $-matchers with members: use only matchers ($type, $regex, …) or only members");
                    return false;
                }

                foreach (var (key, value) in mapping.Children)
                {
                    var name = YamlJson.KeyOf(key);
                    if (operators > 0 && name is not null)
                    {
                        if (Matcher.CheckOperand(name, value is YamlScalarNode { Value: { } text } && Interpolator.References(text).Any()
                                ? null
                                : YamlJson.ToJson(value), value is YamlScalarNode) is { } problem)
                        {
                            yaml.Problem(key, problem);
                            ok = false;
                        }
                    }
                    else
                    {
                        ok &= CheckMatchers(value);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    ok &= CheckMatchers(item);
                }

                break;
        }

        return ok;
    }

    private Dictionary<string, string> ReadSave(Dictionary<string, (YamlNode Key, YamlNode Value)> entries)
    {
        if (!entries.TryGetValue("save", out var save))
        {
            return [];
        }

        var map = yaml.StringMap(save.Value, "save");
        foreach (var (variable, path) in map)
        {
            if (ResponsePath.Problem(path) is { } problem)
            {
                yaml.Problem(save.Value, $"save.{variable}: {problem}");
            }

            known.Add(variable);
        }

        return map;
    }

    private OtpStep? ReadOtp(YamlNode node, string? name, SourceLocation at)
    {
        if (yaml.Mapping(node, "otp") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "otp", OtpKeys);
        if (entries.ContainsKey("reference") == entries.ContainsKey("phone"))
        {
            yaml.Problem(node, "otp needs exactly one of reference (a card id or bank_transaction_id) and phone");
            return null;
        }

        JsonNode? reference = null;
        string? phone = null;
        if (entries.TryGetValue("reference", out var r))
        {
            reference = YamlJson.ToJson(r.Value);
            if (reference is not JsonValue || reference.GetValueKind() is not (System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number))
            {
                yaml.Problem(r.Value, "otp.reference must be a string or an integer");
                return null;
            }
        }
        else
        {
            phone = yaml.Text(entries["phone"].Value, "otp.phone");
        }

        if (!entries.TryGetValue("save", out var s))
        {
            yaml.Problem(node, "otp needs save: <variable> for the code");
            return null;
        }

        var saveAs = yaml.Text(s.Value, "otp.save");
        if (saveAs is null || (phone is null && reference is null))
        {
            return null;
        }

        known.Add(saveAs);
        return new OtpStep(name, at, reference, phone, saveAs);
    }

    private ClockStep? ReadClock(YamlNode node, string? name, SourceLocation at)
    {
        if (yaml.Mapping(node, "clock") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "clock", ClockKeys);
        if (entries.Count != 1)
        {
            yaml.Problem(node, "clock needs exactly one of advance (seconds) and set (Unix seconds or an ISO date)");
            return null;
        }

        var (key, value) = entries.Single();
        var json = YamlJson.ToJson(value.Value);
        if (json is not JsonValue || json.GetValueKind() is not (System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number))
        {
            yaml.Problem(value.Value, $"clock.{key} must be an integer or a string, not {YamlReader.Describe(value.Value)}");
            return null;
        }

        return key == "advance" ? new ClockStep(name, at, json, null) : new ClockStep(name, at, null, json);
    }

    private FaultStep? ReadFault(YamlNode node, string? name, SourceLocation at)
    {
        if (yaml.Mapping(node, "fault") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "fault", FaultKeys);
        if (entries.TryGetValue("clear", out var clear))
        {
            if (yaml.Flag(clear.Value, "fault.clear") is not true)
            {
                yaml.Problem(clear.Value, "fault.clear must be true (leave it out to add a rule)");
                return null;
            }

            if (entries.Count > 1)
            {
                yaml.Problem(node, "fault.clear: true takes no other keys");
                return null;
            }

            return new FaultStep(name, at, true, []);
        }

        var ok = true;
        foreach (var required in (string[])["method", "kind"])
        {
            if (!entries.ContainsKey(required))
            {
                yaml.Problem(node, $"fault needs {required} (or clear: true)");
                ok = false;
            }
        }

        foreach (var (key, (_, value)) in entries)
        {
            ok &= key switch
            {
                "method" => yaml.Text(value, "fault.method") is not null,
                "kind" => yaml.Text(value, "fault.kind") is { } kind && (FaultKinds.Contains(kind) || Fail(value, $"fault.kind must be one of {string.Join(", ", FaultKinds)}")),
                "delay_ms" => yaml.Number(value, "fault.delay_ms", 0) is not null,
                "code" => yaml.Number(value, "fault.code", int.MinValue, int.MaxValue) is not null,
                "http_status" => yaml.Number(value, "fault.http_status", 400, 599) is not null,
                "times" => yaml.Number(value, "fault.times", 1, int.MaxValue) is not null,
                "probability" => Matcher.Number(YamlJson.ToJson(value)) is >= 0 and <= 1 || Fail(value, "fault.probability must be a number from 0 to 1"),
                _ => true,
            };
        }

        return ok ? new FaultStep(name, at, false, (JsonObject)YamlJson.ToJson(mapping)!) : null;
    }

    private HttpStep? ReadHttp(YamlNode node, string? name, SourceLocation at)
    {
        if (yaml.Mapping(node, "http") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "http", HttpKeys);
        var form = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (entries.TryGetValue("form", out var f) && yaml.Mapping(f.Value, "http.form") is { } formMapping)
        {
            foreach (var (key, value) in formMapping.Children)
            {
                form[YamlJson.KeyOf(key) ?? ""] = YamlJson.ToJson(value);
            }
        }

        var method = entries.TryGetValue("method", out var m) ? yaml.Text(m.Value, "http.method") : form.Count > 0 ? "POST" : "GET";
        if (method is not (null or "GET" or "POST"))
        {
            yaml.Problem(m.Value, "http.method must be GET or POST");
            return null;
        }

        if (entries.ContainsKey("url") == entries.ContainsKey("path"))
        {
            yaml.Problem(node, "http needs exactly one of url (absolute, e.g. a saved payment_url) and path (under the sandbox)");
            return null;
        }

        var url = entries.TryGetValue("url", out var u) ? yaml.Text(u.Value, "http.url") : null;
        var path = entries.TryGetValue("path", out var p) ? yaml.Text(p.Value, "http.path") : null;
        int? status = null;
        List<string> contains = [], notContains = [];
        if (entries.TryGetValue("expect", out var e) && yaml.Mapping(e.Value, "http.expect") is { } expectMapping)
        {
            var expect = yaml.Entries(expectMapping, "http.expect", HttpExpectKeys);
            status = expect.TryGetValue("status", out var s) ? (int?)yaml.Number(s.Value, "http.expect.status", 100, 599) : null;
            contains = expect.TryGetValue("contains", out var c) ? yaml.Strings(c.Value, "http.expect.contains") : [];
            notContains = expect.TryGetValue("not_contains", out var n) ? yaml.Strings(n.Value, "http.expect.not_contains") : [];
        }

        var save = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entries.TryGetValue("save", out var sv))
        {
            save = yaml.StringMap(sv.Value, "http.save");
            foreach (var (variable, pattern) in save)
            {
                if (PagePattern.Problem(pattern) is { } problem)
                {
                    yaml.Problem(sv.Value, $"http.save.{variable}: {problem}");
                }

                known.Add(variable);
            }
        }

        return method is null || (url is null && path is null)
            ? null
            : new HttpStep(name, at, method, url, path, form, new HttpExpectation(status, contains, notContains), save);
    }

    private ControlStep? ReadControl(YamlNode node, string? name, SourceLocation at)
    {
        if (yaml.Mapping(node, "control") is not { } mapping)
        {
            return null;
        }

        var entries = yaml.Entries(mapping, "control", ControlKeys);
        if (!entries.TryGetValue("method", out var m) || !entries.TryGetValue("path", out var p))
        {
            yaml.Problem(node, "control needs method (GET, POST or DELETE) and path (under /_sandbox)");
            return null;
        }

        var method = yaml.Text(m.Value, "control.method");
        if (method is not (null or "GET" or "POST" or "DELETE"))
        {
            yaml.Problem(m.Value, "control.method must be GET, POST or DELETE");
            return null;
        }

        var path = yaml.Text(p.Value, "control.path");
        var hasBody = entries.TryGetValue("body", out var b);
        int? status = null;
        JsonNode? expectBody = null;
        var hasExpectBody = false;
        if (entries.TryGetValue("expect", out var e) && yaml.Mapping(e.Value, "control.expect") is { } expectMapping)
        {
            var expect = yaml.Entries(expectMapping, "control.expect", ControlExpectKeys);
            status = expect.TryGetValue("status", out var s) ? (int?)yaml.Number(s.Value, "control.expect.status", 100, 599) : null;
            if (expect.TryGetValue("body", out var eb))
            {
                hasExpectBody = CheckMatchers(eb.Value);
                expectBody = YamlJson.ToJson(eb.Value);
            }
        }

        var save = ReadSave(entries);
        return method is null || path is null
            ? null
            : new ControlStep(name, at, method, path, hasBody ? YamlJson.ToJson(b.Value) : null, hasBody, status, expectBody, hasExpectBody, save);
    }

    private bool Fail(YamlNode node, string message)
    {
        yaml.Problem(node, message);
        return false;
    }
}
