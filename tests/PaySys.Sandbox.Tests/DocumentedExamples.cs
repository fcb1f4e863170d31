using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>One documented exchange: the request example(s) of a method and the response the docs show for them.</summary>
public sealed record DocumentedExample(string Name, string Method, string Page, string Request, string Response);

/// <summary>
/// Every request and response example of the vendor's three docs pages (/work/shared/paysys-docs), as
/// contracts/examples/ holds them verbatim: 16 requests and 15 responses (the two pam.prepare_payment requests
/// share one response). A file <c>000-3-pam.prepare_payment.by_card_id.request.json</c> is page 000, exchange 3,
/// named "pam.prepare_payment by card id"; its response is <c>000-3-….response.json</c>.
/// </summary>
public static class DocumentedExamples
{
    private const string RequestSuffix = ".request.json";

    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["000"] = "000_e76625faaf8bd4cc.txt",
        ["001"] = "001_85e03ee8da5ec660.txt",
        ["002"] = "002_fbc1e02620956acc.txt",
    };

    public static string Request(string name) => All.Single(e => e.Name == name).Request;

    public static IReadOnlyList<DocumentedExample> All { get; } = Load();

    private static List<DocumentedExample> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "contracts", "examples");
        var responses = Directory.GetFiles(folder, "*.response.json");
        return [.. Directory.GetFiles(folder, "*" + RequestSuffix)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var file = Path.GetFileName(path);
                var prefix = string.Join('-', file.Split('-')[..2]) + "-";
                var request = Verbatim(path);
                var method = JsonNode.Parse(request)!["method"]!.GetValue<string>();
                var qualifier = file[prefix.Length..^RequestSuffix.Length][method.Length..].TrimStart('.').Replace('_', ' ');
                var response = responses.Single(r => Path.GetFileName(r).StartsWith(prefix, StringComparison.Ordinal));
                return new DocumentedExample(qualifier.Length == 0 ? method : $"{method} {qualifier}", method, Pages[file[..3]], request, Verbatim(response));
            })];
    }

    /// <summary>The file's text as the docs show it, without the newline a file ends with.</summary>
    private static string Verbatim(string path) => File.ReadAllText(path).TrimEnd('\n');
}
