using System.Text.Json;

namespace PaySys.Client.Sandbox;

/// <summary>
/// Tenant snapshots: the whole state as one document, and named snapshots the sandbox keeps in memory. Answers stay
/// <see cref="JsonElement"/>s so the client carries no second copy of the document's shape (contracts/ is its source).
/// </summary>
public sealed partial class SandboxControlClient
{
    /// <summary>Everything the tenant holds, as one versioned document (<c>GET /_sandbox/snapshot</c>).</summary>
    public Task<JsonElement> ExportSnapshotAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "snapshot", null, Json.JsonElement, cancellationToken);

    /// <summary>Replaces the tenant's state with <paramref name="document"/>; the sandbox checks it whole before anything changes.</summary>
    public Task<JsonElement> ImportSnapshotAsync(JsonElement document, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, "snapshot", Body(document, Json.JsonElement), Json.JsonElement, cancellationToken);

    /// <summary>Keeps the tenant's state under <paramref name="name"/> (in the sandbox's memory).</summary>
    public Task<JsonElement> SaveSnapshotAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"snapshots/{Escape(name)}", null, Json.JsonElement, cancellationToken);

    /// <summary>Replaces the tenant's state with the snapshot saved under <paramref name="name"/>.</summary>
    public Task<JsonElement> RestoreSnapshotAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"snapshots/{Escape(name)}/restore", null, Json.JsonElement, cancellationToken);

    /// <summary>The tenant's named snapshots.</summary>
    public Task<JsonElement> ListSnapshotsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "snapshots", null, Json.JsonElement, cancellationToken);

    /// <summary>Forgets the snapshot saved under <paramref name="name"/>.</summary>
    public Task<JsonElement> DeleteSnapshotAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"snapshots/{Escape(name)}", null, Json.JsonElement, cancellationToken);

    private static string Escape(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Uri.EscapeDataString(name);
    }
}
