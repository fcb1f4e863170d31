using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PaySys.Contracts.Generator;

/// <summary>The client's catalogue types: public API of PaySys.Client, so names and XML docs are kept stable.</summary>
internal static class ClientSources
{
    public static string ErrorCodes(IReadOnlyList<CatalogueEntry> errors)
    {
        var source = Code.Header("PaySys.Client")
            .AppendLine("/// <summary>")
            .AppendLine("/// The gateway's error codes (<see cref=\"PaySysException.Code\"/>), generated at build time from <c>contracts/errors.json</c>:")
            .AppendLine("/// <c>wrong_code</c> is <see cref=\"WrongCode\"/>.")
            .AppendLine("/// </summary>")
            .AppendLine("public static class PaySysErrorCodes")
            .AppendLine("{");
        foreach (var error in errors)
        {
            source.AppendLine($"    /// <summary>{Code.Doc(error.Text("message"))}.</summary>")
                .AppendLine($"    public const int {Code.Pascal(error.Text("name"))} = {error.Number("code").ToString(CultureInfo.InvariantCulture)};")
                .AppendLine();
        }

        return Code.Close(source);
    }

    public static string FaultKinds(IReadOnlyList<CatalogueEntry> kinds)
    {
        var source = Code.Header("PaySys.Client.Sandbox")
            .AppendLine("/// <summary>The kinds of fault rule the sandbox knows (<c>POST /_sandbox/faults</c>), from <c>contracts/faults.json</c>.</summary>")
            .AppendLine("public static class SandboxFaultKinds")
            .AppendLine("{");
        foreach (var kind in kinds)
        {
            source.AppendLine($"    /// <summary>{Code.Doc(kind.Text("description"))}.</summary>")
                .AppendLine($"    public const string {Code.Pascal(kind.Text("name"))} = {Code.Literal(kind.Text("name"))};")
                .AppendLine();
        }

        source.AppendLine("    /// <summary>Every kind, in the catalogue's order.</summary>")
            .AppendLine($"    public static global::System.Collections.Generic.IReadOnlyList<string> All {{ get; }} = [{string.Join(", ", kinds.Select(k => Code.Pascal(k.Text("name"))))}];");
        return Code.Close(source);
    }

    public static string Methods(IReadOnlyList<CatalogueEntry> methods)
    {
        var source = Code.Header("PaySys.Client")
            .AppendLine("/// <summary>The gateway's JSON-RPC methods, generated at build time from <c>contracts/openrpc.json</c>: <c>pam.check_payment</c> is <see cref=\"PamCheckPayment\"/>.</summary>")
            .AppendLine("public static class PaySysMethods")
            .AppendLine("{");
        foreach (var method in methods)
        {
            var name = method.Text("name");
            source.AppendLine($"    /// <summary>{Code.Doc(method.Text("summary"))}: <c>{Code.Doc(name)}</c>.</summary>")
                .AppendLine($"    public const string {Code.Pascal(name.Replace('.', '_'))} = {Code.Literal(name)};")
                .AppendLine();
        }

        source.AppendLine("    /// <summary>Every method, in the contract's order.</summary>")
            .AppendLine($"    public static global::System.Collections.Generic.IReadOnlyList<string> All {{ get; }} = [{string.Join(", ", methods.Select(m => Code.Pascal(m.Text("name").Replace('.', '_'))))}];");
        return Code.Close(source);
    }

    public static string MagicCards(IReadOnlyList<CatalogueEntry> cards)
    {
        var source = Code.Header("PaySys.Client.Sandbox")
            .AppendLine("/// <summary>One magic test card of <c>contracts/cards.json</c>, as every sandbox tenant starts with it.</summary>")
            .AppendLine("public sealed record MagicCard(string Name, string Pan, string Expiry, string Phone, string Holder, long Balance, string Behaviour, string Description);")
            .AppendLine()
            .AppendLine("/// <summary>")
            .AppendLine("/// The magic test cards of <c>contracts/cards.json</c> by their <c>name</c>, generated at build time:")
            .AppendLine("/// <c>MagicCards.Uzcard.Pan</c> is the card number of the card named <c>uzcard</c>. Constants, so attributes can use them.")
            .AppendLine("/// </summary>")
            .AppendLine("public static class MagicCards")
            .AppendLine("{");
        foreach (var card in cards)
        {
            source.AppendLine($"    /// <summary>{Code.Doc(card.Text("description"))}.</summary>")
                .AppendLine($"    public static class {Code.Pascal(card.Text("name"))}")
                .AppendLine("    {")
                .AppendLine($"        public const string Name = {Code.Literal(card.Text("name"))};")
                .AppendLine($"        public const string Pan = {Code.Literal(card.Text("pan"))};")
                .AppendLine($"        public const string Expiry = {Code.Literal(card.Text("expiry"))};")
                .AppendLine($"        public const string Phone = {Code.Literal(card.Text("phone"))};")
                .AppendLine($"        public const string Holder = {Code.Literal(card.Text("holder"))};")
                .AppendLine($"        public const long Balance = {card.Number("balance").ToString(CultureInfo.InvariantCulture)};")
                .AppendLine($"        public const string Behaviour = {Code.Literal(card.Text("behaviour"))};")
                .AppendLine($"        public const string Description = {Code.Literal(card.Text("description"))};")
                .AppendLine()
                .AppendLine("        /// <summary>This card as one value.</summary>")
                .AppendLine("        public static MagicCard Card { get; } = new(Name, Pan, Expiry, Phone, Holder, Balance, Behaviour, Description);")
                .AppendLine("    }")
                .AppendLine();
        }

        source.AppendLine("    /// <summary>Every magic card, in the catalogue's order.</summary>")
            .AppendLine($"    public static global::System.Collections.Generic.IReadOnlyList<MagicCard> All {{ get; }} = [{string.Join(", ", cards.Select(c => Code.Pascal(c.Text("name")) + ".Card"))}];");
        return Code.Close(source);
    }
}

/// <summary>The few pieces of C# text the sources share.</summary>
internal static class Code
{
    public static StringBuilder Header(string ns) => new StringBuilder()
        .AppendLine("// <auto-generated>From contracts/ by PaySys.Contracts.Generator; edit the JSON, not this file.</auto-generated>")
        .AppendLine("#nullable enable")
        .AppendLine()
        .AppendLine($"namespace {ns};")
        .AppendLine();

    public static string Close(StringBuilder source)
    {
        while (source.Length > 0 && char.IsWhiteSpace(source[source.Length - 1]))
        {
            source.Length--;
        }

        return source.AppendLine().AppendLine("}").ToString();
    }

    /// <summary>snake_case to PascalCase: <c>http_status</c> is <c>HttpStatus</c>.</summary>
    public static string Pascal(string snake)
    {
        var name = string.Concat(snake.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        return name.Length > 0 && char.IsLetter(name[0]) && name.All(char.IsLetterOrDigit)
            ? name
            : throw new CatalogueJsonException($"\"{snake}\" does not make a C# name");
    }

    public static string Literal(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => literal.Append("\\\""),
                '\\' => literal.Append("\\\\"),
                < ' ' => literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => literal.Append(c),
            };
        }

        return literal.Append('"').ToString();
    }

    /// <summary>Text for an XML doc comment: escaped, with <c>`code`</c> spans as &lt;c&gt;.</summary>
    public static string Doc(string text)
    {
        var escaped = text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\n", " ");
        var parts = escaped.Split('`');
        var doc = new StringBuilder(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            doc.Append(i % 2 == 1 ? "<c>" : "</c>").Append(parts[i]);
        }

        return doc.ToString();
    }
}
