using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>The snapshot methods of <see cref="SandboxControlClient"/> against a real sandbox: save, list, restore, export, import, delete.</summary>
public sealed class SnapshotClientTests
{
    [Fact]
    public async Task Named_snapshots_round_trip_through_the_client()
    {
        await using var sandbox = await PaySysSandbox.StartAsync();
        var control = sandbox.CreateControlClient();

        await control.SaveSnapshotAsync("start");
        (await control.ListSnapshotsAsync()).GetRawText().Should().Contain("start");
        await control.RestoreSnapshotAsync("start");

        var document = await control.ExportSnapshotAsync();
        await control.ImportSnapshotAsync(document);
        // The export stamps the time it was taken, so compare the version rather than the whole text.
        (await control.ExportSnapshotAsync()).GetProperty("version").GetInt32().Should().Be(1);

        await control.DeleteSnapshotAsync("start");
        (await control.ListSnapshotsAsync()).GetRawText().Should().NotContain("\"start\"");
    }
}
