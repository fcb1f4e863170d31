using System.Text.Json;
using System.Text.Json.Serialization;
using PaySys.Client.Sandbox;

namespace PaySys.Client.Json;

/// <summary>
/// Every type the client reads or writes. Integers and decimals are read from numbers or numeric strings
/// everywhere (the docs use both); unset optional request members are omitted, never sent as null.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(FlexibleInt64Converter), typeof(FlexibleInt32Converter), typeof(FlexibleDecimalConverter)])]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(RegisterCardRequest))]
[JsonSerializable(typeof(CardRegistration))]
[JsonSerializable(typeof(ConfirmCardRequest))]
[JsonSerializable(typeof(CardConfirmation))]
[JsonSerializable(typeof(PreparePaymentRequest))]
[JsonSerializable(typeof(PreparedPayment))]
[JsonSerializable(typeof(ConfirmPaymentRequest))]
[JsonSerializable(typeof(PaymentResult))]
[JsonSerializable(typeof(ConfirmHoldRequest))]
[JsonSerializable(typeof(HoldConfirmation))]
[JsonSerializable(typeof(CheckPaymentRequest))]
[JsonSerializable(typeof(PaymentCheck))]
[JsonSerializable(typeof(CheckPayoutRequest))]
[JsonSerializable(typeof(PayoutCheck))]
[JsonSerializable(typeof(TokenPaymentRequest))]
[JsonSerializable(typeof(ReverseRequest))]
[JsonSerializable(typeof(Reversal))]
[JsonSerializable(typeof(PaymentInfoRequest))]
[JsonSerializable(typeof(PaymentInfo))]
[JsonSerializable(typeof(CancelPaymentRequest))]
[JsonSerializable(typeof(PaymentCancellation))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(Refund))]
[JsonSerializable(typeof(FiscalChequeRequest))]
[JsonSerializable(typeof(FiscalCheque))]
[JsonSerializable(typeof(CreateInvoiceRequest))]
[JsonSerializable(typeof(Invoice))]
[JsonSerializable(typeof(PayByCashRequest))]
[JsonSerializable(typeof(Payout))]
[JsonSerializable(typeof(SandboxClock))]
[JsonSerializable(typeof(SandboxClockChange))]
[JsonSerializable(typeof(SandboxSmsList))]
[JsonSerializable(typeof(SandboxCardList))]
[JsonSerializable(typeof(SandboxCard))]
[JsonSerializable(typeof(SandboxCardSpec))]
[JsonSerializable(typeof(SandboxTransactionList))]
[JsonSerializable(typeof(SandboxInvoiceList))]
[JsonSerializable(typeof(SandboxPayoutList))]
[JsonSerializable(typeof(SandboxJournal))]
[JsonSerializable(typeof(SandboxService))]
[JsonSerializable(typeof(SandboxBlockChange))]
[JsonSerializable(typeof(SandboxHealth))]
[JsonSerializable(typeof(SandboxReset))]
[JsonSerializable(typeof(SandboxTransportError))]
[JsonSerializable(typeof(SandboxFaultSpec))]
[JsonSerializable(typeof(SandboxFaultCreated))]
[JsonSerializable(typeof(SandboxFaultList))]
internal sealed partial class PaySysJsonContext : JsonSerializerContext;
