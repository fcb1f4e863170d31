using PaySys.Client;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Testing;

namespace PaySys.Sandbox.Tests.Callbacks;

/// <summary>
/// Issue 16 from a user's test: the fixture's typed callback options, its <see cref="PaySysSandbox.Callbacks"/> helper
/// and the client's control methods drive the whole invoice → callbacks flow without a browser or raw JSON.
/// </summary>
public sealed class CallbackFixtureTests : IAsyncLifetime
{
    private MerchantReceiver merchant = null!;

    public async Task InitializeAsync() => merchant = await MerchantReceiver.StartAsync();

    public async Task DisposeAsync() => await merchant.DisposeAsync();

    [Fact]
    public async Task Callbacks_set_at_start_reach_the_merchant_when_the_fixture_pays_an_invoice_and_the_log_shows_both()
    {
        await using var sandbox = await PaySysSandbox.StartAsync(options =>
        {
            options.Callbacks = new SandboxCallbackSettingsSpec(PayUrl: merchant.Url("pay"), NotifyUrl: merchant.Url("notify"), Secret: "fixture-secret");
            options.CallbackRetrySchedule = [TimeSpan.Zero, TimeSpan.FromMinutes(2)];
        });
        var settings = await sandbox.Callbacks.GetAsync();
        settings.PayUrl.Should().Be(merchant.Url("pay"));
        settings.CancelUrl.Should().BeNull("a callback without a URL is not sent");
        settings.Secret.Should().Be("****").And.NotContain("fixture-secret");
        settings.SecretSource.Should().Be("callbacks");
        settings.RetrySeconds.Should().Equal(0, 120);

        var invoice = await sandbox.CreateClient().CreateInvoiceAsync(new CreateInvoiceRequest
        {
            OrderId = "fixture-order-1",
            VendorId = Cards.VendorId,
            Currency = "UZS",
            Amount = 250m,
        });
        var paid = await sandbox.Callbacks.PayInvoiceAsync(invoice.Id);

        paid.Status.Should().Be(2);
        (await merchant.NextAsync()).Path.Should().Be("/pay");
        var notify = await merchant.NextAsync();
        notify.Path.Should().Be("/notify");
        notify.Json["STATUS"]!.GetValue<string>().Should().Be("2");
        var deliveries = await sandbox.Callbacks.DeliveriesAsync();
        deliveries.Select(d => (d.Kind, d.Status)).Should().Equal(("pay", "delivered"), ("notify", "delivered"));
        deliveries[0].InvoiceId.Should().Be(invoice.Id);
        deliveries[0].AgrTransId.Should().Be(paid.TransactionId);
        deliveries[0].Attempts.Should().ContainSingle().Which.Error.Should().Be(0);
    }

    [Fact]
    public async Task The_client_sets_urls_later_adds_a_fault_redelivers_and_cancels_through_typed_calls()
    {
        await using var sandbox = await PaySysSandbox.StartAsync();
        var configured = await sandbox.Callbacks.SendAllToAsync(new Uri(merchant.BaseUrl + "/"));
        configured.CancelUrl.Should().Be(merchant.Url("cancel"));
        configured.SecretSource.Should().Be("secret_key");

        var fault = await sandbox.Control.AddCallbackFaultAsync(new SandboxCallbackFaultSpec("pay", "duplicate", Times: 1));
        fault.Kind.Should().Be("duplicate");
        (await sandbox.Control.GetCallbackFaultsAsync()).Should().ContainSingle(f => f.Id == fault.Id);

        var invoice = await sandbox.CreateClient().CreateInvoiceAsync(new CreateInvoiceRequest
        {
            OrderId = "fixture-order-2",
            VendorId = Cards.VendorId,
            Currency = "UZS",
            Amount = 99.5m,
        });
        await sandbox.Callbacks.PayInvoiceAsync(invoice.Id);
        var pay = (await sandbox.Callbacks.DeliveriesAsync()).First(d => d.Kind == "pay");
        pay.Faults.Should().ContainSingle().Which.Should().Contain("sent twice").And.Contain(fault.Id);

        var again = await sandbox.Callbacks.RedeliverAsync(pay.Id);
        again.Attempts.Should().Contain(a => a.Redelivery);

        var cancelled = await sandbox.Callbacks.CancelInvoiceAsync(invoice.Id);
        cancelled.Status.Should().NotBe(2);
        (await sandbox.Callbacks.DeliveriesAsync()).Select(d => d.Kind).Should().Contain("cancel");

        await sandbox.Callbacks.ClearFaultsAsync();
        (await sandbox.Control.GetCallbackFaultsAsync()).Should().BeEmpty();
        var unknown = () => sandbox.Callbacks.RedeliverAsync(999_999);
        (await unknown.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
