namespace PaySys.Bench.Runner;

/// <summary>How long and how much: the full bench, or the smoke run CI does so that the bench cannot rot.</summary>
public sealed record BenchSettings(
    bool Smoke,
    TimeSpan WarmUp,
    TimeSpan Measured,
    long RequestsForRss,
    long PaymentsForState,
    int Starts)
{
    public const int Threads = 2;

    /// <summary>How many transactions the console's pages are timed over (issue 15).</summary>
    public long ConsoleTransactions => Smoke ? 2_000 : 100_000;

    /// <summary>How many times each console page is fetched after its warm-up.</summary>
    public int ConsoleRequests => Smoke ? 5 : 50;
    public const int Connections = 32;

    /// <summary>The state directory's runs (issue 17): shorter than the main table's, as they are twelve per build.</summary>
    public TimeSpan PersistenceWarmUp => Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    public TimeSpan PersistenceMeasured => Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(8);

    /// <summary>Tests per set-up and process in the set-up-time figures (replay against restore, issue 17).</summary>
    public int SetUpTests => Smoke ? 5 : 50;

    public static BenchSettings Full { get; } = new(false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), 1_000_000, 100_000, 20);

    public static BenchSettings SmokeRun { get; } = new(true, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 20_000, 2_000, 3);
}
