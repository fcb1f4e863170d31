using System.Diagnostics.CodeAnalysis;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// A card number in the only form the sandbox accepts: 16 ASCII digits, nothing between them. Luhn is not checked:
/// the docs' own example PANs and most magic cards fail it.
/// </summary>
public readonly record struct CardNumber
{
    public const int Length = 16;

    /// <summary>What is wrong with a text that is no card number, said after the name it was sent as.</summary>
    public const string Rule = "must be 16 digits";

    private CardNumber(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? text, out CardNumber number, [NotNullWhen(false)] out string? problem)
    {
        if (text is { Length: Length } && text.All(char.IsAsciiDigit))
        {
            (number, problem) = (new CardNumber(text), null);
            return true;
        }

        (number, problem) = (default, Rule);
        return false;
    }

    /// <summary>Masked: a card number that reaches a log or a message by accident shows no more than the rule allows.</summary>
    public override string ToString() => CardMasking.MaskPan(Digits ?? "");
}
