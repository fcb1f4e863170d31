using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using PaySys.Client.Sandbox;

// WebApplicationFactory looks for MvcTestingAppManifest.json in the current directory, which `dotnet run` does
// not make the output folder; this points it at the output folder (where the sandbox and its appsettings.json
// are copied) from wherever the runner is started.
[assembly: WebApplicationFactoryContentRoot("PaySys.Sandbox", ".", "PaySys.Sandbox.dll", "1")]

namespace PaySys.Scenarios.Hosting;

/// <summary>
/// The sandbox the scenarios run against: one HttpClient for gateway, control and page calls, its base address,
/// and the secret that open-tenants mode signs with.
/// </summary>
public abstract class SandboxTarget : IAsyncDisposable
{
    public const string DefaultSecret = "sandbox-secret";

    protected SandboxTarget(string secret)
    {
        Secret = secret;
    }

    public abstract HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public string Secret { get; }

    /// <summary>A human name for the report: "in-process sandbox" or the URL.</summary>
    public abstract string Description { get; }

    /// <summary>The sandbox given by <paramref name="url"/>, or a new in-process one when it is null.</summary>
    public static async Task<SandboxTarget> StartAsync(string? url, string secret, CancellationToken cancellationToken)
    {
        SandboxTarget target = url is null ? new InProcessSandbox(secret) : new RemoteSandbox(new Uri(url), secret);
        try
        {
            await target.CheckHealthAsync(cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public abstract ValueTask DisposeAsync();

    private async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await new SandboxControlClient(Http).IsHealthyAsync(cancellationToken))
            {
                throw new SandboxUnreachableException($"{Description} answered /_sandbox/health, but not with status ok");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            throw new SandboxUnreachableException($"cannot reach the sandbox at {Description}: {e.Message}", e);
        }
    }
}

/// <summary>The sandbox could not be reached or is not one: the run cannot start.</summary>
public sealed class SandboxUnreachableException : Exception
{
    public SandboxUnreachableException()
    {
    }

    public SandboxUnreachableException(string message)
        : base(message)
    {
    }

    public SandboxUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A sandbox already running somewhere, e.g. the container: start it with PAYSYS_OPEN_TENANTS=true.</summary>
public sealed class RemoteSandbox : SandboxTarget
{
    private readonly HttpClient http;

    public RemoteSandbox(Uri url, string secret)
        : base(secret)
    {
        http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public override HttpClient Http => http;

    public override string Description => BaseAddress.ToString();

    public override ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The sandbox hosted in this process (WebApplicationFactory) in open-tenants mode; quiet logs.</summary>
public sealed class InProcessSandbox : SandboxTarget
{
    private readonly Factory factory;
    private readonly HttpClient http;

    public InProcessSandbox(string secret)
        : base(secret)
    {
        factory = new Factory(secret);

        // The sandbox prints its start-up banner (with a listen address it does not have here) to Console.Out
        // as it starts; the runner's own report is the only output wanted.
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    public override HttpClient Http => http;

    public override string Description => "in-process sandbox";

    public override async ValueTask DisposeAsync()
    {
        http.Dispose();
        await factory.DisposeAsync();
    }

    private sealed class Factory(string secret) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sandbox:OpenTenants", "true");
            builder.UseSetting("Sandbox:OpenTenantsSecret", secret);
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
