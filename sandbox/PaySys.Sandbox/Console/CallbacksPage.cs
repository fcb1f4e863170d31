using System.Globalization;
using System.Text;
using PaySys.Sandbox.Callbacks;
using PaySys.Sandbox.Control;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The tenant's merchant callbacks: its settings (the secret never shown) with a form to change them, the delivery log
/// with every attempt and a Redeliver button, and the callback fault rules. The settings and rules are checked by
/// <see cref="CallbackRequests"/>, the log is <see cref="CallbackViews"/>' and a redelivery is the dispatcher's, as for
/// the control routes under /_sandbox/callbacks.
/// </summary>
public static class CallbacksPage
{
    private const string Path = "/callbacks";

    private static readonly (string Field, string Label)[] Urls =
    [
        ("pay_url", "Pay URL"),
        ("notify_url", "Notify URL"),
        ("cancel_url", "Cancel URL"),
        ("info_url", "Info URL"),
        ("statement_url", "Statement URL"),
    ];

    public static IResult Show(ConsoleRequest console)
    {
        var notice = console.Query("done") switch
        {
            "settings" => "Callback settings saved.",
            "cleared" => "Callback fault rules cleared.",
            _ when console.Query("added") is { Length: > 0 } added => $"Callback fault rule {added} added.",
            _ when console.Query("redelivered") is { Length: > 0 } id => $"Delivery {id} sent once more.",
            _ => null,
        };
        return Render(console, notice, problem: null);
    }

    /// <summary>
    /// Replaces the settings as PUT /_sandbox/callbacks does. The secret field is never filled in: left empty it keeps
    /// the current secret, "use_secret_key" goes back to the service's secret key.
    /// </summary>
    public static IResult Configure(ConsoleRequest console)
    {
        var newSecret = console.Field("secret");
        var useSecretKey = console.Field("use_secret_key") == "on";
        if (useSecretKey && newSecret.Length > 0)
        {
            return Render(console, null, "Either give a new secret or sign with the service's secret key, not both.", StatusCodes.Status400BadRequest, Submitted(console));
        }

        var change = new CallbackSettingsChange(
            console.Field("info_url"), console.Field("pay_url"), console.Field("notify_url"), console.Field("cancel_url"), console.Field("statement_url"),
            newSecret);
        if (CallbackRequests.Endpoints(change, out var endpoints) is { } invalid)
        {
            return Render(console, null, invalid, StatusCodes.Status400BadRequest, Submitted(console));
        }

        var tenant = console.Tenant;
        tenant.Run(_ =>
        {
            var outbox = tenant.State.Callbacks;
            outbox.Configure(newSecret.Length > 0 || useSecretKey ? endpoints : endpoints with { Secret = outbox.Endpoints.Secret });
            return 0;
        });
        return TypedResults.Redirect(console.Link(Path, ("done", "settings")));
    }

    public static async Task<IResult> Redeliver(string id, ConsoleRequest console, CallbackDispatcher dispatcher)
    {
        var (delivery, problem) = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await dispatcher.RedeliverAsync(console.Tenant, number, console.Http.RequestAborted)
            : (null, null);
        if (delivery is null)
        {
            return Render(console, null, $"There is no callback delivery {id}.", StatusCodes.Status404NotFound);
        }

        return problem is null
            ? TypedResults.Redirect(console.Link(Path, ("redelivered", number.ToString(CultureInfo.InvariantCulture))))
            : Render(console, null, problem, StatusCodes.Status409Conflict);
    }

    public static IResult AddFault(ConsoleRequest console)
    {
        static int? Int(string text) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

        var probabilityText = console.Field("probability");
        double? probability = probabilityText.Length == 0 ? null
            : double.TryParse(probabilityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) ? p : -1;
        var delayText = console.Field("delay_ms");
        var request = new CallbackFaultRequest(
            console.Field("callback"), console.Field("kind"), delayText.Length == 0 ? null : Int(delayText) ?? -1, probability,
            console.Field("times").Length == 0 ? null : Int(console.Field("times")) ?? 0);
        if (CallbackRequests.FaultRule(request, out var rule) is { } invalid)
        {
            return Render(console, null, invalid, StatusCodes.Status400BadRequest);
        }

        var tenant = console.Tenant;
        var (added, refused) = tenant.Run(_ =>
        {
            try
            {
                return ((string?)tenant.State.Callbacks.Faults.Add(rule!).Id, (string?)null);
            }
            catch (Refusal cap)
            {
                return (null, cap.Message);
            }
        });
        return refused is null
            ? TypedResults.Redirect(console.Link(Path, ("added", added)))
            : Render(console, null, refused, StatusCodes.Status400BadRequest);
    }

