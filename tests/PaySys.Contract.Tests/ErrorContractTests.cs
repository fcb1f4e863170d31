using System.Text.Json;
using PaySys.Client;
using PaySys.Contract.Tests.Infrastructure;

namespace PaySys.Contract.Tests;

/// <summary>
/// The documented error codes for common misuse. Each error response is validated by the pipeline against
/// envelope.response.json and error.json, and its code must be one openrpc.json declares for the method; the
/// tests check the code (and data.param where the sandbox promises one).
/// </summary>
[Collection(ContractTargetGroup.Name)]
public sealed class ErrorContractTests(ContractTargetFixture fixture) : IDisposable
{
    /// <summary>No gateway hands out this id: the sandbox's ids have 8 and 9 digits, and it is far beyond any real one.</summary>
    private const long UnknownId = 999_999_999_999;

    private readonly ContractTarget target = fixture.Target;
    private readonly Journeys journeys = new(fixture.Target);
    private readonly ContractScope scope = fixture.Target.Monitor.BeginScope();

    public void Dispose() => scope.Dispose();

    [Theory]
    [InlineData("paysys.payment_info", """{}""", "transaction_id")]
    [InlineData("transaction.reverse", """{}""", "transaction_id")]
    [InlineData("paysys.card_confirm", """{"card_id":"6A0A002A1289688F2CDA1F1C0686359C16"}""", "confirmation_code")]
    [InlineData("paysys.invoice_create", """{"vendor_id":100381,"payment_id":-1,"currency":"UZS","amount":10.5}""", "order_id")]
    public async Task A_missing_param_is_32300_naming_it_in_data_param(string method, string parameters, string param)
    {
        var call = () => target.Client.CallAsync(method, Json(parameters));

        var error = (await call.Should().ThrowAsync<PaySysException>()).Which;
        error.Code.Should().Be(PaySysErrorCodes.MissingParameters);
        if (target.IsSandbox)
        {
            // data.param is the sandbox's addition (SPEC §3, a sandbox choice); PaySys need not send it.
            error.Param.Should().Be(param);
        }

        LastChecked().Should().Be(new CheckedResponse(method, PaySysErrorCodes.MissingParameters, Valid: true));
    }

    [Fact]
    public async Task A_param_of_the_wrong_type_is_32300_naming_it()
    {
        var call = () => target.Client.CallAsync("paysys.payment_info", Json("""{"transaction_id":{"id":1}}"""));

        var error = (await call.Should().ThrowAsync<PaySysException>()).Which;
        error.Code.Should().Be(PaySysErrorCodes.MissingParameters);
        if (target.IsSandbox)
        {
            error.Param.Should().Be("transaction_id");
        }
    }

    [Fact]
    public async Task A_wrong_code_is_32308()
    {
        var prepared = await target.Client.PreparePaymentAsync(journeys.Order(7_000));
        var wrongCode = target.Otp is null ? "000000" : NotThe(await target.CodeAsync(prepared.BankTransactionId));

        var confirm = () => target.Client.ConfirmPaymentAsync(prepared.BankTransactionId, wrongCode);

        (await confirm.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.WrongCode);
        LastChecked().Should().Be(new CheckedResponse("pam.confirm_payment", PaySysErrorCodes.WrongCode, Valid: true));
    }

    [OtpFact]
    public async Task Confirming_a_payment_twice_is_32312()
    {
        var prepared = await target.Client.PreparePaymentAsync(journeys.Order(8_000));
        var code = await target.CodeAsync(prepared.BankTransactionId);
        await target.Client.ConfirmPaymentAsync(prepared.BankTransactionId, code);

        var again = () => target.Client.ConfirmPaymentAsync(prepared.BankTransactionId, code);

        (await again.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed);
    }

    [OtpFact]
    public async Task Reversing_a_payment_twice_is_32313()
    {
        var paid = await journeys.PaidAsync(9_000);
        await target.Client.ReverseAsync(paid.TransactionId);

        var again = () => target.Client.ReverseAsync(paid.TransactionId);

        (await again.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionCancelled);
        LastChecked().Should().Be(new CheckedResponse("transaction.reverse", PaySysErrorCodes.TransactionCancelled, Valid: true));
    }

    [Fact]
    public async Task Three_wrong_codes_burn_the_payment_to_status_minus_1()
    {
        var prepared = await target.Client.PreparePaymentAsync(journeys.Order(6_000));
        var wrongCode = target.Otp is null ? "000000" : NotThe(await target.CodeAsync(prepared.BankTransactionId));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var confirm = () => target.Client.ConfirmPaymentAsync(prepared.BankTransactionId, wrongCode);
            (await confirm.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.WrongCode, "attempt {0}", attempt);
        }

