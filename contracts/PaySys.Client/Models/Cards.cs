using System.Text.Json.Serialization;

namespace PaySys.Client;

/// <summary>Params of <c>paysys.card_registration</c>. Without <see cref="PhoneNumber"/> the card is confirmed without a token.</summary>
public sealed record RegisterCardRequest(
    [property: JsonPropertyName("card_number")] string CardNumber,
    [property: JsonPropertyName("card_expire")] string CardExpire,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber);

/// <summary>Result of <c>paysys.card_registration</c>: the card id and where the SMS code went.</summary>
public sealed record CardRegistration(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("masked_phone_number")] string MaskedPhoneNumber,
    [property: JsonPropertyName("time_out")] int TimeOut);

/// <summary>Params of <c>paysys.card_confirm</c>.</summary>
public sealed record ConfirmCardRequest(
    [property: JsonPropertyName("card_id")] string CardId,
    [property: JsonPropertyName("confirmation_code")] string ConfirmationCode);

/// <summary>
/// Result of <c>paysys.card_confirm</c>. <see cref="CardToken"/> is null when the registration sent no phone
/// number or not the card's phone.
/// </summary>
public sealed record CardConfirmation(
    [property: JsonPropertyName("card_token")] string? CardToken,
    [property: JsonPropertyName("card_data")] CardData CardData);

/// <summary>result.card_data of <c>paysys.card_confirm</c>; <see cref="Balance"/> is in tiyin.</summary>
public sealed record CardData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("pan")] string Pan,
    [property: JsonPropertyName("expiry")] string Expiry,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("fullName")] string FullName,
    [property: JsonPropertyName("balance")] long Balance,
    [property: JsonPropertyName("sms")] bool Sms);
