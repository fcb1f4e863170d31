using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PaySys.Client.Sandbox;

namespace PaySys.Bench.Runner;

/// <summary>One build's throughput with and without PAYSYS_STATE_DIR: medians of three fresh processes each, and their spread.</summary>
public sealed record PersistenceCostRow(
    string Build,
    IReadOnlyList<double> LifecyclesPerSecondWithout,
    IReadOnlyList<double> LifecyclesPerSecondWith,
    IReadOnlyList<double> ChecksPerSecondWithout,
    IReadOnlyList<double> ChecksPerSecondWith,
    long PaymentsHeldDuringChecks);

/// <summary>What a stop under load left in the state directory: payments acknowledged, how many the restarted sandbox lacks.</summary>
public sealed record StopUnderLoadRow(string Build, string Signal, long Acknowledged, long Missing, double OldestMissingMs, long Found);

/// <summary>
/// Issue 17's persistence figures: what writing the state directory costs the gateway (check_payment and lifecycles,
/// with and without it, three runs each), and what a SIGKILL and a SIGTERM under load lose (acknowledged payments missing
/// after the restart, and how long before the kill the oldest of them was acknowledged).
/// </summary>
public sealed class Persistence(BenchSettings settings, Wrk wrk, HttpClient http)
{
    private const int Runs = 3;
    private const int Workers = 16;

    public async Task<PersistenceCostRow> CostAsync(ServerSpec spec)
    {
        List<double> lifecyclesWithout = [], lifecyclesWith = [], checksWithout = [], checksWith = [];
        long held = 0;
        for (var run = 0; run < Runs; run++)
        {
            // Alternated, so a machine that slows down over the bench slows both alike.
            foreach (var withState in new[] { false, true })
            {
                using var folder = new TemporaryFolder();
                using var server = await ServerProcess.StartAsync(withState ? WithState(spec, folder.Path) : spec, http);
                var gateway = new Uri(server.BaseAddress, "gateway");
                await Lifecycles(gateway, settings.PersistenceWarmUp);
                var lifecycles = await Lifecycles(gateway, settings.PersistenceMeasured);
                (withState ? lifecyclesWith : lifecyclesWithout).Add(lifecycles.CompletedPerSecond);

                // check_payment over the tenant the lifecycles filled: every save writes all of those payments.
                var body = GatewayCalls.CheckPaymentBody(await GatewayCalls.CompletePaymentAsync(http, server.BaseAddress));
                var auth = GatewayCalls.SignNow();
                await GatewayCalls.EnsureCheckAnswersCompletedAsync(http, server.BaseAddress, auth, body);
                await wrk.RunAsync(gateway, "check_payment.lua", settings.PersistenceWarmUp, auth, body);
                var checks = await wrk.RunAsync(gateway, "check_payment.lua", settings.PersistenceMeasured, auth, body);
                (withState ? checksWith : checksWithout).Add(checks.RequestsPerSecond);
                held = Math.Max(held, lifecycles.Completed);
                Console.WriteLine($"   state dir {(withState ? "on " : "off")}: {lifecycles.CompletedPerSecond:0} lifecycles/s, {checks.RequestsPerSecond:0} check_payment/s");
            }
        }

        return new PersistenceCostRow(spec.Name, lifecyclesWithout, lifecyclesWith, checksWithout, checksWith, held);
    }

