using PaySys.Client;
using PaySys.Contract.Tests.Infrastructure;

namespace PaySys.Contract.Tests;

/// <summary>
/// E-money payouts: pam.pay_by_cash, then pam.check_payment by agr_transaction_id with the docs' doubled
/// result.result, each response validated against its result schema.
/// </summary>
[Collection(ContractTargetGroup.Name)]
public sealed class EMoneyContractTests(ContractTargetFixture fixture) : IDisposable
{
    private readonly ContractTarget target = fixture.Target;
    private readonly ContractScope scope = fixture.Target.Monitor.BeginScope();

    public void Dispose() => scope.Dispose();

    [Fact]
    public async Task A_payout_is_accepted_and_checked_by_agr_transaction_id_with_the_doubled_result()
    {
        var payout = await target.Client.PayByCashAsync(Form(12_000));

        var raw = await target.Client.CallAsync("pam.check_payment", Json($$"""{"agr_transaction_id":{{payout.Details.TransactionId}}}"""));
        var check = await target.Client.CheckPayoutAsync(payout.Details.TransactionId);

        payout.Details.Amount.Should().Be(12_000);
        payout.Details.BankTransactionId.Should().BeNull();
        raw.GetProperty("result").GetProperty("amount").GetInt64().Should().Be(12_000, "the e-money pam.check_payment nests its answer in result.result");
        check.BankTransactionId.Should().BeNull();
        check.Amount.Should().Be(12_000);
        check.Status.Should().BeOneOf(PaymentStatuses.AwaitingConfirmation, PaymentStatuses.Completed);
        scope.Responses.Select(r => r.Method).Should().Equal("pam.pay_by_cash", "pam.check_payment", "pam.check_payment");
    }

    [SandboxFact]
    public async Task A_payout_is_pending_until_its_delay_has_passed_on_the_sandbox_clock()
    {
        var payout = await target.Client.PayByCashAsync(Form(5_000));

        var before = await target.Client.CheckPayoutAsync(payout.Details.TransactionId);
        await target.SandboxControl.AdvanceClockAsync(30);
        var after = await target.Client.CheckPayoutAsync(payout.Details.TransactionId);

        before.Status.Should().Be(PaymentStatuses.AwaitingConfirmation);
        after.Should().Be(new PayoutCheck(null, 5_000, payout.Details.Date, PaymentStatuses.Completed));
    }

    private VendorForm Form(long amount) => new() { Account = target.Settings.PayoutAccount, Amount = amount, VendorId = target.VendorId };

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement;
}
