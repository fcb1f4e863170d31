using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>
/// The set-up-once pattern of issue 17: the class fixture holds a payment once and saves the tenant as
/// "held-payment"; every test restores it first, so each starts from the same held payment whatever the test
/// before it did with it (accepted, cancelled), and ids handed out after a restore never repeat an earlier one.
/// </summary>
public sealed class SnapshotRestoreExampleTests(SnapshotRestoreExampleTests.HeldPaymentFixture fixture)
    : IClassFixture<SnapshotRestoreExampleTests.HeldPaymentFixture>, IAsyncLifetime
{
    private const long Amount = 25_000;

    public Task InitializeAsync() => fixture.Sandbox.Snapshots.RestoreAsync(HeldPaymentFixture.Name);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Accepting_the_held_payment_debits_it()
    {
        var paysys = fixture.Sandbox.CreateClient();

        (await paysys.ConfirmHoldAsync(fixture.BankTransactionId, HoldDecision.Accept)).Status.Should().Be(PaymentStatuses.Completed);
        (await CardAsync()).Held.Should().Be(0);
    }

    [Fact]
    public async Task Cancelling_the_held_payment_releases_it()
    {
        var paysys = fixture.Sandbox.CreateClient();

        (await paysys.ConfirmHoldAsync(fixture.BankTransactionId, HoldDecision.Cancel)).Status.Should().Be(PaymentStatuses.Cancelled);
        (await CardAsync()).Held.Should().Be(0);
    }

    [Fact]
    public async Task After_a_restore_the_payment_is_held_again_and_new_ids_keep_counting_on()
    {
        var paysys = fixture.Sandbox.CreateClient();
        await paysys.ConfirmHoldAsync(fixture.BankTransactionId, HoldDecision.Accept);

        await fixture.Sandbox.Snapshots.RestoreAsync(HeldPaymentFixture.Name);
        var next = await paysys.PreparePaymentAsync(HeldPaymentFixture.Order(hold: false));

        (await paysys.CheckPaymentAsync(fixture.BankTransactionId)).Status.Should().Be(PaymentStatuses.Held);
        (await CardAsync()).Held.Should().Be(Amount);
        next.BankTransactionId.Should().BeGreaterThan(fixture.BankTransactionId);
    }

    private async Task<SandboxCard> CardAsync() =>
        (await fixture.Sandbox.Control.GetCardsAsync()).Single(c => c.Pan == MagicCards.Uzcard.Pan);

    public sealed class HeldPaymentFixture : IAsyncLifetime
    {
        public const string Name = "held-payment";

        public PaySysSandbox Sandbox { get; private set; } = null!;

        public long BankTransactionId { get; private set; }

        public static PreparePaymentRequest Order(bool hold) => new()
        {
            CardNumber = MagicCards.Uzcard.Pan,
            CardExpire = MagicCards.Uzcard.Expiry,
            PhoneNumber = MagicCards.Uzcard.Phone,
            Amount = Amount,
            VendorId = 100381,
            Product = "order-held",
            Hold = hold,
        };

        public async Task InitializeAsync()
        {
            Sandbox = await PaySysSandbox.StartAsync(o => o.FixedOtp = "666666");
            var paysys = Sandbox.CreateClient();
            var prepared = await paysys.PreparePaymentAsync(Order(hold: true));
            await paysys.ConfirmPaymentAsync(prepared.BankTransactionId, "666666");
            BankTransactionId = prepared.BankTransactionId;
            await Sandbox.Snapshots.SaveAsync(Name);
        }

        public async Task DisposeAsync() => await Sandbox.DisposeAsync();
    }
}
