namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// How big the generated hardening runs are, from <c>PAYSYS_HARDENING_SCALE</c>:
/// <list type="bullet">
/// <item>unset or <c>reduced</c>: what <c>dotnet test</c> runs, seconds in all;</item>
/// <item><c>full</c>: ≥ 10⁵ hostile requests, ≥ 10⁵ raced operations;</item>
/// <item><c>bench</c>: the money-conservation race at 32 clients × 31 250 = 10⁶ operations, which is what
/// <c>bench/run.sh</c> runs (filtered to <see cref="MoneyConservationTests"/>). Every other hardening run keeps its
/// <c>full</c> size under <c>bench</c>: one more size per test would only be a second "full" nobody runs.</item>
/// </list>
/// Any other value fails the run rather than quietly racing the reduced size under a mistyped name.
/// Every generator starts from <see cref="Seed"/>, so a run is repeatable; <c>CsCheck_Seed</c> replays a printed failure.
/// </summary>
public static class HardeningScale
{
    public const string Variable = "PAYSYS_HARDENING_SCALE";

    /// <summary>The fixed CsCheck seed of every hardening sample (a failure prints the seed of its shrunk case).</summary>
    public const string Seed = "0N0XIzNsQ0O2";

    public enum Size
    {
        Reduced,
        Full,
        Bench,
    }

    public static Size Current { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Whether the runs take their full sizes (<c>bench</c> included, see the class comment).</summary>
    public static bool Full => Current >= Size.Full;

    public static string Name => Current.ToString().ToLowerInvariant();

    /// <summary>Generated requests against the in-process sandbox.</summary>
    public static int HostileRequests => Full ? 100_000 : 3_000;

    /// <summary>Generated raw HTTP requests against the sandbox on a real Kestrel socket.</summary>
    public static int RawHttpRequests => Full ? 5_000 : 200;

    /// <summary>Concurrent clients of the mixed workload (always at least 32).</summary>
    public static int Clients => 32;

    /// <summary>Operations per client in the mixed workload.</summary>
    public static int OperationsPerClient => Current switch
    {
        Size.Bench => 31_250,
        Size.Full => 3_200,
        _ => 40,
    };

    /// <summary>Open tenants working in parallel in the isolation run.</summary>
    public static int IsolatedTenants => Full ? 64 : 8;

    /// <summary>Operations per tenant in the isolation run.</summary>
    public static int OperationsPerTenant => Full ? 500 : 25;

    private static Size Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "reduced" => Size.Reduced,
        "full" => Size.Full,
        "bench" => Size.Bench,
        _ => throw new InvalidOperationException($"{Variable}={value} is not a hardening scale: use reduced (the default), full or bench"),
    };
}
