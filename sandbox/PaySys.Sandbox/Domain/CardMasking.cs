using System.Text.RegularExpressions;

namespace PaySys.Sandbox.Domain;

/// <summary>The only ways a card number, a card token or a phone leaves the sandbox: masked.</summary>
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

    /// <summary>A card token keeps its first 4 characters, e.g. 3f9a…: enough to tell two apart, useless to pay with.</summary>
    public static string MaskToken(string token) =>
        token.Length > 4 ? string.Concat(token.AsSpan(0, 4), "…") : "…";

    /// <summary>Masks every standalone card token (<see cref="SandboxIds.NewCardToken"/>: 40 lower-case hex) in free text.</summary>
    public static string MaskTokens(string text) =>
        TokenLike().Replace(text, match => MaskToken(match.Value));

    /// <summary>Card numbers and card tokens masked: what the journal, logs and error messages may keep.</summary>
    public static string MaskSecrets(string text) => MaskTokens(MaskPans(text));

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{15,19}(?![0-9A-Za-z])")]
    private static partial Regex PanLike();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9a-f]{40}(?![0-9A-Za-z])")]
    private static partial Regex TokenLike();
}
