using System.Diagnostics;
using System.Net;

namespace PaySys.Bench.Runner;

/// <summary>One console page over a big tenant: how long a person waits for it, sequential GETs after a warm-up.</summary>
public sealed record ConsolePageTiming(string Page, int Requests, double P50Ms, double P99Ms, double MaxMs, int Bytes);

/// <summary>The console's pages over a tenant with (at least) <see cref="BenchSettings.ConsoleTransactions"/> transactions.</summary>
public sealed record ConsoleRow(string Build, long Transactions, IReadOnlyList<ConsolePageTiming> Pages);

/// <summary>
/// Times the web console's pages (issue 15: a page over 100 000 transactions answers in under 100 ms, paged): the
/// newest and the oldest page of the transaction list, a filtered list, one transaction, the clock page (which counts
/// over every transaction) and the journal.
/// </summary>
public static class ConsolePages
{
    private const int WarmUps = 3;

    public static async Task<IReadOnlyList<ConsolePageTiming>> MeasureAsync(HttpClient http, Uri baseAddress, long transactions, long paymentId, int requests)
    {
        var oldestPage = Math.Max(0, (transactions - 1) / 50);
        // (label, path): the label names the page the same way in every build's row; the path has this run's ids.
        (string Label, string Path)[] pages =
        [
            ("/_sandbox/ui/transactions", "/_sandbox/ui/transactions"),
            ("/_sandbox/ui/transactions?page={oldest}", $"/_sandbox/ui/transactions?page={oldestPage}"),
            ("/_sandbox/ui/transactions?status=2&card=3347&min=0.5", "/_sandbox/ui/transactions?status=2&card=3347&min=0.5"),
            ("/_sandbox/ui/transactions/{id}", $"/_sandbox/ui/transactions/{paymentId}"),
            ("/_sandbox/ui", "/_sandbox/ui"),
            ("/_sandbox/ui/journal", "/_sandbox/ui/journal"),
        ];
        var timings = new List<ConsolePageTiming>();
        foreach (var (label, page) in pages)
        {
            var elapsed = new List<double>();
            var bytes = 0;
            for (var i = 0; i < WarmUps + requests; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(baseAddress, page));
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode}");
                }

                bytes = body.Length;
                if (i >= WarmUps)
                {
                    elapsed.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            elapsed.Sort();
            timings.Add(new ConsolePageTiming(label, requests, Percentile(elapsed, 0.5), Percentile(elapsed, 0.99), elapsed[^1], bytes));
            Console.WriteLine($"   GET {page}: p50 {timings[^1].P50Ms:0.0} ms, p99 {timings[^1].P99Ms:0.0} ms ({bytes} bytes)");
        }

        return timings;
    }

    private static double Percentile(List<double> sorted, double rank) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(rank * sorted.Count) - 1)];
}