    public static IResult ClearFaults(ConsoleRequest console)
    {
        console.Tenant.Run(_ =>
        {
            console.Tenant.State.Callbacks.Faults.Clear();
            return 0;
        });
        return TypedResults.Redirect(console.Link(Path, ("done", "cleared")));
    }

    /// <summary>The URLs a refused form sent, shown again so they can be corrected; the secret is never sent back.</summary>
    private static Dictionary<string, string> Submitted(ConsoleRequest console) =>
        Urls.ToDictionary(u => u.Field, u => console.Field(u.Field), StringComparer.Ordinal);

    private static IResult Render(ConsoleRequest console, string? notice, string? problem, int statusCode = StatusCodes.Status200OK,
        Dictionary<string, string>? submitted = null)
    {
        var tenant = console.Tenant;
        var (settings, log, faults) = tenant.Run(_ => (
            CallbackViews.Settings(tenant.State.Callbacks, console.Options),
            CallbackViews.Deliveries(tenant.State.Callbacks),
            tenant.State.Callbacks.Faults.All.Select(CallbackViews.Fault).ToList()));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>Merchant callbacks</h1>
            {ConsoleLayout.Notice(notice)}{ConsoleLayout.Error(problem)}
            <p class="muted">A paid invoice sends Pay, then Notify "2"; a cancelled payment Cancel, then Notify "3", each signed with MD5 and retried on the virtual clock.</p>
            <h2>Settings</h2>
            {Settings(settings)}
            {SettingsForm(console, settings, submitted)}
            """);
        html.Append(Deliveries(console, log));
        html.Append(Faults(console, faults));
        return ConsoleLayout.Page(console, Path, "Callbacks", html.ToString(), statusCode);
    }

    private static string Settings(CallbackSettingsView settings)
    {
        static string Url(string? url) => url is null ? "<span class=\"muted\">not set: not sent</span>" : $"<code class=\"ref\">{ConsoleLayout.Encode(url)}</code>";

        var schedule = string.Join(", ", settings.RetrySeconds.Select(s => ConsoleLayout.Duration(TimeSpan.FromSeconds(s))));
        var source = settings.SecretSource == "callbacks" ? "the callbacks' own secret" : "the service's secret key";
        return $"""
            <dl data-testid="callback-settings">
            <dt>Pay URL</dt><dd data-testid="pay_url">{Url(settings.PayUrl)}</dd>
            <dt>Notify URL</dt><dd data-testid="notify_url">{Url(settings.NotifyUrl)}</dd>
            <dt>Cancel URL</dt><dd data-testid="cancel_url">{Url(settings.CancelUrl)}</dd>
            <dt>Info URL</dt><dd data-testid="info_url">{Url(settings.InfoUrl)}</dd>
            <dt>Statement URL</dt><dd data-testid="statement_url">{Url(settings.StatementUrl)}</dd>
            <dt>Secret</dt><dd data-testid="secret">{ConsoleLayout.Encode(settings.Secret)} ({source})</dd>
            <dt>Retries (virtual clock)</dt><dd data-testid="retry">{ConsoleLayout.Encode(schedule)}</dd>
            <dt>Timeout per attempt</dt><dd data-testid="timeout">{ConsoleLayout.Number(settings.TimeoutMs)} ms</dd>
            <dt>Deliveries kept</dt><dd data-testid="queue_size">{ConsoleLayout.Number(settings.QueueSize)}</dd>
            </dl>
            <p class="muted">Retries, timeout and deliveries kept are the host's (PAYSYS_CALLBACKS__RETRY_SECONDS, …__TIMEOUT_MS, …__QUEUE_SIZE).</p>
            """;
    }

    private static string SettingsForm(ConsoleRequest console, CallbackSettingsView settings, Dictionary<string, string>? submitted)
    {
        var current = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["pay_url"] = settings.PayUrl,
            ["notify_url"] = settings.NotifyUrl,
            ["cancel_url"] = settings.CancelUrl,
            ["info_url"] = settings.InfoUrl,
            ["statement_url"] = settings.StatementUrl,
        };
        var fields = string.Concat(Urls.Select(u => $"""
            <div><label for="cb-{u.Field}">{u.Label}</label><input id="cb-{u.Field}" name="{u.Field}" type="url" size="42" value="{ConsoleLayout.Encode(submitted?[u.Field] ?? current[u.Field])}" placeholder="not sent"></div>
            """));
        return $"""
            <form method="post" action="{ConsoleLayout.Encode(console.Link(Path + "/settings"))}" aria-label="Callback settings" data-testid="settings-form" novalidate>
            {console.FormGuard()}
            <div class="row">{fields}</div>
            <div class="row">
            <div><label for="cb-secret">New secret</label><input id="cb-secret" name="secret" type="password" size="30" autocomplete="new-password" placeholder="empty: keep the current one"></div>
            <div><label for="cb-secret-key"><input id="cb-secret-key" name="use_secret_key" type="checkbox"> Sign with the service's secret key</label></div>
            <div><button type="submit">Save settings</button></div>
            </div>
            <p class="muted">An empty URL is unset (that callback is not sent). Deliveries already queued go to the new URLs, signed with the new secret.</p>
            </form>
            """;
    }

    private static string Deliveries(ConsoleRequest console, CallbackDeliveryList log)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Delivery log</h2>
            <p class="muted">Newest first.{(log.Dropped > 0 ? $" {log.Dropped} callbacks were dropped: every kept delivery was still pending." : "")}</p>
            <div class="scroll"><table data-testid="deliveries">
            <thead><tr><th>Id</th><th>Callback</th><th>Invoice</th><th>Status</th><th>Queued (virtual)</th><th>Attempts</th><th></th></tr></thead><tbody>
            """);
        for (var i = log.Deliveries.Count - 1; i >= 0; i--)
        {
            var d = log.Deliveries[i];
            var kind = d.NotifyStatus is { } status ? $"{d.Kind} {status}" : d.Kind;
            var next = d.NextAttemptAt is { } at ? $"<div class=\"muted\">next attempt {ConsoleLayout.Date(DateTimeOffset.FromUnixTimeSeconds(at))}</div>" : "";
            var faults = d.Faults.Count == 0 ? "" : $"<div data-testid=\"delivery-faults\">Faults: {ConsoleLayout.Encode(string.Join("; ", d.Faults))}</div>";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-testid="delivery"><td class="num">{d.Id}</td><td>{ConsoleLayout.Encode(kind)}</td>
                <td class="num">{d.InvoiceId}<div class="muted">AGR_TRANS_ID {d.AgrTransId}</div></td>
                <td>{Badge(d.Status)}{next}</td><td class="num">{ConsoleLayout.Date(DateTimeOffset.FromUnixTimeSeconds(d.QueuedAt))}</td>
                <td>{Attempts(d)}{faults}</td>
                <td><form method="post" action="{ConsoleLayout.Encode(console.Link($"{Path}/deliveries/{d.Id}/redeliver"))}">{console.FormGuard()}<button class="secondary" type="submit" aria-label="Redeliver delivery {d.Id}">Redeliver</button></form></td></tr>
                """);
        }

        if (log.Deliveries.Count == 0)
        {
            html.Append("""<tr><td colspan="7" class="muted">No delivery yet: set a URL above, then pay an invoice.</td></tr>""");
        }

        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    private static string Attempts(CallbackDeliveryView delivery)
    {
        if (delivery.Attempts.Count == 0)
        {
            return "<span class=\"muted\">none yet</span>";
        }

        var rows = new StringBuilder("<table data-testid=\"attempts\"><thead><tr><th>At (virtual)</th><th>URL</th><th>HTTP</th><th>Latency</th><th>Outcome</th></tr></thead><tbody>");
        foreach (var a in delivery.Attempts)
        {
            var response = a.Response is { } body ? JournalDecoding.Indent(Encoding.UTF8.GetBytes(body.GetRawText())) : "(no answer)";
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-testid="attempt"><td class="num">{ConsoleLayout.Date(DateTimeOffset.FromUnixTimeSeconds(a.At))}{(a.Redelivery ? "<div class=\"muted\">redelivery</div>" : "")}</td>
                <td class="ref">{ConsoleLayout.Encode(a.Url)}</td><td class="num">{(a.HttpStatus is { } status ? status.ToString(CultureInfo.InvariantCulture) : "—")}</td>
                <td class="num">{a.LatencyMs} ms</td><td data-testid="outcome">{(a.Succeeded ? "<span class=\"badge good\">" : "<span class=\"badge bad\">")}{ConsoleLayout.Encode(a.Outcome)}</span>
                <details><summary>Request and answer</summary><pre data-testid="request">{ConsoleLayout.Encode(JournalDecoding.Indent(Encoding.UTF8.GetBytes(a.Request.GetRawText())))}</pre><pre data-testid="response">{ConsoleLayout.Encode(response)}</pre></details></td></tr>
                """);
        }

        return rows.Append("</tbody></table>").ToString();
    }

    private static string Badge(string status) => $"""<span class="badge {status switch
    {
        "delivered" => "good",
        "failed" => "bad",
        "skipped" => "",
        _ => "wait",
    }}" data-testid="delivery-status">{ConsoleLayout.Encode(status)}</span>""";

    private static string Faults(ConsoleRequest console, List<CallbackFaultView> faults)
    {
        var html = new StringBuilder();
        html.Append("""
            <h2>Callback fault rules</h2>
            <p class="muted">Break callbacks on purpose: late (on the virtual clock), lost, sent twice, out of order or wrongly signed. Each fault is noted in its delivery. Gateway fault rules never touch callbacks.</p>
            <div class="scroll"><table data-testid="callback-faults">
            <thead><tr><th>Id</th><th>Callback</th><th>Kind</th><th>Delay</th><th>Probability</th><th>Uses left</th></tr></thead><tbody>
            """);
        foreach (var f in faults)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-testid="callback-fault"><td>{ConsoleLayout.Encode(f.Id)}</td><td><code>{ConsoleLayout.Encode(f.Callback)}</code></td><td>{ConsoleLayout.Encode(f.Kind)}</td>
                <td class="num">{(f.DelayMs is { } ms ? $"{ms.ToString(CultureInfo.InvariantCulture)} ms" : "")}</td><td class="num">{f.Probability.ToString("0.##", CultureInfo.InvariantCulture)}</td>
                <td class="num">{(f.Times is { } times ? times.ToString(CultureInfo.InvariantCulture) : "unlimited")}</td></tr>
                """);
        }

        if (faults.Count == 0)
        {
            html.Append("""<tr><td colspan="6" class="muted">No callback fault rule: every callback goes normally.</td></tr>""");
        }

        var callbacks = string.Concat(CallbackFaults.Callbacks.Select(c => ConsoleLayout.Option(c, c, FaultRule.AnyMethod)));
        var kinds = string.Concat(CallbackFaults.Kinds.Select(FaultRule.KindName).Select(k => ConsoleLayout.Option(k, k, "drop")));
        html.Append(CultureInfo.InvariantCulture, $"""
            </tbody></table></div>
            <form method="post" action="{ConsoleLayout.Encode(console.Link(Path + "/faults"))}" aria-label="Add a callback fault rule" data-testid="add-callback-fault">
            {console.FormGuard()}
            <div class="row">
            <div><label for="cf-callback">Callback</label><select id="cf-callback" name="callback">{callbacks}</select></div>
            <div><label for="cf-kind">Kind</label><select id="cf-kind" name="kind">{kinds}</select></div>
            <div><label for="cf-delay">Delay (ms, delay only)</label><input id="cf-delay" name="delay_ms" inputmode="numeric" size="9" placeholder="60000"></div>
            <div><label for="cf-probability">Probability</label><input id="cf-probability" name="probability" inputmode="decimal" size="4" placeholder="1"></div>
            <div><label for="cf-times">Times</label><input id="cf-times" name="times" inputmode="numeric" size="4" placeholder="∞"></div>
            <div><button type="submit">Add callback fault rule</button></div>
            </div>
            </form>
            <form method="post" action="{ConsoleLayout.Encode(console.Link(Path + "/faults/clear"))}" aria-label="Clear the callback fault rules">
            {console.FormGuard()}<p><button class="danger" type="submit">Clear callback fault rules</button></p>
            </form>
            """);
        return html.ToString();
    }
}
