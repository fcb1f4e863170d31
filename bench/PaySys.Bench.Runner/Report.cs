using System.Globalization;
using System.Text;

namespace PaySys.Bench.Runner;

/// <summary>The results as one Markdown section: what was run, on what, and each target met or missed.</summary>
public sealed class Report(BenchSettings settings, string machine)
{
    private static readonly NumberFormatInfo Spaced = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };

    private readonly string loadAtStart = Machine.LoadAverage();
    private readonly DateTimeOffset startedAt = TimeProvider.System.GetUtcNow();

    public List<CheckPaymentRow> CheckPayment { get; } = [];

    public List<SandboxRow> Sandboxes { get; } = [];

    public List<ConsoleRow> ConsoleRows { get; } = [];

    public long? AotBinaryBytes { get; set; }

    public string LoadAtEnd { get; set; } = "";

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"### Bench results{(settings.Smoke ? " (smoke run: too short to mean anything, targets not judged)" : "")}");
        Line(md, "");
        Line(md, $"{startedAt:yyyy-MM-dd HH:mm} UTC on {machine}; load average {loadAtStart} at the start, {LoadAtEnd} at the end.");
        Line(md, $"wrk {BenchSettings.Threads} threads, {BenchSettings.Connections} connections, on the same machine; each server started fresh, " +
            $"{settings.WarmUp.TotalSeconds:0} s warm-up run discarded, then {settings.Measured.TotalSeconds:0} s measured; " +
            "every .NET server with `DOTNET_gcServer=1` and invariant globalization.");
        Line(md, "");
        Line(md, "`pam.check_payment` of a completed payment, a valid `Auth` on every request:");
        Line(md, "");
        Line(md, "| server | req/s | p50 | p99 | RSS after the run | socket errors |");
        Line(md, "|---|---:|---:|---:|---:|---:|");
        foreach (var row in CheckPayment)
        {
            var r = row.Result;
            Line(md, $"| {row.Server} | {Number(r.RequestsPerSecond)} | {r.P50Ms:0.00} ms | {r.P99Ms:0.00} ms | {Megabytes(row.RssBytes)} | {r.SocketErrors} |");
        }

        Line(md, "");
        Line(md, "| ratio of req/s | measured | target | |");
        Line(md, "|---|---:|---:|---|");
        foreach (var sandbox in CheckPayment.Where(r => r.Server.StartsWith("sandbox", StringComparison.Ordinal)))
        {
            Ratio(md, sandbox, "WireMock.Net, strongest settings", 1.5);
            Ratio(md, sandbox, "bare Kestrel", 0.7);
        }

        Line(md, "");
        Line(md, $"| the sandbox alone | {string.Join(" | ", Sandboxes.Select(s => s.Build))} | target |");
        Line(md, $"|---|{string.Concat(Sandboxes.Select(_ => "---:|"))}---|");
        Row(md, "payment lifecycles/s (`pam.prepare_payment` → `pam.confirm_payment` with the fixed OTP)",
            s => $"{Number(s.Lifecycles.CompletedPerSecond)} (p50 {s.Lifecycles.P50Ms:0.00} ms, p99 {s.Lifecycles.P99Ms:0.00} ms per call)",
            "≥ 5 000", Sandboxes.All(s => s.Lifecycles.CompletedPerSecond >= 5000));
        Row(md, $"RSS after {Number(settings.RequestsForRss)} `pam.check_payment` (fresh process; exact count in brackets)",
            s => $"{Megabytes(s.RssAfterCheckRequestsBytes)} ({Number(s.CheckRequests)})",
            "< 200 MB", Sandboxes.All(s => s.RssAfterCheckRequestsBytes < 200_000_000));
        Row(md, "RSS flat over the second half of those requests: at its start → highest sample after it",
            s => $"{Megabytes(s.SoakRss.Half)} → {Megabytes(s.SoakRss.Highest)}",
            "flat (≤ +10 %)", Sandboxes.All(s => s.SoakRss.Highest <= s.SoakRss.Half * 1.1));
        Row(md, $"RSS growth over {Number(settings.PaymentsForState)} completed payments, per payment (fresh process, after a warm-up run)",
            s => $"{Number(s.BytesPerPayment)} B ({Megabytes(s.RssBeforePaymentsBytes)} → {Megabytes(s.RssAfterPaymentsBytes)} over {Number(s.Payments)})",
            "< 2 KB", Sandboxes.All(s => s.BytesPerPayment < 2000));
        var aot = Sandboxes.FirstOrDefault(s => s.Build.Contains("AOT", StringComparison.Ordinal));
        Row(md, $"process start → first 200 from `/_sandbox/health`, median of {settings.Starts}",
            s => $"{s.StartMedianMs:0} ms",
            "< 100 ms (AOT)", aot is not null && aot.StartMedianMs < 100);
        Row(md, "binary size",
            s => s == aot && AotBinaryBytes is { } size ? Megabytes(size) : "—",
            "< 40 MB (AOT)", AotBinaryBytes is < 40_000_000);
        ConsoleTable(md);
        Line(md, "");
        foreach (var sandbox in Sandboxes)
        {
            Line(md, $"RSS sampled through the {Number(sandbox.CheckRequests)} requests, {sandbox.Build}: " +
                string.Join(", ", sandbox.RssDuringCheckRequestsBytes.Select(Megabytes)) + ".");
        }

        return md.ToString();
    }

    /// <summary>The console table alone (bench/run.sh --console).</summary>
    public string ConsoleMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"### Web console pages{(settings.Smoke ? " (smoke run, targets not judged)" : "")}");
        Line(md, "");
        Line(md, $"{startedAt:yyyy-MM-dd HH:mm} UTC on {machine}; load average {loadAtStart} at the start, {Machine.LoadAverage()} at the end.");
        ConsoleTable(md);
        return md.ToString();
    }

    /// <summary>Issue 15: every console page over a tenant with 100 000 transactions answers in under 100 ms (p99).</summary>
    private void ConsoleTable(StringBuilder md)
    {
        if (ConsoleRows.Count == 0)
        {
            return;
        }

        Line(md, "");
        Line(md, $"Web console pages over a tenant with {Number(ConsoleRows[0].Transactions)} transactions (sequential GETs, {ConsoleRows[0].Pages[0].Requests} each after a warm-up; p50 / p99):");
        Line(md, "");
        Line(md, $"| page | {string.Join(" | ", ConsoleRows.Select(c => c.Build))} | target |");
        Line(md, $"|---|{string.Concat(ConsoleRows.Select(_ => "---:|"))}---|");
        foreach (var page in ConsoleRows[0].Pages.Select(p => p.Page))
        {
            var timings = ConsoleRows.Select(c => c.Pages.Single(p => p.Page == page)).ToList();
            Line(md, $"| `GET {page}` | {string.Join(" | ", timings.Select(t => $"{t.P50Ms:0.0} / {t.P99Ms:0.0} ms"))} | p99 < 100 ms: {Verdict(timings.All(t => t.P99Ms < 100))} |");
        }
    }

    private void Ratio(StringBuilder md, CheckPaymentRow sandbox, string other, double target)
    {
        if (CheckPayment.FirstOrDefault(r => r.Server == other) is not { } baseline)
        {
            return;
        }

        var ratio = sandbox.Result.RequestsPerSecond / baseline.Result.RequestsPerSecond;
        Line(md, $"| {sandbox.Server} / {other} | {ratio:0.00}× | ≥ {target:0.0#}× | {Verdict(ratio >= target)} |");
    }

    private void Row(StringBuilder md, string measure, Func<SandboxRow, string> value, string target, bool met) =>
        Line(md, $"| {measure} | {string.Join(" | ", Sandboxes.Select(value))} | {target}: {Verdict(met)} |");

    private string Verdict(bool met) => settings.Smoke ? "not judged" : met ? "met" : "**missed**";

    private static string Number(double value) => value.ToString("#,0", Spaced);

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
