using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Contracts;

/// <summary>One magic test card of contracts/cards.json (and of GET/POST /_sandbox/cards).</summary>
public sealed record CardSpec(
    [property: JsonPropertyName("pan")] string Pan,
    [property: JsonPropertyName("expiry")] string Expiry,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("holder")] string Holder,
    [property: JsonPropertyName("balance")] long Balance,
    [property: JsonPropertyName("behaviour")] string Behaviour,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("card_status")] int? CardStatus = null);

public sealed record CardCatalogueDocument(
    [property: JsonPropertyName("cards")] IReadOnlyList<CardSpec> Cards);

/// <summary>The magic cards every tenant starts with, loaded once from the embedded contracts/cards.json.</summary>
public static class CardCatalogue
{
    public static IReadOnlyList<CardSpec> Embedded { get; } =
        EmbeddedContracts.Read(EmbeddedContracts.CardsResource, SandboxJsonContext.Default.CardCatalogueDocument).Cards;
}
