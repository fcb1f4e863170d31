using Xunit.Abstractions;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Generated hostile requests (CsCheck, fixed seed, shrinking): broken JSON, every param of the 14 methods with every
/// wrong JSON type its schema rules out, huge and negative numbers, 10 MB strings, deep nesting, unicode and control
/// characters, wrong content types, verbs and paths, bad Auth in every field, bad Card-Token, other tenants' ids.
/// For every answer: no HTTP 5xx, no exception name or stack trace, every JSON-RPC error code from
/// contracts/errors.json (and never -32400), and after every rejected call the tenant's cards, transactions,
/// invoices, payouts and SMS are byte-for-byte what they were. PAYSYS_HARDENING_SCALE=full runs 10⁵ of them.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly SandboxFactory sandbox = new(HostileTenants.Settings());

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Generated_hostile_requests_never_crash_leak_or_change_the_state_they_are_rejected_for()
    {
        var tenants = await HostileTenants.Start(sandbox, HostileRequests.Slots);

        await GeneratedRun.ForEachAsync(HostileRequests.All, HardeningScale.HostileRequests, HostileRequests.Slots,
            request => tenants.Check(request, tenants.SendInProcess), request => request.ToString());

        tenants.EnsureNoErrorLogged();
        tenants.Tried.Should().Be(HardeningScale.HostileRequests);
        output.WriteLine($"hostile requests ({HardeningScale.Name}): {tenants.Tried} tried, {tenants.Rejected} rejected with the state compared, " +
            $"{tenants.Tried - tenants.Rejected} accepted; violations: 0");
        output.WriteLine($"kinds: {tenants.Kinds}");
    }
}
