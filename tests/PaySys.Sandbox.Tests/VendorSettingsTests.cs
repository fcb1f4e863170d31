using System.Collections;
using System.Globalization;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The vendor API's sandbox choices are settings: exchange rates, the vendor's commission, the cancel window
/// and the payout delay, set here through the PAYSYS_* variables the README documents.
/// </summary>
public sealed class VendorSettingsTests : IDisposable
{
    private static readonly Hashtable Environment = new()
    {
        ["PAYSYS_FIXED_OTP"] = Cards.FixedOtp,
        ["PAYSYS_RATES__USD"] = "10000",
        ["PAYSYS_CANCEL_WINDOW_SECONDS"] = "3600",
        ["PAYSYS_PAYOUT_DELAY_SECONDS"] = "5",
        ["PAYSYS_MERCHANTS__0__SERVICE_ID"] = "1",
        ["PAYSYS_MERCHANTS__0__SECRET_KEY"] = "sandbox-secret",
        ["PAYSYS_MERCHANTS__0__VENDORS__0__VENDOR_ID"] = "100381",
        ["PAYSYS_MERCHANTS__0__VENDORS__0__COMMISSION"] = "0.025",
    };

    private readonly SandboxFactory sandbox = new(new Dictionary<string, string?>(PaySysEnvironmentVariables.ToConfiguration(Environment)));
    private readonly GatewayClient gateway;

    public VendorSettingsTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Refund_cap_uses_the_configured_commission_and_rate()
    {
        var transactionId = await Pay(1_000_000);
        var paidBalance = await gateway.Balance(Cards.UzcardPan);

        // Commission 2.5 % of 1 000 000 = 25 000 tiyin; cap 975 000 tiyin; one cent is 10 000 tiyin at 10 000 UZS per dollar.
        var over = await gateway.Error("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 98, currency = "USD" }, -32312);
        over["data"]!["cap"]!.GetValue<long>().Should().Be(975_000);
        over["data"]!["refundable_in_currency"]!.GetValue<long>().Should().Be(97);

        await gateway.Ok("paysys.payment_adjustments", new { transaction_id = transactionId, amount = 97, currency = "USD" });
        (await gateway.Balance(Cards.UzcardPan)).Should().Be(paidBalance + 970_000);
    }

    [Fact]
    public async Task Cancel_window_is_configurable()
    {
        var inside = await Pay(10_000);
        var outside = await Pay(10_000);
        await gateway.AdvanceClock(3600);
        await gateway.Ok("paysys.payment_cancel", new { transaction_id = inside });
        await gateway.AdvanceClock(1);
        await gateway.Error("paysys.payment_cancel", new { transaction_id = outside }, -32312);
    }

    [Fact]
    public async Task Payout_delay_is_configurable()
    {
        var result = await gateway.Ok("pam.pay_by_cash", new { vendor_form = new { account = "79123456789", amount = 5_000, vendor_id = Cards.VendorId } });
        var agr = result["details"]!["transaction_id"]!.GetValue<long>();

        await gateway.AdvanceClock(4);
        (await gateway.Ok("pam.check_payment", new { agr_transaction_id = agr }))["result"]!["status"]!.GetValue<int>().Should().Be(1);
        await gateway.AdvanceClock(1);
        (await gateway.Ok("pam.check_payment", new { agr_transaction_id = agr }))["result"]!["status"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Invoices_are_charged_at_the_configured_rate()
    {
        await gateway.Ok("paysys.invoice_create", new { order_id = "usd", vendor_id = Cards.VendorId, payment_id = -1, currency = "USD", amount = 1.5m, order_note = "n" });
        var invoice = (await gateway.Control(HttpMethod.Get, "invoices"))["invoices"]!.AsArray().Single()!;
        invoice["amount_tiyin"]!.GetValue<long>().Should().Be(1_500_000, "$1.50 at 10 000 UZS per dollar");
    }

    private async Task<long> Pay(long amount)
    {
        var prepared = await gateway.Ok("pam.prepare_payment", new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount,
            vendor_id = Cards.VendorId,
            product = "settings",
        });
        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = prepared["bank_transaction_id"]!.GetValue<long>(), confirmation_code = Cards.FixedOtp });
        return long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }
}
