using PaySys.Client.Sandbox;

namespace PaySys.Client.Tests;

/// <summary>
/// Every lifecycle of the sandbox driven through the reference client only: PaySysClient for the gateway,
/// SandboxControlClient for codes, balances and the clock. Each test owns its in-process sandbox.
/// </summary>
public sealed class SandboxLifecycleTests : IDisposable
{
    private readonly SandboxFactory sandbox = new();
    private readonly PaySysClient client;
    private readonly SandboxControlClient control;

    public SandboxLifecycleTests()
    {
        client = sandbox.CreatePaySysClient();
        control = sandbox.CreateControl();
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Card_registration_and_confirmation_return_a_token_and_the_card_data()
    {
        var registration = await client.RegisterCardAsync(new RegisterCardRequest(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));
        var code = await control.LatestCodeAsync(registration.Id);
        var confirmation = await client.ConfirmCardAsync(registration.Id, code);

        registration.Id.Should().MatchRegex("^[0-9A-F]{34}$");
        registration.MaskedPhoneNumber.Should().Be("+99890*****33");
        registration.TimeOut.Should().Be(120);
        code.Should().Be(SandboxFactory.FixedOtp);
        confirmation.CardToken.Should().NotBeNullOrEmpty();
        confirmation.CardData.Id.Should().Be(registration.Id);
        confirmation.CardData.Pan.Should().Be("860049******3347");
        confirmation.CardData.Expiry.Should().Be(Cards.UzcardExpiry);
        confirmation.CardData.Phone.Should().Be(Cards.UzcardPhone);
        confirmation.CardData.Sms.Should().BeTrue();
        confirmation.CardData.Balance.Should().Be((await control.GetCardAsync(Cards.UzcardPan)).Balance);
    }

    [Fact]
    public async Task Otp_payment_with_save_debits_the_card_and_returns_a_token_that_pays_again()
    {
        var before = (await control.GetCardAsync(Cards.HumoPan)).Balance;

        var prepared = await client.PreparePaymentAsync(Order(100_000) with { CardNumber = Cards.HumoPan, CardExpire = Cards.HumoExpiry, PhoneNumber = Cards.HumoPhone, Save = true });
        var paid = await client.ConfirmPaymentAsync(prepared.BankTransactionId, await control.LatestCodeAsync(prepared.BankTransactionId));

        prepared.TimeOut.Should().Be(120);
        (await client.CheckPaymentAsync(prepared.BankTransactionId)).Should().Be(new PaymentCheck(prepared.BankTransactionId, PaymentStatuses.Completed, 100_000));
        paid.Details.BankTransactionId.Should().Be(prepared.BankTransactionId);
        paid.Details.Amount.Should().Be(100_000);
        paid.Details.MaskedCardNumber.Should().Be("986001******5678");
        paid.Details.ReferenceNumber.Should().MatchRegex("^[0-9]{12}$");
        paid.Card.Should().NotBeNull("the payment was prepared with save: true");

        var again = await client.PayWithTokenAsync(paid.Card!.Token, TokenOrder(paid.Card.Id, Cards.HumoPhone, 50_000));

        again.Details.TransactionId.Should().NotBe(paid.Details.TransactionId);
        (await client.CheckPaymentAsync(again.Details.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
        (await control.GetCardAsync(Cards.HumoPan)).Balance.Should().Be(before - 150_000);
    }

    [Fact]
    public async Task Token_payment_with_the_token_of_card_confirm_needs_no_code()
    {
        var (cardId, token) = await RegisteredCard();
        var before = (await control.GetCardAsync(Cards.UzcardPan)).Balance;
        var smsBefore = (await control.GetSmsAsync(Cards.UzcardPhone)).Count;

        var paid = await client.PayWithTokenAsync(token, TokenOrder(cardId, Cards.UzcardPhone, 25_000));

        paid.Card.Should().BeNull();
        paid.Details.Id.Should().Be(cardId, "the docs' pam.payment reports the card id as details.id");
        (await client.CheckPaymentAsync(paid.Details.BankTransactionId)).Status.Should().Be(PaymentStatuses.Completed);
        (await control.GetCardAsync(Cards.UzcardPan)).Balance.Should().Be(before - 25_000);
        (await control.GetSmsAsync(Cards.UzcardPhone)).Should().HaveCount(smsBefore, "a token payment sends no SMS");
    }

    [Fact]
    public async Task A_hold_accepted_debits_and_a_hold_cancelled_releases()
    {
        var before = (await control.GetCardAsync(Cards.UzcardPan)).Balance;
        var accepted = await HeldPayment(30_000);
        var cancelled = await HeldPayment(20_000);

        (await client.CheckPaymentAsync(accepted)).Status.Should().Be(PaymentStatuses.Held);
        (await control.GetCardAsync(Cards.UzcardPan)).Held.Should().Be(50_000);

        (await client.ConfirmHoldAsync(accepted, HoldDecision.Accept)).Status.Should().Be(PaymentStatuses.Completed);
        (await client.ConfirmHoldAsync(cancelled, HoldDecision.Cancel)).Status.Should().Be(PaymentStatuses.Cancelled);

        (await client.CheckPaymentAsync(accepted)).Status.Should().Be(PaymentStatuses.Completed);
        (await client.CheckPaymentAsync(cancelled)).Status.Should().Be(PaymentStatuses.Cancelled);
        var card = await control.GetCardAsync(Cards.UzcardPan);
        card.Held.Should().Be(0);
        card.Balance.Should().Be(before - 30_000);
    }

    [Fact]
    public async Task Reverse_cancels_a_payment_and_returns_the_money()
    {
        var before = (await control.GetCardAsync(Cards.UzcardPan)).Balance;
        var paid = await OtpPayment(70_000);

        var reversal = await client.ReverseAsync(paid.TransactionId);

        reversal.TransactionId.Should().Be(paid.TransactionId);
        reversal.RefNum.Should().MatchRegex("^[0-9]{12}$");
        (await client.CheckPaymentAsync(paid.BankTransactionId)).Status.Should().Be(PaymentStatuses.Cancelled);
        (await control.GetCardAsync(Cards.UzcardPan)).Balance.Should().Be(before);
    }

    [Fact]
    public async Task Payment_info_describes_the_payment_for_the_vendor()
    {
        var paid = await OtpPayment(45_000, product: "order-info-1");

        var info = await client.GetPaymentInfoAsync(paid.TransactionId);

        info.Should().Be(new PaymentInfo(paid.TransactionId, "order-info-1", paid.BankTransactionId, 45_000, 860, PaymentStatuses.Completed, paid.Date));
    }

    [Fact]
    public async Task Refunds_are_capped_at_the_amount_less_the_commission()
    {
        var before = (await control.GetCardAsync(Cards.UzcardPan)).Balance;
        var paid = await OtpPayment(100_000);

        var refund = await client.RefundAsync(new RefundRequest(paid.TransactionId, 40_000, "UZS"));
        var overCap = () => client.RefundAsync(new RefundRequest(paid.TransactionId, 60_000));

        refund.Should().Be(new Refund(paid.TransactionId, "order-1", paid.BankTransactionId, PaymentStatuses.Returned));
        var error = (await overCap.Should().ThrowAsync<PaySysException>()).Which;
        error.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed);
        error.Data!.Value.GetProperty("refundable").GetInt64().Should().Be(59_000, "1 % commission of 100 000 stays with the acquirer");
        error.MxId.Should().MatchRegex("^[0-9a-f]{32}$");
        (await client.GetPaymentInfoAsync(paid.TransactionId)).Status.Should().Be(PaymentStatuses.Returned);
        (await control.GetCardAsync(Cards.UzcardPan)).Balance.Should().Be(before - 60_000);
    }

    [Fact]
    public async Task Payment_cancel_works_once()
    {
        var before = (await control.GetCardAsync(Cards.UzcardPan)).Balance;
        var paid = await OtpPayment(80_000);

        var cancellation = await client.CancelPaymentAsync(paid.TransactionId);
        var again = () => client.CancelPaymentAsync(paid.TransactionId);

        cancellation.Should().Be(new PaymentCancellation(paid.TransactionId, paid.BankTransactionId, "order-1", PaymentStatuses.Cancelled));
        (await again.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed);
        (await control.GetCardAsync(Cards.UzcardPan)).Balance.Should().Be(before);
    }

    [Fact]
    public async Task Fiscal_cheque_links_to_a_receipt_page_the_sandbox_serves()
    {
        var paid = await OtpPayment(12_345);

        var cheque = await client.GetFiscalChequeAsync(paid.TransactionId);

        cheque.TransactionId.Should().Be(paid.TransactionId);
        Uri.TryCreate(cheque.Cheque, UriKind.Absolute, out var url).Should().BeTrue(cheque.Cheque);
        using var http = sandbox.CreateClient();
        using var page = await http.GetAsync(url!.PathAndQuery);
        page.IsSuccessStatusCode.Should().BeTrue();
        (await page.Content.ReadAsStringAsync()).Should().Contain("123.45");
    }

    [Fact]
    public async Task Invoice_create_returns_a_pay_link_and_the_amount_as_a_decimal()
    {
        var invoice = await client.CreateInvoiceAsync(new CreateInvoiceRequest
        {
            OrderId = "order-inv-1",
            VendorId = 104466,
            Currency = "UZS",
            Amount = 1000.22m,
            OrderNote = "Payment for tickets",
        });

        invoice.Amount.Should().Be(1000.22m);
        invoice.Status.Should().Be(0);
        invoice.PaymentId.Should().Be(CreateInvoiceRequest.PaySysPaymentId);
        invoice.OrderNote.Should().Be("Payment for tickets");
        invoice.Hash.Should().MatchRegex("^[0-9a-f]{32}$");
        invoice.PaymentUrl.Should().EndWith("/payform?hash=" + invoice.Hash);
        (await control.GetInvoicesAsync()).Should().ContainSingle()
            .Which.Should().Match<SandboxInvoice>(i => i.Id == invoice.Id && i.Amount == 1000.22m && i.AmountTiyin == 100_022);
    }

    [Fact]
    public async Task Pay_by_cash_is_pending_until_the_payout_delay_passes()
    {
        var payout = await client.PayByCashAsync(new VendorForm { Account = "79123456789", Currency = "USD", Amount = 12_000, VendorId = 101596 });

        payout.Details.MaskedCardNumber.Should().BeNull();
        payout.Details.BankTransactionId.Should().BeNull();
        payout.Details.ReferenceNumber.Should().BeNull();
        payout.Details.MerchantId.Should().BeNull();
        payout.Details.TerminalId.Should().BeNull();
        payout.Details.Amount.Should().Be(12_000);
        (await client.CheckPayoutAsync(payout.Details.TransactionId)).Status.Should().Be(PaymentStatuses.AwaitingConfirmation);

        var clock = await control.AdvanceClockAsync(30);

        var check = await client.CheckPayoutAsync(payout.Details.TransactionId);
        check.Should().Be(new PayoutCheck(null, 12_000, payout.Details.Date, PaymentStatuses.Completed));
        clock.OffsetSeconds.Should().Be(30);
        (await control.GetPayoutsAsync()).Should().ContainSingle().Which.Status.Should().Be(PaymentStatuses.Completed);
    }

    [Fact]
    public async Task Errors_arrive_as_typed_PaySysExceptions()
    {
        var prepared = await client.PreparePaymentAsync(Order(10_000) with { CardNumber = Cards.UzcardPan, CardExpire = Cards.UzcardExpiry });

        var wrongCode = () => client.ConfirmPaymentAsync(prepared.BankTransactionId, "000000");
        (await wrongCode.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.WrongCode);

        var paid = await client.ConfirmPaymentAsync(prepared.BankTransactionId, SandboxFactory.FixedOtp);
        var confirmTwice = () => client.ConfirmPaymentAsync(prepared.BankTransactionId, SandboxFactory.FixedOtp);
        (await confirmTwice.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed);

        await client.ReverseAsync(paid.Details.TransactionId);
        var reverseTwice = () => client.ReverseAsync(paid.Details.TransactionId);
        var cancelled = (await reverseTwice.Should().ThrowAsync<PaySysException>()).Which;
        cancelled.Code.Should().Be(PaySysErrorCodes.TransactionCancelled);
        cancelled.Method.Should().Be("transaction.reverse");
        cancelled.MxId.Should().MatchRegex("^[0-9a-f]{32}$");

        var missing = () => client.RefundAsync(new RefundRequest(paid.Details.TransactionId, 0));
        var invalid = (await missing.Should().ThrowAsync<PaySysException>()).Which;
        invalid.Code.Should().Be(PaySysErrorCodes.MissingParameters);
        invalid.Param.Should().Be("amount");
    }

    [Fact]
    public async Task Seconds_timestamps_are_accepted_by_the_sandbox()
    {
        var secondsClient = sandbox.CreatePaySysClient(PaySysTimestampUnit.Seconds);

        var registration = await secondsClient.RegisterCardAsync(new RegisterCardRequest(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));

        registration.Id.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_insufficient_privileges()
    {
        var wrong = new PaySysClient(sandbox.CreateClient(), new PaySysClientOptions
        {
            ServiceId = SandboxFactory.ServiceId,
            SecretKey = "not-the-secret",
            TimeProvider = sandbox.RealClock,
        });

        var act = () => wrong.CheckPaymentAsync(1);

        (await act.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.InsufficientPrivileges);
    }

    private static PreparePaymentRequest Order(long amount, string product = "order-1") => new()
    {
        PhoneNumber = Cards.UzcardPhone,
        Amount = amount,
        VendorId = Cards.VendorId,
        Product = product,
    };

    private static TokenPaymentRequest TokenOrder(string cardId, string phone, long amount) => new()
    {
        CardId = cardId,
        PhoneNumber = phone,
        Amount = amount,
        VendorId = Cards.VendorId,
        Product = "order-token",
    };

    private async Task<(string CardId, string Token)> RegisteredCard()
    {
        var registration = await client.RegisterCardAsync(new RegisterCardRequest(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone));
        var confirmation = await client.ConfirmCardAsync(registration.Id, await control.LatestCodeAsync(registration.Id));
        return (registration.Id, confirmation.CardToken!);
    }

    private async Task<PaymentDetails> OtpPayment(long amount, string product = "order-1")
    {
        var prepared = await client.PreparePaymentAsync(Order(amount, product) with { CardNumber = Cards.UzcardPan, CardExpire = Cards.UzcardExpiry });
        var paid = await client.ConfirmPaymentAsync(prepared.BankTransactionId, await control.LatestCodeAsync(prepared.BankTransactionId));
        return paid.Details;
    }

    private async Task<long> HeldPayment(long amount)
    {
        var prepared = await client.PreparePaymentAsync(Order(amount) with { CardNumber = Cards.UzcardPan, CardExpire = Cards.UzcardExpiry, Hold = true });
        var held = await client.ConfirmPaymentAsync(prepared.BankTransactionId, await control.LatestCodeAsync(prepared.BankTransactionId));
        held.Details.BankTransactionId.Should().Be(prepared.BankTransactionId);
        return prepared.BankTransactionId;
    }
}
