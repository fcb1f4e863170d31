using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Control;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Rpc.Methods;

namespace PaySys.Sandbox.Json;

/// <summary>Every type the server reads or writes as JSON; wire names are given on the types themselves.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ErrorCatalogueDocument))]
[JsonSerializable(typeof(CardCatalogueDocument))]
[JsonSerializable(typeof(CardSpec))]
[JsonSerializable(typeof(TransportError))]
[JsonSerializable(typeof(PaysysCardRegistration.Result), TypeInfoPropertyName = "PaysysCardRegistrationResult")]
[JsonSerializable(typeof(PaysysCardConfirm.Result), TypeInfoPropertyName = "PaysysCardConfirmResult")]
[JsonSerializable(typeof(PamPreparePayment.Result), TypeInfoPropertyName = "PamPreparePaymentResult")]
[JsonSerializable(typeof(PamConfirmPayment.Result), TypeInfoPropertyName = "PamConfirmPaymentResult")]
[JsonSerializable(typeof(HoldConfirm.Result), TypeInfoPropertyName = "HoldConfirmResult")]
[JsonSerializable(typeof(PamCheckPayment.Result), TypeInfoPropertyName = "PamCheckPaymentResult")]
[JsonSerializable(typeof(PamPayment.Result), TypeInfoPropertyName = "PamPaymentResult")]
[JsonSerializable(typeof(TransactionReverse.Result), TypeInfoPropertyName = "TransactionReverseResult")]
[JsonSerializable(typeof(PaysysPaymentInfo.Result), TypeInfoPropertyName = "PaysysPaymentInfoResult")]
[JsonSerializable(typeof(PaysysPaymentCancel.Result), TypeInfoPropertyName = "PaysysPaymentCancelResult")]
[JsonSerializable(typeof(PaysysPaymentAdjustments.Result), TypeInfoPropertyName = "PaysysPaymentAdjustmentsResult")]
[JsonSerializable(typeof(PaysysGetFiscalCheque.Result), TypeInfoPropertyName = "PaysysGetFiscalChequeResult")]
[JsonSerializable(typeof(PaysysInvoiceCreate.Result), TypeInfoPropertyName = "PaysysInvoiceCreateResult")]
[JsonSerializable(typeof(PamPayByCash.Result), TypeInfoPropertyName = "PamPayByCashResult")]
[JsonSerializable(typeof(AccountCatalogueDocument))]
[JsonSerializable(typeof(InvoiceList))]
[JsonSerializable(typeof(PayoutList))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultCreated))]
[JsonSerializable(typeof(FaultList))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(ClockView))]
[JsonSerializable(typeof(ClockChange))]
[JsonSerializable(typeof(FidelityView))]
[JsonSerializable(typeof(FidelityChange))]
[JsonSerializable(typeof(SmsList))]
[JsonSerializable(typeof(ResetView))]
[JsonSerializable(typeof(CardList))]
[JsonSerializable(typeof(TransactionList))]
[JsonSerializable(typeof(JournalList))]
[JsonSerializable(typeof(BlockChange))]
[JsonSerializable(typeof(ServiceView))]
[JsonSerializable(typeof(CallbackSettingsChange))]
[JsonSerializable(typeof(CallbackSettingsView))]
[JsonSerializable(typeof(CallbackDeliveryList))]
[JsonSerializable(typeof(CallbackDeliveryView))]
[JsonSerializable(typeof(CallbackFaultRequest))]
[JsonSerializable(typeof(CallbackFaultView))]
[JsonSerializable(typeof(CallbackFaultList))]
[JsonSerializable(typeof(InvoiceSimulationRequest))]
[JsonSerializable(typeof(InvoiceView))]
public sealed partial class SandboxJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes "+" and "'" as themselves, like the docs' examples ("+99890*****50"). The sandbox only ever
    /// answers JSON bodies, never HTML, so the stricter default escaping buys nothing.
    /// </summary>
    public static SandboxJsonContext Relaxed { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
