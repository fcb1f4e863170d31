using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PaySys.Sandbox.Domain;

/// <summary>A card's expiry as the docs write it: YYMM (2304 is April 2023), four ASCII digits with a month 01–12.</summary>
public readonly record struct CardExpiry
{
    /// <summary>What is wrong with a text that is no expiry, said after the name it was sent as.</summary>
    public const string Rule = "must be YYMM";

    /// <summary>The docs' example expiry.</summary>
    public const string Example = "2304";

    private CardExpiry(string text) => Text = text;

    /// <summary>YYMM, as it was sent.</summary>
    public string Text { get; }

    public static bool TryParse(string? text, out CardExpiry expiry, [NotNullWhen(false)] out string? problem)
    {
        if (text is { Length: 4 } && text.All(char.IsAsciiDigit) &&
            int.Parse(text.AsSpan(2), CultureInfo.InvariantCulture) is >= 1 and <= 12)
        {
            (expiry, problem) = (new CardExpiry(text), null);
            return true;
        }

        (expiry, problem) = (default, Rule);
        return false;
    }

    public override string ToString() => Text ?? "";
}
