using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PaySys.Sandbox.Contracts;

/// <summary>Reads the catalogues under contracts/ that the build embeds into the server.</summary>
public static class EmbeddedContracts
{
    public const string ErrorsResource = "contracts/errors.json";
    public const string CardsResource = "contracts/cards.json";
    public const string AccountsResource = "contracts/accounts.json";

    public static T Read<T>(string resourceName, JsonTypeInfo<T> typeInfo)
    {
        using var stream = typeof(EmbeddedContracts).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded contract '{resourceName}' is missing from the build.");
        return JsonSerializer.Deserialize(stream, typeInfo)
            ?? throw new InvalidOperationException($"Embedded contract '{resourceName}' is empty.");
    }
}
