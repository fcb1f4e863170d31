using System.Text.RegularExpressions;
using PaySys.Sandbox.Domain;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// What a failure message may show of a body: card data masked by the sandbox's own rule (<see cref="CardMasking"/>:
/// card numbers as first 6, <c>******</c>, last 4; the sandbox's card tokens cut to 4 characters), the values of
/// token fields cut as well, and no more than a few KB.
/// </summary>
public static partial class Redaction
{
    public const int MaxBodyLength = 4000;

    /// <summary>The body with card data and card tokens masked, shortened to <see cref="MaxBodyLength"/>.</summary>
    public static string Body(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = MaskTokens(MaskPans(text));
        return masked.Length <= MaxBodyLength ? masked : masked[..MaxBodyLength] + $"… ({masked.Length} characters)";
    }

    /// <summary>Card numbers (and the sandbox's card tokens) masked as the sandbox masks them.</summary>
    public static string MaskPans(string text) => CardMasking.MaskSecrets(text);

    /// <summary>
    /// The values of "card_token", "token" and Card-Token cut as <see cref="CardMasking.MaskToken"/> cuts them: a
    /// live gateway's tokens need not have the sandbox's shape, so they are found by their name too.
    /// </summary>
    public static string MaskTokens(string text) => TokenPattern().Replace(text, m => $"{m.Groups["key"].Value}{CardMasking.MaskToken(m.Groups["value"].Value)}");

    [GeneratedRegex(@"(?<key>""(?:card_token|token)""\s*:\s*""|Card-Token:\s*)(?<value>[^""\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();
}
