using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Engine;

/// <summary>Masks every 16-digit card number as first 6 + ****** + last 4, as the sandbox does.</summary>
public static partial class PanMask
{
    public static string Apply(string text) => Pan().Replace(text, "$1******$2");

    [GeneratedRegex("(?<![0-9])([0-9]{6})[0-9]{6}([0-9]{4})(?![0-9])")]
    private static partial Regex Pan();
}
