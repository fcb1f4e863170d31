namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// How big the generated hardening runs are. <c>dotnet test</c> runs the reduced size; set
/// <c>PAYSYS_HARDENING_SCALE=full</c> for the full size (≥ 10⁵ hostile requests, ≥ 10⁵ raced operations).
/// Every generator starts from <see cref="Seed"/>, so a run is repeatable; <c>CsCheck_Seed</c> replays a printed failure.
/// </summary>
public static class HardeningScale
{
    public const string Variable = "PAYSYS_HARDENING_SCALE";

    /// <summary>The fixed CsCheck seed of every hardening sample (a failure prints the seed of its shrunk case).</summary>
    public const string Seed = "0N0XIzNsQ0O2";

    public static bool Full { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase);

    public static string Name => Full ? "full" : "reduced";

    /// <summary>Generated requests against the in-process sandbox.</summary>
    public static int HostileRequests => Full ? 100_000 : 3_000;

    /// <summary>Generated raw HTTP requests against the sandbox on a real Kestrel socket.</summary>
    public static int RawHttpRequests => Full ? 5_000 : 200;

    /// <summary>Concurrent clients of the mixed workload (always at least 32).</summary>
    public static int Clients => 32;

    /// <summary>Operations per client in the mixed workload.</summary>
    public static int OperationsPerClient => Full ? 3_200 : 40;

    /// <summary>Open tenants working in parallel in the isolation run.</summary>
    public static int IsolatedTenants => Full ? 64 : 8;

    /// <summary>Operations per tenant in the isolation run.</summary>
    public static int OperationsPerTenant => Full ? 500 : 25;
}
