using System.Net;
using PaySys.Client;
using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>What a test gets from the shared sandbox of <see cref="PaySysSandboxFixture"/>.</summary>
[Collection(PaySysSandboxCollectionDefinition.Name)]
public sealed class CollectionFixtureTests(PaySysSandboxFixture fixture) : IAsyncLifetime
{
    private readonly PaySysSandbox sandbox = fixture.Sandbox;

    // Every test starts from a clean default merchant, whatever the test before it left.
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Url_is_a_real_loopback_socket_that_a_plain_HttpClient_can_call()
    {
        using var http = new HttpClient();

        using var health = await http.GetAsync(new Uri(sandbox.Url + "/_sandbox/health"));

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).Should().Contain("\"ok\"");
        sandbox.Url.Should().MatchRegex(@"^http://127\.0\.0\.1:\d+$");
        sandbox.BaseAddress.Should().Be(new Uri(sandbox.Url + "/"));
        sandbox.Port.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task CreateClient_pays_a_whole_payment_with_the_code_from_the_outbox()
    {
        var paysys = sandbox.CreateClient();

        var prepared = await paysys.PreparePaymentAsync(Cards.Uzcard(amount: 250_000));
        var code = await sandbox.Sms.LatestCodeAsync(prepared.BankTransactionId);
        var paid = await paysys.ConfirmPaymentAsync(prepared.BankTransactionId, code);
        var check = await paysys.CheckPaymentAsync(prepared.BankTransactionId);

        code.Should().Be(PaySysSandboxFixture.FixedOtp);
        paid.Details.Amount.Should().Be(250_000);
        check.Status.Should().Be(PaymentStatuses.Completed);
        var card = await sandbox.Control.GetCardAsync(Cards.UzcardPan);
        card.Balance.Should().Be(1_000_000_000 - 250_000);
    }

    [Fact]
    public async Task Clock_moves_the_virtual_time_so_a_code_expires_without_waiting()
    {
        var paysys = sandbox.CreateClient();
        var before = await sandbox.Clock.NowAsync();
        var prepared = await paysys.PreparePaymentAsync(Cards.Uzcard());

        var moved = await sandbox.Clock.AdvanceAsync(TimeSpan.FromSeconds(prepared.TimeOut));
        var late = () => paysys.ConfirmPaymentAsync(prepared.BankTransactionId, PaySysSandboxFixture.FixedOtp);

        moved.OffsetSeconds.Should().Be(prepared.TimeOut);
        moved.UtcNow.Should().BeOnOrAfter(before.AddSeconds(prepared.TimeOut));
        (await late.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.WrongCode);
        (await paysys.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Error);

        // Back in time only on a tenant with nothing timed (issue 14, item 7): reset first.
        await sandbox.ResetAsync();
        var docsDate = new DateTimeOffset(2022, 2, 24, 10, 0, 0, TimeSpan.Zero);
        (await sandbox.Clock.SetAsync(docsDate)).UtcNow.Should().Be(docsDate);
    }

    [Fact]
    public async Task Sms_lists_the_outbox_by_phone_and_reference()
    {
        var paysys = sandbox.CreateClient();
        var first = await paysys.PreparePaymentAsync(Cards.Uzcard(product: "first"));
        var second = await paysys.PreparePaymentAsync(Cards.Uzcard(product: "second"));

        var all = await sandbox.Sms.ListAsync(phone: Cards.UzcardPhone);
        var aboutSecond = await sandbox.Sms.ListAsync(reference: second.BankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        all.Select(m => m.Reference).Should().Equal(
            first.BankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            second.BankTransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        aboutSecond.Should().ContainSingle().Which.Code.Should().Be(PaySysSandboxFixture.FixedOtp);
        var unknown = () => sandbox.Sms.LatestCodeAsync("no-such-reference");
        await unknown.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Faults_break_a_method_as_often_as_asked_and_can_be_removed()
    {
        var paysys = sandbox.CreateClient();
        var prepared = await paysys.PreparePaymentAsync(Cards.Uzcard());

        var once = await sandbox.Faults.ErrorAsync("pam.check_payment", PaySysErrorCodes.ProcessingUnavailable, times: 1);
        var broken = () => paysys.CheckPaymentAsync(prepared.BankTransactionId);
        (await broken.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.ProcessingUnavailable);
        (await paysys.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.AwaitingConfirmation);

        var always = await sandbox.Faults.AddAsync(SandboxFaultSpec.Status(SandboxFaultSpec.AnyMethod, 503));
        var listed = await sandbox.Faults.ListAsync();
        var unavailable = () => paysys.CheckPaymentAsync(prepared.BankTransactionId);
        (await unavailable.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await sandbox.Faults.RemoveAsync(always);

        once.Should().NotBe(always);
        listed.Should().ContainSingle(f => f.Id == always).Which.Should().Match<SandboxFault>(f =>
            f.Kind == SandboxFaultKinds.HttpStatus && f.HttpStatus == 503 && f.Method == "*" && f.Times == null);
        (await sandbox.Faults.ListAsync()).Should().NotContain(f => f.Id == always);
        (await paysys.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.AwaitingConfirmation);

        await sandbox.Faults.AddAsync(SandboxFaultSpec.Drop("pam.check_payment"));
        await sandbox.Faults.ClearAsync();
        (await sandbox.Faults.ListAsync()).Should().BeEmpty();
        (await paysys.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.AwaitingConfirmation);
    }

    [Fact]
    public async Task Reset_wipes_payments_outbox_faults_and_the_clock()
    {
        var paysys = sandbox.CreateClient();
        var prepared = await paysys.PreparePaymentAsync(Cards.Uzcard());
        await paysys.ConfirmPaymentAsync(prepared.BankTransactionId, await sandbox.Sms.LatestCodeAsync(prepared.BankTransactionId));
        await sandbox.Faults.DelayAsync("pam.check_payment", TimeSpan.FromSeconds(5));
        await sandbox.Clock.AdvanceAsync(TimeSpan.FromDays(1));

        await sandbox.ResetAsync();

        (await sandbox.Control.GetTransactionsAsync()).Should().BeEmpty();
        (await sandbox.Sms.ListAsync()).Should().BeEmpty();
        (await sandbox.Faults.ListAsync()).Should().BeEmpty();
        (await sandbox.Clock.GetAsync()).OffsetSeconds.Should().Be(0);
        (await sandbox.Control.GetCardAsync(Cards.UzcardPan)).Balance.Should().Be(1_000_000_000);
        var gone = () => paysys.CheckPaymentAsync(prepared.BankTransactionId);
        (await gone.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotFound);
    }
}
