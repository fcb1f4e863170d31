using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Engine;

/// <summary>An <c>http</c> step's <c>save</c> pattern: a regex whose first capture group is the value.</summary>
public static class PagePattern
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static string? Problem(string pattern)
    {
        try
        {
            var regex = new Regex(pattern, RegexOptions.None, Timeout);
            return regex.GetGroupNumbers().Length > 1 ? null : $"the pattern '{pattern}' needs a capture group (…) around the value";
        }
        catch (ArgumentException e)
        {
            return $"the pattern '{pattern}' is not a regex: {e.Message}";
        }
    }

    public static string? FirstGroup(string pattern, string text)
    {
        var match = Regex.Match(text, pattern, RegexOptions.None, Timeout);
        return match.Success ? match.Groups[1].Value : null;
    }
}
