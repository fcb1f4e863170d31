using System.Diagnostics.CodeAnalysis;

namespace PaySys.Sandbox.Domain;

/// <summary>A phone in the form the docs use: 12 ASCII digits starting with 998 (Uzbekistan), no plus sign.</summary>
public readonly record struct PhoneNumber
{
    public const int Length = 12;

    public const string CountryCode = "998";

    /// <summary>What is wrong with a text that is no phone, said after the name it was sent as.</summary>
    public const string Rule = "must be 12 digits starting with 998";

    private PhoneNumber(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? text, out PhoneNumber phone, [NotNullWhen(false)] out string? problem)
    {
        if (text is { Length: Length } && text.StartsWith(CountryCode, StringComparison.Ordinal) && text.All(char.IsAsciiDigit))
        {
            (phone, problem) = (new PhoneNumber(text), null);
            return true;
        }

        (phone, problem) = (default, Rule);
        return false;
    }

    /// <summary>Masked, as every phone that leaves the sandbox is.</summary>
    public override string ToString() => CardMasking.MaskPhone(Digits ?? "");
}
