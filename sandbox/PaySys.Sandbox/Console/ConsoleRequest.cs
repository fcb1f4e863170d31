using System.Reflection;
using System.Text;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// One console request: its session and the tenant it shows (<c>?service_id=</c>, default: the default merchant).
/// Bound from the request, then completed by the console group's filter once the session and the tenant are known;
/// a GET only peeks at a tenant, as the control API does, so that looking never opens one.
/// </summary>
public sealed class ConsoleRequest
{
    private Tenant? tenant;
    private string? nonce;

    private ConsoleRequest(HttpContext http)
    {
        Http = http;
        Tenants = http.RequestServices.GetRequiredService<TenantRegistry>();
        Options = http.RequestServices.GetRequiredService<SandboxOptions>();
    }

    public HttpContext Http { get; }

    public TenantRegistry Tenants { get; }

    public SandboxOptions Options { get; }

    public Tenant Tenant => tenant ?? throw new InvalidOperationException("the console filter resolves the tenant before a page runs");

    public string ServiceId => Tenant.ServiceId;

    /// <summary>The posted form (empty for a GET), read once by the filter.</summary>
    public IFormCollection Form { get; private set; } = FormCollection.Empty;

    /// <summary>The value every state-changing form of this session must send back.</summary>
    public string AntiForgeryToken => ConsoleSession.AntiForgeryToken(nonce!, Options.AdminToken);

    public bool SignedIn => !string.IsNullOrEmpty(Options.AdminToken);

    /// <summary>Where the sandbox's hosted pages are reached: the configured public URL, else this request's own origin.</summary>
    public string BaseUrl => Options.PublicUrl ?? $"{Http.Request.Scheme}://{Http.Request.Host}";

    public static ValueTask<ConsoleRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        _ = parameter;
        return ValueTask.FromResult<ConsoleRequest?>(new ConsoleRequest(context));
    }

    /// <summary>A query parameter, trimmed ("" when absent).</summary>
    public string Query(string name) => Http.Request.Query[name].ToString().Trim();

    /// <summary>A posted field, trimmed ("" when absent).</summary>
    public string Field(string name) => Form[name].ToString().Trim();

    /// <summary>A console address on this tenant, with the given query parameters (empty ones left out).</summary>
    public string Link(string path, params (string Name, string? Value)[] query)
    {
        var link = new StringBuilder(ConsoleEndpoints.Prefix).Append(path);
        link.Append("?service_id=").Append(Uri.EscapeDataString(ServiceId));
        foreach (var (name, value) in query)
        {
            if (!string.IsNullOrEmpty(value))
            {
                link.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return link.ToString();
    }

    /// <summary>The hidden fields every state-changing form carries.</summary>
    public string FormGuard() =>
        $"""<input type="hidden" name="{ConsoleSession.AntiForgeryField}" value="{AntiForgeryToken}">""";

    /// <summary>The service ids the picker offers: the default merchant first, then every other tenant seen.</summary>
    public IReadOnlyList<string> KnownServices()
    {
        var others = Tenants.All.Select(t => t.ServiceId).Where(id => id != Tenants.DefaultServiceId).Order(StringComparer.Ordinal);
        var all = new List<string> { Tenants.DefaultServiceId };
        all.AddRange(others);
        if (!all.Contains(ServiceId, StringComparer.Ordinal))
        {
            all.Add(ServiceId);
        }

        return all;
    }

    /// <summary>Completes the request with its session and posted form; the 400 page when the form cannot be read.</summary>
    internal async ValueTask<IResult?> ReadAsync(string sessionNonce)
    {
        nonce = sessionNonce;
        if (!IsRead && Http.Request.HasFormContentType)
        {
            try
            {
                Form = await Http.Request.ReadFormAsync(Http.RequestAborted);
            }
            catch (Exception unreadable) when (unreadable is InvalidDataException or IOException && !Http.RequestAborted.IsCancellationRequested)
            {
                return ConsoleLayout.Problem(StatusCodes.Status400BadRequest, "Bad request", "Send the console's own form.");
            }
        }

        return null;
    }

    /// <summary>Finds the tenant of <c>?service_id=</c>; the 404 page when there is none. A read only peeks.</summary>
    internal IResult? ResolveTenant()
    {
        var id = Http.Request.Query.TryGetValue("service_id", out var given) && given.ToString().Length > 0
            ? given.ToString()
            : Tenants.DefaultServiceId;
        var found = IsRead ? Tenants.TryPeek(id, out tenant, out var whyNot) : Tenants.TryGet(id, out tenant, out whyNot);
        return found ? null : ConsoleLayout.Problem(StatusCodes.Status404NotFound, "No such tenant", CardMasking.MaskSecrets(whyNot!));
    }

    private bool IsRead => HttpMethods.IsGet(Http.Request.Method) || HttpMethods.IsHead(Http.Request.Method);

    internal bool PostedFormIsGenuine() =>
        ConsoleSession.AntiForgeryMatches(Form[ConsoleSession.AntiForgeryField].ToString(), nonce!, Options.AdminToken);
}
