using System.Text.Json.Serialization;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Contracts;

/// <summary>One magic e-wallet account of contracts/accounts.json; any other account pays out normally.</summary>
public sealed record AccountSpec(
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("behaviour")] string Behaviour,
    [property: JsonPropertyName("description")] string? Description = null);

public sealed record AccountCatalogueDocument(
    [property: JsonPropertyName("accounts")] IReadOnlyList<AccountSpec> Accounts);

public static class AccountCatalogue
{
    public static IReadOnlyList<AccountSpec> Embedded { get; } =
        EmbeddedContracts.Read(EmbeddedContracts.AccountsResource, SandboxJsonContext.Default.AccountCatalogueDocument).Accounts;
}
