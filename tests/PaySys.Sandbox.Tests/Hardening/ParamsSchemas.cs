using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>The JSON kinds a param accepts, as contracts/schemas/{method}.params.json declares them.</summary>
public enum JsonKind
{
    Text,
    Whole,
    Fraction,
    Flag,
    Map,
    List,
}

/// <summary>One param of a method (nested ones named "vendor_form.account"), with the kinds its schema accepts.</summary>
public sealed record ParamSchema(string Path, IReadOnlySet<JsonKind> Accepted, bool Required)
{
    /// <summary>The kinds that are wrong for this param: sending one must be rejected.</summary>
    public IReadOnlyList<JsonKind> Wrong => Enum.GetValues<JsonKind>().Where(k => !Accepted.Contains(k)).ToList();
}

/// <summary>Every param of the 14 methods, read from the contract's params schemas (copied next to the test assembly).</summary>
public static class ParamsSchemas
{
    public static readonly string[] Methods =
    [
        "paysys.card_registration", "paysys.card_confirm", "pam.prepare_payment", "pam.confirm_payment", "hold.confirm",
        "pam.check_payment", "pam.payment", "transaction.reverse", "paysys.payment_info", "paysys.payment_cancel",
        "paysys.payment_adjustments", "paysys.get_fiscal_cheque", "paysys.invoice_create", "pam.pay_by_cash",
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<ParamSchema>> All { get; } =
        Methods.ToDictionary(m => m, m => (IReadOnlyList<ParamSchema>)Read(m));

    private static List<ParamSchema> Read(string method)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "contracts", "schemas", $"{method}.params.json");
        var schema = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var found = new List<ParamSchema>();
        Collect(schema, "", found);
        return found;
    }

    private static void Collect(JsonObject schema, string prefix, List<ParamSchema> found)
    {
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = node!.AsObject();
            var kinds = KindsOf(property);
            found.Add(new ParamSchema(prefix + name, kinds, required.Contains(name)));
            if (kinds.Contains(JsonKind.Map) && property["properties"] is not null)
            {
                Collect(property, prefix + name + ".", found);
            }
        }
    }

    private static HashSet<JsonKind> KindsOf(JsonObject property)
    {
        var kinds = new HashSet<JsonKind>();
        foreach (var alternative in (property["oneOf"] ?? property["anyOf"])?.AsArray() ?? [])
        {
            kinds.UnionWith(KindsOf(alternative!.AsObject()));
        }

        var types = property["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()),
            JsonValue one => [one.GetValue<string>()],
            _ => property["enum"] is not null ? ["string"] : [],
        };
        foreach (var type in types)
        {
            switch (type)
            {
                case "string":
                    kinds.Add(JsonKind.Text);
                    break;
                case "integer":
                    kinds.Add(JsonKind.Whole);
                    break;
                case "number":
                    kinds.Add(JsonKind.Whole);
                    kinds.Add(JsonKind.Fraction);
                    break;
                case "boolean":
                    kinds.Add(JsonKind.Flag);
                    break;
                case "object":
                    kinds.Add(JsonKind.Map);
                    break;
                case "array":
                    kinds.Add(JsonKind.List);
                    break;
            }
        }

        return kinds;
    }
}
