using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PaySys.Contracts.Generator;

/// <summary>
/// Emits the C# face of the catalogues under contracts/ that a project passes as AdditionalFiles. The client
/// (<c>PaySysContractsSide=client</c>) gets PaySysErrorCodes, MagicCards, SandboxFaultKinds and PaySysMethods; the server
/// (<c>server</c>) gets the FaultKind enum and its wire names. A catalogue that cannot be read fails the build.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CatalogueGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor Unreadable = new(
        "PSC001", "Unreadable catalogue", "{0}: {1}", "PaySys.Contracts", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly string[] Catalogues = ["errors.json", "cards.json", "faults.json", "openrpc.json"];

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var side = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.PaySysContractsSide", out var value) ? value.Trim().ToLowerInvariant() : "");

        var files = context.AdditionalTextsProvider
            .Where(static file => Catalogues.Contains(Path.GetFileName(file.Path), StringComparer.Ordinal))
            .Select(static (file, token) => (Name: Path.GetFileName(file.Path), Path: file.Path, Text: file.GetText(token)?.ToString() ?? ""));

        context.RegisterSourceOutput(files.Combine(side), static (output, input) =>
        {
            var ((name, path, text), side) = input;
            try
            {
                foreach (var (hint, source) in Emit(name, side, CatalogueJson.Parse(text)))
                {
                    output.AddSource(hint, source);
                }
            }
            catch (CatalogueJsonException e)
            {
                output.ReportDiagnostic(Diagnostic.Create(Unreadable, Location.None, path, e.Message));
            }
        });
    }

    private static IEnumerable<(string Hint, string Source)> Emit(string file, string side, object? document) => (file, side) switch
    {
        ("errors.json", "client") => [("PaySysErrorCodes.g.cs", ClientSources.ErrorCodes(Entries(document, "errors")))],
        ("cards.json", "client") => [("MagicCards.g.cs", ClientSources.MagicCards(Entries(document, "cards")))],
        ("faults.json", "client") => [("SandboxFaultKinds.g.cs", ClientSources.FaultKinds(Entries(document, "kinds")))],
        ("openrpc.json", "client") => [("PaySysMethods.g.cs", ClientSources.Methods(Entries(document, "methods")))],
        ("faults.json", "server") => [("FaultKind.g.cs", ServerSources.FaultKinds(Entries(document, "kinds")))],
        _ => [],
    };

    /// <summary>The objects of the document's array <paramref name="member"/>.</summary>
    private static List<CatalogueEntry> Entries(object? document, string member) =>
        Member(document, member) is List<object?> items
            ? items.Select(item => item is List<KeyValuePair<string, object?>> members
                ? new CatalogueEntry(members)
                : throw new CatalogueJsonException($"every item of \"{member}\" must be an object")).ToList()
            : throw new CatalogueJsonException($"the document needs an array \"{member}\"");

    private static object? Member(object? value, string name) =>
        value is List<KeyValuePair<string, object?>> members ? members.FirstOrDefault(m => m.Key == name).Value : null;
}

/// <summary>One object of a catalogue; a missing or mistyped member is an error, not a default.</summary>
internal sealed class CatalogueEntry(List<KeyValuePair<string, object?>> members)
{
    public string Text(string name) =>
        members.FirstOrDefault(m => m.Key == name).Value as string
            ?? throw new CatalogueJsonException($"an entry has no string \"{name}\"");

    public long Number(string name) =>
        members.FirstOrDefault(m => m.Key == name).Value is long number
            ? number
            : throw new CatalogueJsonException($"an entry has no whole number \"{name}\"");
}
