using System.Text.Json.Nodes;
using PaySys.Client.Sandbox;

namespace PaySys.Scenarios.Engine;

/// <summary>Everything a step of one file runs with: its tenant's clients, its variables, the contracts and the coverage.</summary>
public sealed class ScenarioSession(
    string serviceId,
    GatewayCaller gateway,
    SandboxControlClient control,
    HttpClient http,
    Variables variables,
    Coverage coverage,
    CancellationToken cancellationToken)
{
    public string ServiceId => serviceId;

    public GatewayCaller Gateway => gateway;

    public SandboxControlClient Control => control;

    /// <summary>The sandbox's HttpClient, for pages (pay page, receipts).</summary>
    public HttpClient Http => http;

    public Variables Variables => variables;

    public Coverage Coverage => coverage;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Sets <c>${now}</c> from the tenant's virtual clock.</summary>
    public async Task RefreshNowAsync()
    {
        var clock = await control.GetClockAsync(cancellationToken);
        variables.Set(Variables.Now, JsonValue.Create(clock.Now));
    }
}
