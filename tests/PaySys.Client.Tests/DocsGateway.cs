using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PaySys.Client.Tests;

/// <summary>
/// A WireMock server that replays the vendor docs' request/response pairs (contracts/examples/, copied verbatim
/// from shared/paysys-docs): a call whose <c>method</c> and <c>params</c> contain a documented request's (JSON partial
/// match), and that carries an Auth header, gets the documented response body.
/// </summary>
public sealed partial class DocsGateway : IDisposable
{
    /// <summary>Id params that the docs send as strings of digits in some examples; the client always sends numbers.</summary>
    private static readonly string[] IdParams = ["bank_transaction_id", "transaction_id", "agr_transaction_id"];

    public DocsGateway()
    {
        Server = WireMockServer.Start();
        foreach (var example in DocsExample.All)
        {
            Server
                .Given(Request.Create()
                    .WithPath("/gateway")
                    .UsingPost()
                    .WithHeader("Auth", new RegexMatcher(@"^1-[0-9a-f]{40}-[0-9]{13}$"))
                    .WithBody(new JsonPartialMatcher(Pattern(example.Request).ToJsonString())))
                .RespondWith(Response.Create()
                    .WithStatusCode(200)
                    .WithHeader("Content-Type", "application/json")
                    .WithBody(example.ResponseText));
        }
    }

    public WireMockServer Server { get; }

    public PaySysClient CreateClient() =>
        new(new HttpClient { BaseAddress = new Uri(Server.Url!) }, new PaySysClientOptions { ServiceId = "1", SecretKey = "sandbox-secret" });

    public void Dispose() => Server.Stop();

    /// <summary>
    /// {"method", "params"} of a documented request. The docs send <c>"bank_transaction_id": "586151"</c> in two
    /// examples and numbers elsewhere; SPEC §4 makes both forms equal, so such strings are matched as numbers.
    /// </summary>
    private static JsonObject Pattern(JsonObject request)
    {
        var parameters = request["params"]!.DeepClone().AsObject();
        foreach (var name in IdParams)
        {
            if (parameters[name] is JsonValue value && value.TryGetValue<string>(out var text) && Digits().IsMatch(text))
            {
                parameters[name] = long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new JsonObject { ["method"] = request["method"]!.GetValue<string>(), ["params"] = parameters };
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();
}

/// <summary>One documented request with the documented response it gets.</summary>
public sealed record DocsExample(string Name, JsonObject Request, string ResponseText)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "DocsExamples");

    /// <summary>Every *.request.json with the *.response.json of the same doc and number (000-3-… → 000-3-….response.json).</summary>
    public static IReadOnlyList<DocsExample> All { get; } = Load();

    private static List<DocsExample> Load()
    {
        var responses = Directory.GetFiles(Folder, "*.response.json");
        return Directory.GetFiles(Folder, "*.request.json")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = Path.GetFileName(path);
                var prefix = string.Join('-', name.Split('-')[..2]) + "-";
                var response = responses.Single(r => Path.GetFileName(r).StartsWith(prefix, StringComparison.Ordinal));
                return new DocsExample(name, JsonNode.Parse(File.ReadAllText(path))!.AsObject(), File.ReadAllText(response));
            })
            .ToList();
    }
}
