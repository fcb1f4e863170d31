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
    /// <summary>
    /// Framing damage after which the request cannot be the one that was meant: it must be refused. (Content-Length
    /// with Transfer-Encoding: chunked is not here: HTTP/1.1 says the chunking wins, and Kestrel reads it so.)
    /// </summary>
    private static readonly HashSet<WireDamage> Refused =
    [
        WireDamage.BadChunk, WireDamage.ShortContentLength, WireDamage.LongContentLength, WireDamage.TwoContentLengths, WireDamage.BadContentLength, WireDamage.HugeHeader, WireDamage.ManyHeaders,
        WireDamage.BadHeaderName, WireDamage.ControlCharInHeader, WireDamage.FoldedHeader, WireDamage.NoHost, WireDamage.TwoHosts,
        WireDamage.TwoAuthLines, WireDamage.BadVerb, WireDamage.LongTarget, WireDamage.Http20, WireDamage.BadVersion,
    ];

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

    [Fact]
    public async Task Generated_hostile_http_on_a_real_socket_never_crashes_leaks_or_changes_the_state()
    {
        using var kestrel = new SandboxFactory(HostileTenants.Settings(), kestrel: true);
        var server = kestrel.BaseAddress;
        var tenants = await HostileTenants.Start(kestrel, HostileRequests.Slots);

        await GeneratedRun.ForEachAsync(RawHttpRequest.All, HardeningScale.RawHttpRequests, HostileRequests.Slots,
            raw => tenants.Check(Expectation(raw), async (request, slot, other) =>
            {
                var auth = request.Auth.Build(slot.ServiceId, HostileTenants.Secret, kestrel.RealClock.GetUtcNow());
                var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, HostileTenants.Resolve(h.Value, slot, other)));
                var bytes = raw.Bytes(server.Authority, tenants.Body(request, slot, other), auth, headers);
                return await RawHttpRequest.Exchange(server, bytes, closeSending: raw.Wire == WireDamage.LongContentLength);
            }),
            raw => raw.ToString());

        tenants.EnsureNoErrorLogged();
        output.WriteLine($"raw HTTP requests on a socket ({HardeningScale.Name}): {tenants.Tried} tried, {tenants.Rejected} rejected with the state compared; violations: 0");
        output.WriteLine($"kinds: {tenants.Kinds}");
    }

    /// <summary>What must hold for a request whose framing was damaged: refused when the framing is broken, the request's own expectation otherwise.</summary>
    private static HostileRequest Expectation(RawHttpRequest raw) => raw.Wire switch
    {
        WireDamage.None or WireDamage.Chunked or WireDamage.ExpectContinue => raw.Request,

        // The client closes its side before the body it announced is complete: Kestrel takes that as a hang-up.
        WireDamage.LongContentLength => raw.Request with { MustReject = true, ExpectedStatus = null, Label = $"{raw.Wire} {raw.Request.Label}", AllowNoAnswer = true },
        _ when Refused.Contains(raw.Wire) => raw.Request with { MustReject = true, ExpectedStatus = null, Label = $"{raw.Wire} {raw.Request.Label}" },
        _ => raw.Request with { ExpectedStatus = null, Label = $"{raw.Wire} {raw.Request.Label}" },
    };
}
