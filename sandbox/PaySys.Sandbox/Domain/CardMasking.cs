using System.Text.RegularExpressions;

namespace PaySys.Sandbox.Domain;

/// <summary>The only ways a card number or phone leaves the sandbox: masked.</summary>
public static partial class CardMasking
{
    /// <summary>First 6 + ****** + last 4, e.g. 860033******9500.</summary>
    public static string MaskPan(string pan) =>
        pan.Length >= 10 ? string.Concat(pan.AsSpan(0, 6), "******", pan.AsSpan(pan.Length - 4)) : "****";

    /// <summary>+99890*****50 for 998907702150.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length == 12 ? string.Concat("+", phone.AsSpan(0, 5), "*****", phone.AsSpan(10)) : "+*****";

    /// <summary>
    /// Masks every standalone run of 15–19 digits (anything that could be a card number) in free text.
    /// Runs inside hex ids (card ids, tokens, mx_id) are not card numbers and stay as they are.
    /// </summary>
    public static string MaskPans(string text) =>
        PanLike().Replace(text, match => MaskPan(match.Value));

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{15,19}(?![0-9A-Za-z])")]
    private static partial Regex PanLike();
}
