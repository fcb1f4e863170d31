namespace PaySys.Sandbox.Contracts;

/// <summary>
/// Named handles on contracts/errors.json, the reasons a call is refused. The codes and base messages live only in
/// that file; the domain refuses with these (<see cref="Domain.Refusal"/>), the gateway answers with their codes.
/// </summary>
public static class Reasons
{
    private static ErrorCatalogue Catalogue => ErrorCatalogue.Embedded;

    public static ErrorDefinition ParseError { get; } = Catalogue["parse_error"];
    public static ErrorDefinition InvalidRequest { get; } = Catalogue["invalid_request"];
    public static ErrorDefinition MethodNotFound { get; } = Catalogue["method_not_found"];
    public static ErrorDefinition MissingParameters { get; } = Catalogue["missing_parameters"];
    public static ErrorDefinition CardNotRegistered { get; } = Catalogue["card_not_registered"];
    public static ErrorDefinition CardInfoFailed { get; } = Catalogue["card_info_failed"];
    public static ErrorDefinition InvalidPhone { get; } = Catalogue["invalid_phone"];
    public static ErrorDefinition InvalidCardNumber { get; } = Catalogue["invalid_card_number"];
    public static ErrorDefinition InvalidCardExpiry { get; } = Catalogue["invalid_card_expiry"];
    public static ErrorDefinition CardRegistrationFailed { get; } = Catalogue["card_registration_failed"];
    public static ErrorDefinition TokenGenerationFailed { get; } = Catalogue["token_generation_failed"];
    public static ErrorDefinition WrongCode { get; } = Catalogue["wrong_code"];
    public static ErrorDefinition InsufficientFunds { get; } = Catalogue["insufficient_funds"];
    public static ErrorDefinition CardBlocked { get; } = Catalogue["card_blocked"];
    public static ErrorDefinition SmsNotEnabled { get; } = Catalogue["sms_not_enabled"];
    public static ErrorDefinition TransactionNotAllowed { get; } = Catalogue["transaction_not_allowed"];
    public static ErrorDefinition TransactionCancelled { get; } = Catalogue["transaction_cancelled"];
    public static ErrorDefinition TransactionNotFound { get; } = Catalogue["transaction_not_found"];
    public static ErrorDefinition ServiceBlocked { get; } = Catalogue["service_blocked"];
    public static ErrorDefinition VendorInfoFailed { get; } = Catalogue["vendor_info_failed"];
    public static ErrorDefinition OrderNotFound { get; } = Catalogue["order_not_found"];
    public static ErrorDefinition ProcessingUnavailable { get; } = Catalogue["processing_unavailable"];
    public static ErrorDefinition VendorBlocked { get; } = Catalogue["vendor_blocked"];
    public static ErrorDefinition StaleRequest { get; } = Catalogue["stale_request"];
    public static ErrorDefinition InternalError { get; } = Catalogue["internal_error"];
    public static ErrorDefinition InsufficientPrivileges { get; } = Catalogue["insufficient_privileges"];
}
