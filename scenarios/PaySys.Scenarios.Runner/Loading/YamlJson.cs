using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaySys.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PaySys.Scenarios.Loading;

/// <summary>
/// YAML nodes as JSON values, by the YAML 1.2 core schema: a plain (unquoted) scalar is null, a boolean, an
/// integer or a number when it reads as one, else a string; a quoted scalar is always a string. A plain
/// number with a leading zero (<c>0123</c>) stays a string, so codes and PAN fragments keep their digits.
/// </summary>
public static partial class YamlJson
{
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ToValue(scalar),
        _ => null,
    };

    public static SourceLocation Locate(string file, YamlNode node) => Locate(file, node.Start);

    public static SourceLocation Locate(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    /// <summary>The key text of a mapping entry; non-scalar keys have none.</summary>
    public static string? KeyOf(YamlNode key) => key is YamlScalarNode { Value: { } text } ? text : null;

    /// <summary>True when the scalar is plain (unquoted) and reads as YAML null: empty, ~ or null.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Tag.IsEmpty &&
        (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            result[KeyOf(key) ?? key.ToString()] = ToJson(value);
        }

        return result;
    }

    private static JsonValue? ToValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:str" => JsonValue.Create(text),
                _ => Plain(text),
            };
        }

        return Plain(text);
    }

    private static JsonValue? Plain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && !HasLeadingZero(text) &&
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (NumberPattern().IsMatch(text) && !HasLeadingZero(text) &&
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    private static bool HasLeadingZero(string text)
    {
        var digits = text.TrimStart('-', '+');
        return digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit(digits[1]);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberPattern();
}
