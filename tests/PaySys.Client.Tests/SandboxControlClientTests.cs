using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Client.Sandbox;

namespace PaySys.Client.Tests;

/// <summary>The control-API client and the DI registration, against the in-process sandbox.</summary>
public sealed class SandboxControlClientTests : IDisposable
{
    private readonly SandboxFactory sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Clock_can_be_read_set_and_advanced()
    {
        var control = sandbox.CreateControl();
        var docsDate = new DateTimeOffset(2022, 2, 24, 10, 0, 0, TimeSpan.Zero);

        var start = await control.GetClockAsync();
        var set = await control.SetClockAsync(docsDate);
        var advanced = await control.AdvanceClockAsync(TimeSpan.FromHours(1));

        start.UtcNow.Should().Be(SandboxFactory.Start);
        start.OffsetSeconds.Should().Be(0);
        set.UtcNow.Should().Be(docsDate);
        advanced.UtcNow.Should().Be(docsDate.AddHours(1));
        (await control.GetClockAsync()).Should().Be(advanced);
    }

    [Fact]
    public async Task Sms_outbox_filters_by_phone_and_reference()
    {
        var client = sandbox.CreatePaySysClient();
        var control = sandbox.CreateControl();
        var uzcard = await client.RegisterCardAsync(new RegisterCardRequest(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));
        await client.RegisterCardAsync(new RegisterCardRequest(Cards.HumoPan, Cards.HumoExpiry, Cards.HumoPhone));

        (await control.GetSmsAsync()).Should().HaveCount(2);
        (await control.GetSmsAsync(phone: Cards.UzcardPhone)).Should().ContainSingle().Which.Reference.Should().Be(uzcard.Id);
        (await control.GetSmsAsync(reference: uzcard.Id)).Should().ContainSingle().Which.Phone.Should().Be(Cards.UzcardPhone);
        var missing = () => control.LatestCodeAsync("no-such-reference");
        await missing.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Cards_can_be_added_and_reset_wipes_the_tenant()
    {
        var client = sandbox.CreatePaySysClient();
        var control = sandbox.CreateControl();
        var added = await control.AddCardAsync(new SandboxCardSpec("8600123412341234", "3012", "998901234567", "MY CARD", 500_000, "success"));
        await client.RegisterCardAsync(new RegisterCardRequest(added.Pan, added.Expiry, added.Phone));

        added.Balance.Should().Be(500_000);
        (await control.GetCardsAsync()).Should().Contain(c => c.Pan == "8600123412341234");
        (await control.GetJournalAsync()).Should().ContainSingle().Which.Method.Should().Be("paysys.card_registration");

        await control.ResetAsync();

        (await control.GetCardsAsync()).Should().NotContain(c => c.Pan == "8600123412341234");
        (await control.GetSmsAsync()).Should().BeEmpty();
        (await control.GetJournalAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Transactions_list_the_payments_with_their_history()
    {
        var client = sandbox.CreatePaySysClient();
        var control = sandbox.CreateControl();
        var prepared = await client.PreparePaymentAsync(new PreparePaymentRequest
        {
            CardNumber = Cards.UzcardPan,
            CardExpire = Cards.UzcardExpiry,
            PhoneNumber = Cards.UzcardPhone,
            Amount = 5_000,
            VendorId = Cards.VendorId,
            Product = "order-tx",
        });
        await client.ConfirmPaymentAsync(prepared.BankTransactionId, await control.LatestCodeAsync(prepared.BankTransactionId));

        var transaction = (await control.GetTransactionsAsync()).Should().ContainSingle().Subject;
        transaction.BankTransactionId.Should().Be(prepared.BankTransactionId);
        transaction.Status.Should().Be(PaymentStatuses.Completed);
        transaction.Product.Should().Be("order-tx");
        transaction.History.Select(h => h.Status).Should().EndWith(PaymentStatuses.Completed);
    }

    [Fact]
    public async Task Blocking_the_service_or_a_vendor_makes_the_gateway_refuse()
    {
        var client = sandbox.CreatePaySysClient();
        var control = sandbox.CreateControl();
        var order = new PreparePaymentRequest
        {
            CardNumber = Cards.UzcardPan,
            CardExpire = Cards.UzcardExpiry,
            PhoneNumber = Cards.UzcardPhone,
            Amount = 5_000,
            VendorId = Cards.VendorId,
            Product = "order-blocked",
        };

        var vendorOff = await control.BlockVendorAsync(Cards.VendorId);
        var vendorBlocked = () => client.PreparePaymentAsync(order);
        (await vendorBlocked.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.VendorBlocked);
        await control.BlockVendorAsync(Cards.VendorId, blocked: false);

        var serviceOff = await control.BlockServiceAsync();
        var serviceBlocked = () => client.PreparePaymentAsync(order);
        (await serviceBlocked.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.ServiceBlocked);
        var serviceOn = await control.BlockServiceAsync(blocked: false);

        vendorOff.Vendors.Should().Contain(v => v.VendorId == Cards.VendorId && v.Blocked);
        serviceOff.Blocked.Should().BeTrue();
        serviceOn.Blocked.Should().BeFalse();
        (await control.GetServiceAsync()).Vendors.Should().OnlyContain(v => !v.Blocked);
        (await client.PreparePaymentAsync(order)).BankTransactionId.Should().BePositive();
    }

    [Fact]
    public async Task An_admin_token_is_sent_when_given()
    {
        using var guarded = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = "s3cret" });

        var without = () => guarded.CreateControl().GetClockAsync();
        var refused = (await without.Should().ThrowAsync<HttpRequestException>()).Which;

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Message.Should().Contain("X-Sandbox-Token");
        (await guarded.CreateControl("s3cret").GetClockAsync()).OffsetSeconds.Should().Be(0);
        (await guarded.CreateControl().IsHealthyAsync()).Should().BeTrue("health needs no token");
    }

    [Fact]
    public async Task An_unknown_tenant_is_an_HTTP_404()
    {
        var control = new SandboxControlClient(sandbox.CreateClient(), serviceId: "no-such-service");

        var act = () => control.GetCardsAsync();

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AddPaySysClient_registers_a_typed_client_for_IHttpClientFactory()
    {
        var services = new ServiceCollection();
        services.AddPaySysClient(o =>
            {
                o.BaseAddress = new Uri("http://localhost/");
                o.ServiceId = SandboxFactory.ServiceId;
                o.SecretKey = SandboxFactory.SecretKey;
                o.TimeProvider = sandbox.RealClock;
            })
            .ConfigurePrimaryHttpMessageHandler(() => sandbox.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<PaySysClient>();
        var registration = await client.RegisterCardAsync(new RegisterCardRequest(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));

        registration.MaskedPhoneNumber.Should().Be("+99890*****33");
        provider.GetRequiredService<PaySysClient>().Should().NotBeSameAs(client, "typed clients are transient");
    }
}
