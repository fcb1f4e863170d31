using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Client;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Testing;

namespace PaySys.Contract.Tests.Infrastructure;

public enum ContractTargetKind
{
    /// <summary>
    /// The sandbox hosted in this process by the fixture library (<see cref="PaySysSandbox"/>: real Kestrel on a
    /// loopback port): no setup.
    /// </summary>
    InProcess,

    /// <summary>A gateway at PAYSYS_URL: a running sandbox, or PaySys itself.</summary>
    Live,
}

/// <summary>
/// The gateway the suite checks, so that test bodies do not care which: a <see cref="PaySysClient"/> whose
/// HttpClient pipeline (IHttpClientFactory, as integrators wire it) validates every response with
/// <see cref="SchemaValidatingHandler"/>; the card and vendor to pay with; where OTP codes come from; and the
/// sandbox's control API when the target is a sandbox (null against PaySys itself).
/// </summary>
public sealed class ContractTarget : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly IHttpClientFactory httpFactory;
    private readonly PaySysSandbox? sandbox;
    private readonly HttpClient? sandboxHttp;
    private readonly Uri baseAddress;
    private readonly SandboxFaults? faultRules;

    private ContractTarget(
        ContractTargetKind kind, ContractSettings settings, Uri baseAddress, ServiceProvider services,
        SandboxControlClient? control, SandboxFaults? faults, IOtpSource? otp, PaySysSandbox? sandbox = null, HttpClient? sandboxHttp = null)
    {
        Kind = kind;
        Settings = settings;
        this.baseAddress = baseAddress;
        this.services = services;
        this.sandbox = sandbox;
        this.sandboxHttp = sandboxHttp;
        httpFactory = services.GetRequiredService<IHttpClientFactory>();
        Monitor = services.GetRequiredService<ContractMonitor>();
        Client = services.GetRequiredService<PaySysClient>();
        Control = control;
        faultRules = faults;
        Otp = otp;
    }

    public ContractTargetKind Kind { get; }

    public ContractSettings Settings { get; }

    public string Description => Kind == ContractTargetKind.InProcess ? "the in-process sandbox" : Settings.Description;

    /// <summary>Every response the target's clients received, and every contract violation among them.</summary>
    public ContractMonitor Monitor { get; }

    /// <summary>The reference client, signed with the target's merchant; every response validated.</summary>
    public PaySysClient Client { get; }

    /// <summary>The sandbox's control API, or null when the target is not a sandbox.</summary>
    public SandboxControlClient? Control { get; }

    /// <summary>True when the target is a PaySys Sandbox with its control API.</summary>
    public bool IsSandbox => Control is not null;

    /// <summary>Where SMS codes come from, or null when this run cannot read them.</summary>
    public IOtpSource? Otp { get; }

    public TestCard Card => Settings.Card;

    public long VendorId => Settings.VendorId;

    /// <summary>The sandbox's control API; only for tests marked <see cref="SandboxFactAttribute"/>.</summary>
    public SandboxControlClient SandboxControl =>
        Control ?? throw new InvalidOperationException($"{Description} has no sandbox control API: mark the test [SandboxFact]");

    /// <summary>The sandbox's fault rules; only for tests marked <see cref="SandboxFactAttribute"/>.</summary>
    public SandboxFaults Faults =>
        faultRules ?? throw new InvalidOperationException($"{Description} has no sandbox control API: mark the test [SandboxFact]");

    /// <summary>Builds the target <paramref name="settings"/> describe; in-process it starts the sandbox.</summary>
    public static async Task<ContractTarget> CreateAsync(ContractSettings settings, ContractSchemas schemas)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(schemas);

        if (settings.Url is not { } url)
        {
            return await StartInProcessAsync(settings, schemas);
        }

        var isSandbox = ContractEnvironment.SandboxAnswers(url);
        var liveControl = isSandbox ? new SandboxControlClient(new HttpClient { BaseAddress = url }, settings.ServiceId, settings.AdminToken) : null;
        var liveFaults = isSandbox ? new SandboxFaults(new HttpClient { BaseAddress = url }, settings.ServiceId, settings.AdminToken) : null;
        IOtpSource? otp = settings.OtpCommand is { } command
            ? new CommandOtpSource(command)
            : liveControl is not null ? new OutboxOtpSource(liveControl) : null;
        return new ContractTarget(ContractTargetKind.Live, settings, url, Compose(settings, url, schemas), liveControl, liveFaults, otp);
    }

    /// <summary>The SMS code about a card id or bank_transaction_id; only for tests marked <see cref="OtpFactAttribute"/>.</summary>
    public Task<string> CodeAsync(string reference) =>
        (Otp ?? throw new InvalidOperationException($"{Description} has no OTP source: mark the test [OtpFact]")).LatestCodeAsync(reference);

    public Task<string> CodeAsync(long bankTransactionId) => CodeAsync(bankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Another client over the same validated pipeline, e.g. signed with a wrong secret.</summary>
    public PaySysClient CreateClient(string serviceId, string secretKey) =>
        new(httpFactory.CreateClient(nameof(PaySysClient)), Options(Settings with { ServiceId = serviceId, SecretKey = secretKey }, baseAddress));

    /// <summary>
    /// POSTs <paramref name="body"/> as it is to /gateway over the validated pipeline, with a signed Auth header unless
    /// <paramref name="withAuth"/> is false, and returns the response envelope.
    /// </summary>
    public async Task<JsonElement> PostAsync(string body, bool withAuth = true, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "gateway"));
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (withAuth)
        {
            request.Headers.TryAddWithoutValidation(PaySysAuth.HeaderName,
                PaySysAuth.CreateHeader(Settings.ServiceId, Settings.SecretKey, TimeProvider.System.GetUtcNow(), PaySysTimestampUnit.Milliseconds));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var http = httpFactory.CreateClient(nameof(PaySysClient));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/gateway answered HTTP {(int)response.StatusCode}: {Redaction.Body(text)}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        sandboxHttp?.Dispose();
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }
    }

    /// <summary>
    /// The fixture library's sandbox, as any .NET test would host it. It listens on a real loopback port, so the
    /// validated pipeline is the live one (sockets, no TestServer handler) pointed at <see cref="PaySysSandbox.BaseAddress"/>.
    /// The sandbox does not read the process's PAYSYS_* variables; the admin token is passed on so that
    /// PAYSYS_ADMIN_TOKEN protects its control API and the suite sends it, as against a live sandbox.
    /// </summary>
    private static async Task<ContractTarget> StartInProcessAsync(ContractSettings settings, ContractSchemas schemas)
    {
        var sandbox = await PaySysSandbox.StartAsync(o => o.AdminToken = settings.AdminToken);
        HttpClient? http = null;
        try
        {
            var control = sandbox.CreateControlClient(settings.ServiceId);
            if (!await control.IsHealthyAsync())
            {
                throw new InvalidOperationException("the in-process sandbox did not report healthy");
            }

            http = new HttpClient { BaseAddress = sandbox.BaseAddress };
            var faults = new SandboxFaults(http, settings.ServiceId, sandbox.AdminToken);
            return new ContractTarget(
                ContractTargetKind.InProcess, settings, sandbox.BaseAddress, Compose(settings, sandbox.BaseAddress, schemas),
                control, faults, new OutboxOtpSource(control), sandbox, http);
        }
        catch
        {
            http?.Dispose();
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private static ServiceProvider Compose(ContractSettings settings, Uri baseAddress, ContractSchemas schemas)
    {
        var services = new ServiceCollection();
        var monitor = new ContractMonitor();
        services.AddSingleton(monitor);
        services
            .AddPaySysClient(options => Configure(options, settings, baseAddress))
            .AddHttpMessageHandler(() => new SchemaValidatingHandler(schemas, monitor));
        return services.BuildServiceProvider();
    }

    private static PaySysClientOptions Options(ContractSettings settings, Uri baseAddress)
    {
        var options = new PaySysClientOptions();
        Configure(options, settings, baseAddress);
        return options;
    }

    /// <summary>The gateway is <c>gateway</c> under the base address, so a base with a path works too.</summary>
    private static void Configure(PaySysClientOptions options, ContractSettings settings, Uri baseAddress)
    {
        options.BaseAddress = baseAddress;
        options.Endpoint = "gateway";
        options.ServiceId = settings.ServiceId;
        options.SecretKey = settings.SecretKey;
    }
}

/// <summary>One target for the whole run (the tests of the collection run one after another).</summary>
public sealed class ContractTargetFixture : IAsyncLifetime
{
    private ContractTarget? target;

    public ContractTarget Target => target ?? throw new InvalidOperationException("the contract target is not started");

    public async Task InitializeAsync() => target = await ContractTarget.CreateAsync(ContractSettings.FromEnvironment(), ContractSchemas.Default);

    public async Task DisposeAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}

/// <summary>
/// Every test that calls the gateway: one collection, so one target and no parallel calls, because tests move
/// the tenant's clock, which would break a neighbour's code or hold.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContractTargetGroup : ICollectionFixture<ContractTargetFixture>
{
    public const string Name = "contract target";
}
