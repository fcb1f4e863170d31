namespace PaySys.Sandbox.Testing.Tests;

/// <summary>
/// The collection-fixture example: one sandbox for every test class in <see cref="PaySysSandboxCollectionDefinition"/>,
/// started before the first test and stopped after the last. Test classes reset it before each test.
/// </summary>
public sealed class PaySysSandboxFixture : IAsyncLifetime
{
    public const string FixedOtp = "666666";

    public PaySysSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await PaySysSandbox.StartAsync(o => o.FixedOtp = FixedOtp);

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PaySysSandboxCollectionDefinition : ICollectionFixture<PaySysSandboxFixture>
{
    public const string Name = "PaySys sandbox";
}
