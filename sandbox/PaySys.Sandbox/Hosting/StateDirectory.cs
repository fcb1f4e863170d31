using System.Collections.Concurrent;
using System.Text.Json;
using PaySys.Sandbox.Control;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// PAYSYS_STATE_DIR: every tenant kept as one snapshot document, <c>{service_id}.json</c>, the same document
/// GET /_sandbox/snapshot answers. Loaded before the sandbox takes its first request; a tenant whose change count moved
/// is written again every <see cref="SandboxOptions.StateSaveMs"/>, or every ten times its last write's duration when
/// that is longer (write to a temporary file, then rename, so a file is always a whole document), and every changed
/// tenant once more, flushed to the disk, when the sandbox stops. A crash loses at most the changes of the last interval
/// and the write in progress. Snapshot files rather than a log of changes
/// or a database: the document and its whole-or-nothing import already exist and are tested, a file is one `cat` away
/// for a user, and a tenant that does not change is never written. An open tenant that expires or is evicted takes its
/// file with it. Named snapshots and the request journal stay in memory only.
/// </summary>
public sealed class StateDirectory(SandboxOptions options, TenantRegistry tenants, HostedPages pages, TimeProvider realClock,
    ILogger<StateDirectory> log) : IHostedService, IDisposable
{
    private const string Extension = ".json";

    private readonly string folder = string.IsNullOrWhiteSpace(options.StateDir) ? "" : Path.GetFullPath(options.StateDir);
    private readonly ConcurrentDictionary<Tenant, Written> lastWrites = new();
    private readonly ConcurrentDictionary<Tenant, byte> retired = new();
    private readonly Lock saving = new();
    private ITimer? timer;

    /// <summary>Whether PAYSYS_STATE_DIR is set; without it nothing touches the disk.</summary>
    public bool Enabled => folder.Length > 0;

    /// <summary>Tenants loaded at start-up, and files refused (renamed to *.rejected, the reason logged).</summary>
    public (int Loaded, int Rejected) Loaded { get; private set; }

    /// <summary>Loads every tenant before the server starts listening, so the first request already sees them.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return Task.CompletedTask;
        }

        try
        {
            Directory.CreateDirectory(folder);
            Probe();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"PAYSYS_STATE_DIR={options.StateDir}: the folder cannot be written ({e.Message})", e);
        }

        Loaded = Load();
        tenants.Retired += Forget;
        log.LogWarning("state directory {Folder}: {Loaded} tenants loaded, {Rejected} files rejected", folder, Loaded.Loaded, Loaded.Rejected);
        var period = Interval;
        // A timer held by this singleton, each pass on the thread pool; a pass still writing when the next is due
        // makes that one skip rather than queue.
        timer = realClock.CreateTimer(_ => Pass(), null, period, period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            timer?.Dispose();
            SaveChanged(flushToDisk: true);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => timer?.Dispose();

    /// <summary>Writes every tenant that changed since its last write; answers how many were written.</summary>
    public int SaveChanged(bool flushToDisk = false)
    {
        if (!Enabled)
        {
            return 0;
        }

        lock (saving)
        {
            var written = 0;
            foreach (var tenant in tenants.All)
            {
                var changes = tenant.Changes;
                var last = lastWrites.GetValueOrDefault(tenant);
                if (last is not null && last.Changes == changes)
                {
                    continue;
                }

                var started = realClock.GetTimestamp();
                if (!flushToDisk && last is not null && started < last.WritableAt)
                {
                    continue;
                }

                try
                {
                    Write(tenant, flushToDisk);
                    lastWrites[tenant] = new Written(changes,
                        started + (long)(NextWriteAfter(Interval, realClock.GetElapsedTime(started)).TotalSeconds * realClock.TimestampFrequency));
                    written++;
                    if (retired.ContainsKey(tenant))
                    {
                        // It left the table while it was being written: its file goes after all.
                        File.Delete(PathOf(tenant));
                        lastWrites.TryRemove(tenant, out _);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Kept unsaved, so the next pass tries again; the disk may have room by then.
                    log.LogError("state directory {Folder}: service {ServiceId} not saved: {Reason}", folder, tenant.ServiceId, e.Message);
                }
            }

            retired.Clear();
            return written;
        }
    }

    /// <summary>
    /// How long after a write began the same tenant may be written again: the interval, or ten times what the write
    /// took when that is longer. A tenant large enough to take 30 ms to write is then written every 300 ms, so writing
    /// never takes more than a tenth of one core, nor holds the tenant's gate (the export) for more than a tenth of
    /// the time, however much the tenant holds. The crash-loss bound of that tenant grows with it (docs/state.md).
    /// </summary>
    public static TimeSpan NextWriteAfter(TimeSpan interval, TimeSpan took) => took * WriteShareInverse > interval ? took * WriteShareInverse : interval;

    private const int WriteShareInverse = 10;

    private TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(10, options.StateSaveMs));

    private void Pass()
    {
        if (!saving.TryEnter())
        {
            return;
        }

        try
        {
            SaveChanged();
        }
        finally
        {
            saving.Exit();
        }
    }

    private (int Loaded, int Rejected) Load()
    {
        var loaded = 0;
        var rejected = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var serviceId = Path.GetFileNameWithoutExtension(path);
            if (LoadProblem(path, serviceId) is { } problem)
            {
                rejected++;
                log.LogError("state directory {Folder}: {File} not loaded, kept as {File}.rejected: {Problem}", folder, Path.GetFileName(path),
                    Path.GetFileName(path), problem);
                File.Move(path, path + ".rejected", overwrite: true);
                continue;
            }

            loaded++;
        }

        return (loaded, rejected);
    }

    private string? LoadProblem(string path, string serviceId)
    {
        var snapshot = SnapshotControl.Read(File.ReadAllBytes(path), out var problem);
        if (snapshot is null)
        {
            return problem;
        }

        if (!string.Equals(snapshot.ServiceId, serviceId, StringComparison.Ordinal))
        {
            return $"the file holds service {snapshot.ServiceId}, not {serviceId}";
        }

        if (!tenants.TryGet(serviceId, out var tenant, out var whyNot))
        {
            return whyNot;
        }

        if (SnapshotControl.Apply(tenant, snapshot, pages) is { } refused)
        {
            return refused;
        }

        lastWrites[tenant] = new Written(tenant.Changes, 0);
        return null;
    }

    private void Write(Tenant tenant, bool flushToDisk)
    {
        var snapshot = tenant.Export();
        var path = PathOf(tenant);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            // Streamed, so a large tenant never needs its whole document in one array.
            JsonSerializer.Serialize(file, snapshot, SnapshotJsonContext.Default.TenantSnapshot);
            file.Flush(flushToDisk);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// An expired or evicted open tenant is gone for good: its file goes too, or it would come back at the next start.
    /// Raised under the tenant's gate, so it never waits for a pass (which takes that gate to export).
    /// </summary>
    private void Forget(Tenant tenant)
    {
        retired[tenant] = 0;
        lastWrites.TryRemove(tenant, out _);
        File.Delete(PathOf(tenant));
    }

    private string PathOf(Tenant tenant) => Path.Combine(folder, tenant.ServiceId + Extension);

    private void Probe()
    {
        var probe = Path.Combine(folder, ".write-probe");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
    }

    /// <summary>A tenant's change count when it was last written, and the host timestamp before which it waits.</summary>
    private sealed record Written(long Changes, long WritableAt);
}
