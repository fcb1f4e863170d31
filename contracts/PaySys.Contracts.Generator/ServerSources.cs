using System.Collections.Generic;
using System.Linq;

namespace PaySys.Contracts.Generator;

/// <summary>The server's catalogue types.</summary>
internal static class ServerSources
{
    public static string FaultKinds(IReadOnlyList<CatalogueEntry> kinds)
    {
        var source = Code.Header("PaySys.Sandbox.Domain")
            .AppendLine("/// <summary>The kinds of fault rule (SPEC §9–10), from <c>contracts/faults.json</c>.</summary>")
            .AppendLine("public enum FaultKind")
            .AppendLine("{");
        foreach (var kind in kinds)
        {
            source.AppendLine($"    /// <summary>{Code.Doc(kind.Text("description"))}.</summary>")
                .AppendLine($"    {Code.Pascal(kind.Text("name"))},")
                .AppendLine();
        }

        Code.Close(source);
        source.AppendLine()
            .AppendLine("/// <summary>The wire names of <see cref=\"FaultKind\"/>, as <c>contracts/faults.json</c> spells them.</summary>")
            .AppendLine("public static class FaultKindNames")
            .AppendLine("{")
            .AppendLine("    /// <summary>Every name, in the catalogue's order.</summary>")
            .AppendLine($"    public static global::System.Collections.Generic.IReadOnlyList<string> All {{ get; }} = [{string.Join(", ", kinds.Select(k => Code.Literal(k.Text("name"))))}];")
            .AppendLine()
            .AppendLine("    public static string Of(FaultKind kind) => kind switch")
            .AppendLine("    {");
        foreach (var kind in kinds)
        {
            source.AppendLine($"        FaultKind.{Code.Pascal(kind.Text("name"))} => {Code.Literal(kind.Text("name"))},");
        }

        source.AppendLine("        _ => throw new global::System.ArgumentOutOfRangeException(nameof(kind), kind, null),")
            .AppendLine("    };")
            .AppendLine()
            .AppendLine("    public static bool TryParse(string? name, out FaultKind kind)")
            .AppendLine("    {")
            .AppendLine("        switch (name)")
            .AppendLine("        {");
        foreach (var kind in kinds)
        {
            source.AppendLine($"            case {Code.Literal(kind.Text("name"))}:")
                .AppendLine($"                kind = FaultKind.{Code.Pascal(kind.Text("name"))};")
                .AppendLine("                return true;");
        }

        source.AppendLine("            default:")
            .AppendLine("                kind = default;")
            .AppendLine("                return false;")
            .AppendLine("        }")
            .AppendLine("    }");
        return Code.Close(source);
    }
}
