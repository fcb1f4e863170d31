using PaySys.Bench.Runner;

// bench/run.sh builds everything, then runs this from the repository root:
//   PaySys.Bench.Runner [--smoke] [--console | --persistence | --setup] [--out results.md]
// It drives the same wrk load at each server in turn, one server running at a time, and writes one Markdown table.
var settings = args.Contains("--smoke") ? BenchSettings.SmokeRun : BenchSettings.Full;
var outIndex = Array.IndexOf(args, "--out");
var outPath = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1]
    : settings.Smoke ? "bench/.out/results-smoke.md" : "bench/results.md";

// The measured runs complete far more than the default cap of 100 000 transactions per tenant.
Dictionary<string, string> sandboxEnvironment = new()
{
    ["PAYSYS_FIXED_OTP"] = GatewayCalls.FixedOtp,
    ["PAYSYS_MAX_TRANSACTIONS_PER_TENANT"] = "10000000",
};
Dictionary<string, string> none = [];
var release = new ServerSpec("sandbox (Release)", "sandbox/PaySys.Sandbox/bin/Release/net10.0/PaySys.Sandbox",
    ["--urls", "http://127.0.0.1:{port}"], sandboxEnvironment, IsSandbox: true);
var aot = release with { Name = "sandbox (Native AOT)", Executable = "bench/.out/aot/PaySys.Sandbox" };
var wireMockDefault = new ServerSpec("WireMock.Net, default settings",
    "bench/PaySys.Bench.WireMockStub/bin/Release/net10.0/PaySys.Bench.WireMockStub", ["{port}"], none, IsSandbox: false);
var wireMockStrongest = wireMockDefault with { Name = "WireMock.Net, strongest settings", Arguments = ["{port}", "--strongest"] };
var bareKestrel = new ServerSpec("bare Kestrel",
    "bench/PaySys.Bench.BareKestrel/bin/Release/net10.0/PaySys.Bench.BareKestrel", ["{port}"], none, IsSandbox: false);

List<ServerSpec> sandboxes = File.Exists(aot.Executable) ? [release, aot] : [release];
var report = new Report(settings, Machine.Describe());
using var bench = new Bench(settings, new Wrk("bench/wrk", BenchSettings.Threads, BenchSettings.Connections));

// --console: only the web console's pages over a big tenant (issue 15), without the rest of the bench.
if (args.Contains("--console"))
{
    foreach (var spec in sandboxes)
    {
        Console.WriteLine($"== console pages over {settings.ConsoleTransactions} transactions: {spec.Name}");
        report.ConsoleRows.Add(await bench.ConsoleAsync(spec));
    }

    var pages = report.ConsoleMarkdown();
    Console.WriteLine(pages);
    var consoleOut = outIndex >= 0 ? outPath : "bench/.out/console-pages.md";
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(consoleOut))!);
    await File.WriteAllTextAsync(consoleOut, pages);
    return;
}

// A mode run alone writes its table, dated and with the machine, to --out or its own file, never over results.md.
async Task WriteAloneAsync(string table, string defaultPath)
{
    Console.WriteLine(table);
    var path = outIndex >= 0 ? outPath : defaultPath;
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    await File.WriteAllTextAsync(path, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Describe()}; load average {Machine.LoadAverage()} at the end.\n\n{table}");
}

// --persistence: only the state directory's cost and its stops under load (issue 17).
var persistence = new Persistence(settings, new Wrk("bench/wrk", BenchSettings.Threads, BenchSettings.Connections), new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
List<PersistenceCostRow> persistenceCosts = [];
List<StopUnderLoadRow> stops = [];
async Task MeasurePersistenceAsync()
{
    foreach (var spec in sandboxes)
    {
        Console.WriteLine($"== state directory cost: {spec.Name}");
        persistenceCosts.Add(await persistence.CostAsync(spec));
        foreach (var signal in new[] { "TERM", "KILL" })
        {
            Console.WriteLine($"== SIG{signal} under load: {spec.Name}");
            stops.Add(await persistence.StopUnderLoadAsync(spec, signal));
        }
    }
}

if (args.Contains("--persistence"))
{
    await MeasurePersistenceAsync();
    await WriteAloneAsync(Persistence.ToMarkdown(persistenceCosts, stops), "bench/.out/persistence.md");
    return;
}

// --setup: only what restoring a named snapshot saves against replaying a test's set-up (issue 17).
var setUpTime = new SetUpTime(settings, new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
List<SetUpTimeRow> setUps = [];
async Task MeasureSetUpsAsync()
{
    foreach (var spec in sandboxes)
    {
        Console.WriteLine($"== set-up replayed or restored: {spec.Name}");
        setUps.AddRange(await setUpTime.MeasureAsync(spec));
    }
}

if (args.Contains("--setup"))
{
    await MeasureSetUpsAsync();
    await WriteAloneAsync(SetUpTime.ToMarkdown(setUps, settings.SetUpTests), "bench/.out/setup.md");
    return;
}

foreach (var spec in sandboxes.Concat([wireMockDefault, wireMockStrongest, bareKestrel]))
{
    Console.WriteLine($"== check_payment: {spec.Name}");
    report.CheckPayment.Add(await bench.CheckPaymentAsync(spec));
}

foreach (var spec in sandboxes)
{
    Console.WriteLine($"== lifecycles, memory and start-up: {spec.Name}");
    report.Sandboxes.Add(await bench.SandboxAsync(spec));
}

foreach (var spec in sandboxes)
{
    Console.WriteLine($"== console pages over {settings.ConsoleTransactions} transactions: {spec.Name}");
    report.ConsoleRows.Add(await bench.ConsoleAsync(spec));
}

await MeasurePersistenceAsync();
await MeasureSetUpsAsync();

report.AotBinaryBytes = File.Exists(aot.Executable) ? new FileInfo(aot.Executable).Length : null;
report.LoadAtEnd = Machine.LoadAverage();

var markdown = report.ToMarkdown() + "\n" + Persistence.ToMarkdown(persistenceCosts, stops) + "\n" + SetUpTime.ToMarkdown(setUps, settings.SetUpTests);
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
await File.WriteAllTextAsync(outPath, markdown);
Console.WriteLine($"written to {outPath}");
