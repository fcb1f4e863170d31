using System.Text.Json;

namespace PaySys.Sandbox.Json;

/// <summary>
/// A member written twice in one object is refused everywhere a body is read (gateway: -32600, control API: 400),
/// never "last one wins" (System.Text.Json's default): a proxy or log that reads the first of the two would
/// disagree with what the sandbox did. Names are compared decoded, so <c>"a"</c> and <c>"\u0061"</c> are one name.
/// </summary>
public static class DuplicateMembers
{
    /// <summary>How a body is parsed when a duplicated member must fail the parse.</summary>
    public static readonly JsonDocumentOptions Refused = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>How a body that failed <see cref="Refused"/> is parsed again, to tell a duplicated member from text that is not JSON.</summary>
    public static readonly JsonDocumentOptions Allowed = new() { MaxDepth = 64 };

    /// <summary>The path (<c>params.amount</c>, <c>items[0].id</c>) of the first member of UTF-8 JSON text that appears twice in its object; null when there is none or the text is not JSON.</summary>
    public static string? In(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var strict = JsonDocument.Parse(utf8, Refused);
            return null;
        }
        catch (JsonException)
        {
            // The rare path: a duplicated member (then the lenient parse succeeds), or no JSON at all.
        }

        try
        {
            using var lenient = JsonDocument.Parse(utf8, Allowed);
            return First(lenient.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The path of the first member that appears twice in its object, in document order; null when there is none, or
    /// when a name is no text at all (an escaped lone surrogate): such a body is not JSON text, and its reader says so.
    /// </summary>
    public static string? First(JsonElement element)
    {
        try
        {
            return First(element, "");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? First(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (!names.Add(member.Name))
                    {
                        return memberPath;
                    }

                    if (First(member.Value, memberPath) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (First(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
