using PaySys.Client.Sandbox;

namespace PaySys.Bench.Runner;

/// <summary>check_payment on one server: throughput, latency and memory after a discarded warm-up run.</summary>
public sealed record CheckPaymentRow(string Server, WrkResult Result, long RssBytes);

/// <summary>What is measured on the sandbox alone, per build.</summary>
public sealed record SandboxRow(
    string Build,
    WrkResult Lifecycles,
    long LifecycleRssBytes,
    long CheckRequests,
    long RssAfterCheckRequestsBytes,
    IReadOnlyList<long> RssDuringCheckRequestsBytes,
    long Payments,
    long RssBeforePaymentsBytes,
    long RssAfterPaymentsBytes,
    double StartMedianMs)
{
    public double BytesPerPayment => (RssAfterPaymentsBytes - RssBeforePaymentsBytes) / (double)Payments;

    /// <summary>
    /// The soak's RSS at its halfway sample and the highest sample after it: a leak grows the second half as much
    /// as the first, a bounded process only by what its GC and JIT still settle.
    /// </summary>
    public (long Half, long Highest) SoakRss
    {
        get
        {
            var secondHalf = RssDuringCheckRequestsBytes.Skip(RssDuringCheckRequestsBytes.Count / 2).ToList();
            return secondHalf.Count == 0 ? (RssAfterCheckRequestsBytes, RssAfterCheckRequestsBytes) : (secondHalf[0], secondHalf.Max());
        }
    }
}

/// <summary>The measurements. Every server is started fresh for each of them and killed afterwards.</summary>
public sealed class Bench(BenchSettings settings, Wrk wrk) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<CheckPaymentRow> CheckPaymentAsync(ServerSpec spec)
    {
        using var server = await ServerProcess.StartAsync(spec, http);
        var body = await CheckBodyAsync(server);
        await RunCheckAsync(server, body, settings.WarmUp);
        var measured = await RunCheckAsync(server, body, settings.Measured);
        return new CheckPaymentRow(spec.Name, measured, server.RssBytes);
    }

    public async Task<SandboxRow> SandboxAsync(ServerSpec spec)
    {
        WrkResult lifecycles;
        long lifecycleRss;
        using (var server = await ServerProcess.StartAsync(spec, http))
        {
            await RunLifecyclesAsync(server, settings.WarmUp);
            lifecycles = await RunLifecyclesAsync(server, settings.Measured);
            lifecycleRss = server.RssBytes;
        }

        long checkRequests;
        long rssAfterChecks;
        List<long> rssDuringChecks = [];
        using (var server = await ServerProcess.StartAsync(spec, http))
        {
            var body = await CheckBodyAsync(server);
            checkRequests = await RunUntilAsync(settings.RequestsForRss, chunk => RunCheckAsync(server, body, chunk), r => r.Requests,
                () => rssDuringChecks.Add(server.RssBytes));
            rssAfterChecks = server.RssBytes;
        }

        long payments;
        long rssBeforePayments;
        long rssAfterPayments;
        using (var server = await ServerProcess.StartAsync(spec, http))
        {
            await RunLifecyclesAsync(server, settings.WarmUp);
            rssBeforePayments = server.RssBytes;
            payments = await RunUntilAsync(settings.PaymentsForState, chunk => RunLifecyclesAsync(server, chunk), r => r.Completed, () => { });
            rssAfterPayments = server.RssBytes;
        }

        var start = StartupTimer.MedianMilliseconds(spec, settings.Starts);
        return new SandboxRow(spec.Name, lifecycles, lifecycleRss, checkRequests, rssAfterChecks, rssDuringChecks, payments, rssBeforePayments, rssAfterPayments, start);
    }

    /// <summary>The console's pages over a tenant filled with payment lifecycles (fresh process).</summary>
    public async Task<ConsoleRow> ConsoleAsync(ServerSpec spec)
    {
        using var server = await ServerProcess.StartAsync(spec, http);
        var payments = await RunUntilAsync(settings.ConsoleTransactions, chunk => RunLifecyclesAsync(server, chunk), r => r.Completed, () => { });
        // Ids are seeded from the start-up time, so the page of one transaction is that of a payment made here.
        var paymentId = await GatewayCalls.CompletePaymentAsync(http, server.BaseAddress);
        return new ConsoleRow(spec.Name, payments, await ConsolePages.MeasureAsync(http, server.BaseAddress, payments, paymentId, settings.ConsoleRequests));
    }

    public void Dispose() => http.Dispose();

    /// <summary>The check_payment body for the server: a payment the sandbox has really completed, or the stubs' fixed one.</summary>
    private async Task<string> CheckBodyAsync(ServerProcess server) =>
        GatewayCalls.CheckPaymentBody(server.Spec.IsSandbox
            ? await GatewayCalls.CompletePaymentAsync(http, server.BaseAddress)
            : GatewayCalls.StubPaymentId);

    /// <summary>
    /// One wrk run of the same signed check_payment. wrk cannot look at the answers of a static request, so the
    /// exact request is sent once first and must answer status 2; during the run every answer must be a 2xx.
    /// </summary>
    private async Task<WrkResult> RunCheckAsync(ServerProcess server, string body, TimeSpan duration)
    {
        var auth = GatewayCalls.SignNow();
        await GatewayCalls.EnsureCheckAnswersCompletedAsync(http, server.BaseAddress, auth, body);
        var result = await wrk.RunAsync(Gateway(server), "check_payment.lua", duration, auth, body);
        Console.WriteLine($"   {duration.TotalSeconds:0} s: {result.RequestsPerSecond:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, non-2xx {result.Non2xx}, socket errors {result.SocketErrors}");
        return result.Non2xx == 0 && result.Requests > 0
            ? result
            : throw new InvalidOperationException($"{server.Spec.Name}: {result.Non2xx} of {result.Requests} answers were not 2xx\n{server.Output}");
    }

    private async Task<WrkResult> RunLifecyclesAsync(ServerProcess server, TimeSpan duration)
    {
        var result = await wrk.RunAsync(Gateway(server), "lifecycle.lua", duration,
            GatewayCalls.SignNow(), MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry, MagicCards.Uzcard.Phone);
        Console.WriteLine($"   {duration.TotalSeconds:0} s: {result.CompletedPerSecond:0} lifecycles/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, failed {result.Failed}");
        return result.Failed == 0 && result.Completed > 0
            ? result
            : throw new InvalidOperationException($"{server.Spec.Name}: {result.Failed} lifecycle calls failed, {result.Completed} completed\n{server.Output}");
    }

    /// <summary>
    /// Runs wrk in chunks until <paramref name="count"/> reaches <paramref name="target"/>, calling
    /// <paramref name="afterChunk"/> after each (to sample memory); the count reached.
    /// </summary>
    private static async Task<long> RunUntilAsync(long target, Func<TimeSpan, Task<WrkResult>> run, Func<WrkResult, long> count, Action afterChunk)
    {
        var done = 0L;
        var chunk = TimeSpan.FromSeconds(1);
        while (done < target)
        {
            var result = await run(chunk);
            done += count(result);
            afterChunk();
            var perSecond = Math.Max(1, count(result) / result.Duration.TotalSeconds);
            chunk = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling((target - done) / perSecond), 1, MaxChunkSeconds));
        }

        return done;
    }

    /// <summary>Short enough chunks that a soak samples its memory a dozen times or more.</summary>
    private const int MaxChunkSeconds = 3;

    private static Uri Gateway(ServerProcess server) => new(server.BaseAddress, "gateway");
}
