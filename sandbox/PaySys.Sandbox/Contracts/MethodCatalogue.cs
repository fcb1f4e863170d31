using System.Collections.Frozen;

namespace PaySys.Sandbox.Contracts;

/// <summary>
/// The gateway's methods as contracts/openrpc.json names them, read once from the embedded document: what the
/// control API lists and checks method names against, without asking the RPC dispatcher. A server test keeps the
/// dispatcher serving exactly these.
/// </summary>
public static class MethodCatalogue
{
    /// <summary>The method names in the document's order.</summary>
    public static IReadOnlyList<string> Names { get; } = Read();

    private static readonly FrozenSet<string> NameSet = Names.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string name) => NameSet.Contains(name);

    private static string[] Read()
    {
        using var document = EmbeddedContracts.ReadDocument(EmbeddedContracts.OpenRpcResource);
        return [.. document.RootElement.GetProperty("methods").EnumerateArray()
            .Select(method => method.GetProperty("name").GetString()
                ?? throw new InvalidOperationException("contracts/openrpc.json has a method without a name."))];
    }
}
