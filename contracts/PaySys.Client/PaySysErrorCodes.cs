namespace PaySys.Client;

/// <summary>
/// The gateway's error codes (<see cref="PaySysException.Code"/>), named after <c>contracts/errors.json</c>:
/// <c>wrong_code</c> is <see cref="WrongCode"/>. A test keeps the two equal, names and codes.
/// </summary>
public static class PaySysErrorCodes
{
    /// <summary>Parse error: the body is not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>Invalid JSON-RPC request.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>Method not found.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Missing or invalid parameters.</summary>
    public const int MissingParameters = -32300;

    /// <summary>Card is not registered.</summary>
    public const int CardNotRegistered = -32301;

    /// <summary>Failed to get card info.</summary>
    public const int CardInfoFailed = -32302;

    /// <summary>Invalid phone number format: expected 12 digits starting with 998.</summary>
    public const int InvalidPhone = -32303;

    /// <summary>Invalid card number format: expected 16 digits.</summary>
    public const int InvalidCardNumber = -32304;

    /// <summary>Invalid card expiry: expected the card's expiry as YYMM.</summary>
    public const int InvalidCardExpiry = -32305;

    /// <summary>Failed to register card.</summary>
    public const int CardRegistrationFailed = -32306;

    /// <summary>Failed to generate card token.</summary>
    public const int TokenGenerationFailed = -32307;

    /// <summary>Wrong confirmation code or the code has expired.</summary>
    public const int WrongCode = -32308;

    /// <summary>Insufficient funds on the card.</summary>
    public const int InsufficientFunds = -32309;

    /// <summary>Card is blocked or temporarily unserviceable.</summary>
    public const int CardBlocked = -32310;

    /// <summary>SMS-informing is not enabled for this card and phone.</summary>
    public const int SmsNotEnabled = -32311;

    /// <summary>Transaction is already completed or the operation is not allowed in its state.</summary>
    public const int TransactionNotAllowed = -32312;

    /// <summary>Transaction is cancelled.</summary>
    public const int TransactionCancelled = -32313;

    /// <summary>Transaction not found.</summary>
    public const int TransactionNotFound = -32314;

    /// <summary>Service is blocked.</summary>
    public const int ServiceBlocked = -32315;

    /// <summary>Failed to get vendor info.</summary>
    public const int VendorInfoFailed = -32316;

    /// <summary>User or order not found.</summary>
    public const int OrderNotFound = -32317;

    /// <summary>Processing centre is unavailable, try again later.</summary>
    public const int ProcessingUnavailable = -32318;

    /// <summary>Vendor is blocked.</summary>
    public const int VendorBlocked = -32319;

    /// <summary>Stale request: the Auth timestamp is outdated.</summary>
    public const int StaleRequest = -32320;

    /// <summary>Internal error.</summary>
    public const int InternalError = -32400;

    /// <summary>Insufficient privileges: check the Auth header.</summary>
    public const int InsufficientPrivileges = -32504;
}