    /// <summary>
    /// Lifecycles from <see cref="Workers"/> clients for a while, then the signal; the sandbox started again on the same
    /// folder must hold every payment whose confirm was answered, or show how recent the lost ones were.
    /// </summary>
    public async Task<StopUnderLoadRow> StopUnderLoadAsync(ServerSpec spec, string signal)
    {
        using var folder = new TemporaryFolder();
        var stateful = WithState(spec, folder.Path);
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<(long Id, long AtTicks)>();
        var clock = Stopwatch.StartNew();
        long killedAtTicks;
        using (var server = await ServerProcess.StartAsync(stateful, http))
        {
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        // 100 tiyin, as lifecycle.lua: the magic card's balance lasts ten million payments, not ten thousand.
                        var id = await GatewayCalls.CompletePaymentAsync(http, server.BaseAddress, amount: 100);
                        acknowledged.Enqueue((id, clock.ElapsedTicks));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException)
                    {
                        // The signal arrived mid-call: that payment was never acknowledged.
                    }
                }
            })).ToArray();

            await Task.Delay(settings.PersistenceMeasured);
            killedAtTicks = clock.ElapsedTicks;
            server.Signal(signal);
            await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        using var restarted = await ServerProcess.StartAsync(stateful, http);
        var found = await CompletedPaymentsAsync(restarted.BaseAddress);
        var missing = acknowledged.Where(a => !found.Contains(a.Id)).ToList();
        var oldestMissingMs = missing.Count == 0 ? 0 : (killedAtTicks - missing.Min(m => m.AtTicks)) * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"   {signal}: {acknowledged.Count} acknowledged, {missing.Count} missing after the restart (oldest acknowledged {oldestMissingMs:0} ms before the signal)");
        return new StopUnderLoadRow(spec.Name, signal, acknowledged.Count, missing.Count, oldestMissingMs, found.Count);
    }

    public static string ToMarkdown(IReadOnlyList<PersistenceCostRow> costs, IReadOnlyList<StopUnderLoadRow> stops)
    {
        var text = new StringBuilder();
        text.AppendLine("### State directory (PAYSYS_STATE_DIR, issue 17)");
        text.AppendLine();
        text.AppendLine($"Each figure: the median of {Runs} fresh processes, with and without the variable alternated, the spread in brackets " +
            "(lowest–highest). check_payment runs over the tenant the lifecycles filled, so every save writes all of its payments. " +
            "Target: writing costs at most 10 % of either.");
        text.AppendLine();
        text.AppendLine("| build | lifecycles/s without | with | cost | check_payment/s without | with | cost | payments in the tenant |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in costs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Build} | {RunSpread.Of(row.LifecyclesPerSecondWithout)} | {RunSpread.Of(row.LifecyclesPerSecondWith)} | {Cost(row.LifecyclesPerSecondWithout, row.LifecyclesPerSecondWith)} " +
                $"| {RunSpread.Of(row.ChecksPerSecondWithout)} | {RunSpread.Of(row.ChecksPerSecondWith)} | {Cost(row.ChecksPerSecondWithout, row.ChecksPerSecondWith)} | {row.PaymentsHeldDuringChecks} |");
        }

        text.AppendLine();
        text.AppendLine($"Stopped under load ({Workers} clients making payments, then the signal; the sandbox started again on the same folder). " +
            "Target: SIGTERM loses nothing, SIGKILL at most the last second.");
        text.AppendLine();
        text.AppendLine("| build | signal | payments acknowledged | missing after the restart | oldest missing, acknowledged before the signal |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach (var row in stops)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Build} | {row.Signal} | {row.Acknowledged} | {row.Missing} | {(row.Missing == 0 ? "–" : $"{row.OldestMissingMs:0} ms")} |");
        }

        return text.ToString();
    }

    private static string Cost(IReadOnlyList<double> without, IReadOnlyList<double> with)
    {
        var a = RunSpread.Median(without);
        var b = RunSpread.Median(with);
        return string.Create(CultureInfo.InvariantCulture, $"{(a - b) / a * 100:0.0} %");
    }

    private async Task<WrkResult> Lifecycles(Uri gateway, TimeSpan duration) =>
        await wrk.RunAsync(gateway, "lifecycle.lua", duration, GatewayCalls.SignNow(), MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry, MagicCards.Uzcard.Phone);

    private static ServerSpec WithState(ServerSpec spec, string folder) =>
        spec with { Environment = new Dictionary<string, string>(spec.Environment) { ["PAYSYS_STATE_DIR"] = folder } };

    /// <summary>The bank_transaction_ids of every completed payment (status 2), through the control API's pages.</summary>
    private async Task<HashSet<long>> CompletedPaymentsAsync(Uri baseAddress)
    {
        var completed = new HashSet<long>();
        long? offset = 0;
        while (offset is { } at)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseAddress,
                string.Create(CultureInfo.InvariantCulture, $"_sandbox/transactions?service_id={GatewayCalls.ServiceId}&limit=10000&offset={at}"))));
            foreach (var transaction in page.RootElement.GetProperty("transactions").EnumerateArray())
            {
                if (transaction.GetProperty("status").GetInt32() == 2)
                {
                    completed.Add(transaction.GetProperty("bank_transaction_id").GetInt64());
                }
            }

            offset = page.RootElement.TryGetProperty("next_offset", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
        }

        return completed;
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("paysys-bench-state-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
