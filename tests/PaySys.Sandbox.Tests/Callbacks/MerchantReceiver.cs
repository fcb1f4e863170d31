using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PaySys.Sandbox.Tests.Callbacks;

/// <summary>One callback as the merchant received it.</summary>
public sealed record ReceivedCallback(string Path, string ContentType, string Body, JsonObject Json);

/// <summary>
/// A merchant's callback endpoints on real Kestrel (127.0.0.1, a free port): every POST is kept, and answered from a
/// script of (status, body) answers, else with ERROR 0 (the Pay answer adds VENDOR_TRANS_ID "V-" + AGR_TRANS_ID).
/// </summary>
public sealed class MerchantReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedCallback> arrivals = Channel.CreateUnbounded<ReceivedCallback>();
    private readonly ConcurrentQueue<Func<ReceivedCallback, (int Status, string Body)>> script = new();
    private readonly List<ReceivedCallback> all = [];

    private MerchantReceiver(WebApplication app)
    {
        this.app = app;
        app.MapPost("/{**path}", Receive);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every callback so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedCallback> All
    {
        get
        {
            lock (all)
            {
                return [.. all];
            }
        }
    }

    public static async Task<MerchantReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new MerchantReceiver(builder.Build());
        await receiver.app.StartAsync();
        receiver.BaseUrl = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single().TrimEnd('/');
        return receiver;
    }

    public string Url(string path) => $"{BaseUrl}/{path}";

    /// <summary>The next callback answers <paramref name="status"/> with <paramref name="body"/>.</summary>
    public void AnswerNext(int status, string body) => script.Enqueue(_ => (status, body));

    public void AnswerNext(Func<ReceivedCallback, (int Status, string Body)> answer) => script.Enqueue(answer);

    /// <summary>The next callback to arrive (a bounded wait, not a sleep: it returns as soon as one is there).</summary>
    public async Task<ReceivedCallback> NextAsync() =>
        await arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task Receive(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var received = new ReceivedCallback(
            "/" + (context.Request.RouteValues["path"] as string ?? ""),
            context.Request.ContentType ?? "",
            body,
            JsonNode.Parse(body)!.AsObject());
        lock (all)
        {
            all.Add(received);
        }

        // Announced before it is answered, so a test can act while the merchant holds its answer back.
        arrivals.Writer.TryWrite(received);

        var (status, answer) = script.TryDequeue(out var scripted) ? scripted(received) : Success(received);
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = answer;
            answer = "";
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private static (int, string) Success(ReceivedCallback received) =>
        received.Json.ContainsKey("PAYMENT_ID")
            ? (200, $$"""{"ERROR":0,"ERROR_NOTE":"Success","VENDOR_TRANS_ID":"V-{{received.Json["AGR_TRANS_ID"]}}"}""")
            : (200, """{"ERROR":0,"ERROR_NOTE":"Success"}""");
}