        (await target.Client.CheckPaymentAsync(prepared.BankTransactionId)).Status.Should().Be(PaymentStatuses.Error);
    }

    [SandboxFact]
    public async Task A_code_past_its_time_out_is_32308()
    {
        var prepared = await target.Client.PreparePaymentAsync(journeys.Order(4_000));
        var code = await target.CodeAsync(prepared.BankTransactionId);

        await target.SandboxControl.AdvanceClockAsync(prepared.TimeOut);
        var late = () => target.Client.ConfirmPaymentAsync(prepared.BankTransactionId, code);

        (await late.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.WrongCode);
    }

    [OtpFact]
    public async Task Accepting_a_hold_on_a_payment_that_is_not_held_is_32312()
    {
        var paid = await journeys.PaidAsync(3_000);

        var accept = () => target.Client.ConfirmHoldAsync(paid.BankTransactionId, HoldDecision.Accept);

        (await accept.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed);
        LastChecked().Should().Be(new CheckedResponse("hold.confirm", PaySysErrorCodes.TransactionNotAllowed, Valid: true));
    }

    [OtpFact]
    public async Task A_refund_over_the_cap_is_32312_and_the_fiscal_cheque_of_a_cancelled_payment_32313()
    {
        var paid = await journeys.PaidAsync(50_000);

        var overCap = () => target.Client.RefundAsync(new RefundRequest(paid.TransactionId, 50_001));
        (await overCap.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotAllowed,
            "a refund of more than the payment is over the cap whatever the commission");

        await target.Client.CancelPaymentAsync(paid.TransactionId);
        var cheque = () => target.Client.GetFiscalChequeAsync(paid.TransactionId);
        (await cheque.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionCancelled);
    }

    [Theory]
    [InlineData("pam.check_payment", "bank_transaction_id")]
    [InlineData("paysys.payment_info", "transaction_id")]
    [InlineData("transaction.reverse", "transaction_id")]
    public async Task An_unknown_id_is_32314(string method, string param)
    {
        var call = () => target.Client.CallAsync(method, Json($$"""{"{{param}}":{{UnknownId}}}"""));

        (await call.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotFound);
        LastChecked().Should().Be(new CheckedResponse(method, PaySysErrorCodes.TransactionNotFound, Valid: true));
    }

    [Fact]
    public async Task A_wrong_secret_is_32504()
    {
        var wrong = target.CreateClient(target.Settings.ServiceId, target.Settings.SecretKey + "-wrong");

        var call = () => wrong.CheckPaymentAsync(UnknownId);

        (await call.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.InsufficientPrivileges);
    }

    [Fact]
    public async Task A_call_without_Auth_is_32504_with_its_id_echoed()
    {
        var response = await target.PostAsync("""{"id":"no-auth","method":"pam.check_payment","params":{"bank_transaction_id":1}}""", withAuth: false);

        response.GetProperty("id").GetString().Should().Be("no-auth");
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(PaySysErrorCodes.InsufficientPrivileges);
        response.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [OtpFact]
    public async Task A_token_payment_without_Card_Token_is_32300_and_with_another_token_32301()
    {
        var (cardId, token) = await journeys.RegisteredCardAsync();
        var order = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["card_id"] = cardId,
            ["phone_number"] = target.Card.Phone,
            ["amount"] = 1_000,
            ["vendor_id"] = target.VendorId,
            ["product"] = Journeys.NewProduct(),
        });

        var withoutToken = () => target.Client.CallAsync("pam.payment", order);
        var otherToken = () => target.Client.CallAsync("pam.payment", order, [new(PaySysClient.CardTokenHeader, new string('0', token.Length))]);

        (await withoutToken.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.MissingParameters);
        (await otherToken.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.CardNotRegistered);
    }

    [Fact]
    public async Task A_vendor_the_merchant_does_not_own_is_32316()
    {
        var call = () => target.Client.PreparePaymentAsync(journeys.Order(1_000) with { VendorId = 999_999_999 });

        (await call.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.VendorInfoFailed);
    }

    [SandboxFact]
    public async Task The_insufficient_funds_magic_card_is_32309()
    {
        var call = () => target.Client.PreparePaymentAsync(journeys.Order(100_000) with
        {
            CardNumber = "8600000000000001",
            CardExpire = "3012",
            PhoneNumber = "998900000001",
        });

        (await call.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.InsufficientFunds);
        LastChecked().Should().Be(new CheckedResponse("pam.prepare_payment", PaySysErrorCodes.InsufficientFunds, Valid: true));
    }

    [SandboxFact]
    public async Task An_injected_internal_error_is_a_valid_32400_error()
    {
        var rule = await target.Faults.AddErrorAsync("paysys.payment_info", PaySysErrorCodes.InternalError);
        try
        {
            var call = () => target.Client.GetPaymentInfoAsync(UnknownId);

            var error = (await call.Should().ThrowAsync<PaySysException>()).Which;
            error.Code.Should().Be(PaySysErrorCodes.InternalError);
            error.MxId.Should().MatchRegex("^[0-9a-f]{32}$");
        }
        finally
        {
            await target.Faults.RemoveAsync(rule);
        }
    }

    private CheckedResponse LastChecked() => scope.Responses[^1];

    /// <summary>A code of the same shape that is certainly not <paramref name="code"/>.</summary>
    private static string NotThe(string code) => code[..^1] + (code[^1] == '0' ? '1' : '0');

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
