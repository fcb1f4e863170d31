using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Engine;

/// <summary>
/// <c>${name}</c> substitution. A string that is exactly one reference takes the variable's JSON value (a number
/// stays a number); inside a longer string the value is inserted as text. <c>$${</c> writes a literal <c>${</c>.
/// </summary>
public static partial class Interpolator
{
    /// <summary>The variable names a text refers to, in order (escaped <c>$${</c> excluded).</summary>
    public static IEnumerable<string> References(string text)
    {
        foreach (Match match in ReferencePattern().Matches(text))
        {
            if (!match.Groups["escape"].Success)
            {
                yield return match.Groups["name"].Value;
            }
        }
    }

    /// <summary>Every reference in a JSON value's strings and member names.</summary>
    public static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => References(p.Key).Concat(References(p.Value))),
        JsonArray array => array.SelectMany(References),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => References(value.GetValue<string>()),
        _ => [],
    };

    /// <summary>A copy of <paramref name="node"/> with every string interpolated.</summary>
    public static JsonNode? Apply(JsonNode? node, Func<string, JsonNode?> resolve) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(Text(p.Key, resolve), Apply(p.Value, resolve)))),
        JsonArray array => new JsonArray([.. array.Select(item => Apply(item, resolve))]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => Value(value.GetValue<string>(), resolve),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>A string value: a lone reference keeps the variable's type; anything else becomes text.</summary>
    public static JsonNode? Value(string text, Func<string, JsonNode?> resolve)
    {
        var whole = ReferencePattern().Match(text);
        if (whole.Success && whole.Index == 0 && whole.Length == text.Length && !whole.Groups["escape"].Success)
        {
            return resolve(whole.Groups["name"].Value)?.DeepClone();
        }

        return JsonValue.Create(Text(text, resolve));
    }

    /// <summary>Text with every reference replaced by its value as text (strings raw, others as JSON).</summary>
    public static string Text(string text, Func<string, JsonNode?> resolve) =>
        ReferencePattern().Replace(text, match => match.Groups["escape"].Success ? "${" : AsText(resolve(match.Groups["name"].Value)));

    public static string AsText(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>Escapes a literal text so that it is not interpolated.</summary>
    public static string Escape(string text) => new StringBuilder(text).Replace("${", "$${").ToString();

    [GeneratedRegex(@"(?<escape>\$\$\{)|\$\{(?<name>[^}\s]*)\}")]
    private static partial Regex ReferencePattern();
}
