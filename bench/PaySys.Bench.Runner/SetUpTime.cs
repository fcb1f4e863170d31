using System.Diagnostics;
using System.Globalization;
using System.Text;
using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Bench.Runner;

/// <summary>One set-up's cost per test, replayed call by call or restored from a named snapshot: per-run medians, in ms.</summary>
public sealed record SetUpTimeRow(string Build, string SetUp, int Calls, IReadOnlyList<double> ReplayMs, IReadOnlyList<double> RestoreMs);

/// <summary>
/// Issue 17 item 2: what a suite that sets up once and restores before each test saves. Each set-up is made once and
/// saved as a named snapshot; then, alternately, a test's worth of set-up is replayed (reset, then every call the
/// set-up needs, as a suite without snapshots does before each test) and restored (<c>POST /_sandbox/snapshots/{name}/restore</c>,
/// as tests/PaySys.Sandbox.Testing.Tests/SnapshotRestoreExampleTests does). Three fresh processes, the median of each.
/// </summary>
public sealed class SetUpTime(BenchSettings settings, HttpClient http)
{
    private const int Runs = 3;

    private static readonly (string Name, int Cards, int Payments, int Refunds)[] SetUps =
    [
        ("a card registered and a payment held", 1, 1, 0),
        ("10 cards registered, 50 payments (10 held), 5 refunds", 10, 50, 5),
    ];

    public async Task<IReadOnlyList<SetUpTimeRow>> MeasureAsync(ServerSpec spec)
    {
        var replay = SetUps.Select(_ => new List<double>()).ToArray();
        var restore = SetUps.Select(_ => new List<double>()).ToArray();
        var calls = new int[SetUps.Length];
        for (var run = 0; run < Runs; run++)
        {
            using var server = await ServerProcess.StartAsync(spec, http);
            using var sandbox = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var paysys = new PaySysClient(sandbox, new PaySysClientOptions { ServiceId = GatewayCalls.ServiceId, SecretKey = GatewayCalls.SecretKey });
            var control = new SandboxControlClient(sandbox);
            for (var i = 0; i < SetUps.Length; i++)
            {
                var name = $"setup-{i}";
                calls[i] = await SetUpAsync(paysys, control, SetUps[i]);
                await control.SaveSnapshotAsync(name);
                List<double> replays = [], restores = [];
                for (var test = 0; test < settings.SetUpTests; test++)
                {
                    var clock = Stopwatch.StartNew();
                    await SetUpAsync(paysys, control, SetUps[i]);
                    replays.Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    await control.RestoreSnapshotAsync(name);
                    restores.Add(clock.Elapsed.TotalMilliseconds);
                }

                replay[i].Add(RunSpread.Median(replays));
                restore[i].Add(RunSpread.Median(restores));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   {SetUps[i].Name}: replay {RunSpread.Median(replays):0.00} ms, restore {RunSpread.Median(restores):0.00} ms ({settings.SetUpTests} tests)"));
            }
        }

        return [.. SetUps.Select((setUp, i) => new SetUpTimeRow(spec.Name, setUp.Name, calls[i], replay[i], restore[i]))];
    }

    public static string ToMarkdown(IReadOnlyList<SetUpTimeRow> rows, int tests)
    {
        var text = new StringBuilder();
        text.AppendLine("### Set-up once, restore before each test (named snapshots, issue 17)");
        text.AppendLine();
        text.AppendLine($"Per test: replaying the set-up (reset, then its gateway calls over HTTP with PaySys.Client) against restoring it " +
            $"from a named snapshot. Each figure: the median of {tests} tests in a process, then the median of {Runs} fresh processes " +
            "with the spread in brackets (lowest–highest).");
        text.AppendLine();
        text.AppendLine("| build | set-up | calls replayed | replay, ms | restore, ms | saved per test |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var saved = RunSpread.Median(row.ReplayMs) / RunSpread.Median(row.RestoreMs);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Build} | {row.SetUp} | {row.Calls} | {RunSpread.Of(row.ReplayMs, "0.00")} | {RunSpread.Of(row.RestoreMs, "0.00")} | {RunSpread.Median(row.ReplayMs) - RunSpread.Median(row.RestoreMs):0.00} ms ({saved:0.0}× faster) |");
        }

        return text.ToString();
    }

    /// <summary>Reset, then the set-up's calls in the order a test's arrange step makes them; answers how many calls.</summary>
    private static async Task<int> SetUpAsync(PaySysClient paysys, SandboxControlClient control, (string Name, int Cards, int Payments, int Refunds) setUp)
    {
        await control.ResetAsync();
        var calls = 1;
        for (var card = 0; card < setUp.Cards; card++)
        {
            var registered = await paysys.RegisterCardAsync(new RegisterCardRequest(MagicCards.Uzcard.Pan, MagicCards.Uzcard.Expiry, MagicCards.Uzcard.Phone));
            await paysys.ConfirmCardAsync(registered.Id, GatewayCalls.FixedOtp);
            calls += 2;
        }

        List<long> completed = [];
        for (var payment = 0; payment < setUp.Payments; payment++)
        {
            var hold = payment % 5 == 0;
            var prepared = await paysys.PreparePaymentAsync(new PreparePaymentRequest
            {
                CardNumber = MagicCards.Uzcard.Pan,
                CardExpire = MagicCards.Uzcard.Expiry,
                PhoneNumber = MagicCards.Uzcard.Phone,
                Amount = 10_000 + payment,
                VendorId = 100381,
                Product = "set-up",
                Hold = hold,
            });
            var confirmed = await paysys.ConfirmPaymentAsync(prepared.BankTransactionId, GatewayCalls.FixedOtp);
            calls += 2;
            if (!hold)
            {
                completed.Add(confirmed.Details.TransactionId);
            }
        }

        foreach (var transactionId in completed.Take(setUp.Refunds))
        {
            await paysys.RefundAsync(new RefundRequest(transactionId, 1_000));
            calls++;
        }

        return calls;
    }
}
