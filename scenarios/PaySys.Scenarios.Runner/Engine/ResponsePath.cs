using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Engine;

/// <summary>
/// <c>save</c> paths into a response: dot-separated member names with optional <c>[n]</c> indexes, e.g.
/// <c>result.details.transaction_id</c>, <c>error.data.refundable</c>, <c>body.faults[0].id</c>.
/// </summary>
public static partial class ResponsePath
{
    /// <summary>Null when the path is well formed, else what is wrong with it.</summary>
    public static string? Problem(string path) =>
        PathPattern().IsMatch(path) ? null : $"'{path}' is not a path like result.details.transaction_id or body.items[0].id";

    /// <summary>The value at <paramref name="path"/>; false when a member or index is missing.</summary>
    public static bool TryRead(JsonNode? root, string path, out JsonNode? value)
    {
        value = null;
        var current = root;
        foreach (Match segment in SegmentPattern().Matches(path))
        {
            if (segment.Groups["name"].Success)
            {
                var name = segment.Groups["name"].Value;
                if (current is JsonObject obj && obj.TryGetPropertyValue(name, out var child))
                {
                    current = child;
                    continue;
                }

                if (current is JsonArray list && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < list.Count)
                {
                    current = list[at];
                    continue;
                }

                return false;
            }

            var index = int.Parse(segment.Groups["index"].Value, CultureInfo.InvariantCulture);
            if (current is not JsonArray array || index >= array.Count)
            {
                return false;
            }

            current = array[index];
        }

        value = current;
        return true;
    }

    /// <summary>Reads a path or fails the step with what the response holds instead.</summary>
    public static JsonNode? Read(JsonNode? root, string path) =>
        TryRead(root, path, out var value)
            ? value
            : throw new StepFailedException($"save: the response has nothing at {path}; it is {Shorten(root?.ToJsonString() ?? "null")}");

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9_$-]+(\[[0-9]+\])*(\.[A-Za-z0-9_$-]+(\[[0-9]+\])*)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"(?<name>[A-Za-z0-9_$-]+)|\[(?<index>[0-9]+)\]")]
    private static partial Regex SegmentPattern();
}
