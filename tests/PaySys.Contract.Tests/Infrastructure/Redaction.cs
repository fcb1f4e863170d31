using System.Text.RegularExpressions;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// What a failure message may show of a body: card numbers masked as the gateway masks them (first 6,
/// <c>******</c>, last 4), card tokens cut to their first 4 characters, and no more than a few KB.
/// </summary>
public static partial class Redaction
{
    public const int MaxBodyLength = 4000;

    /// <summary>The body with every PAN and card token masked, shortened to <see cref="MaxBodyLength"/>.</summary>
    public static string Body(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = MaskTokens(MaskPans(text));
        return masked.Length <= MaxBodyLength ? masked : masked[..MaxBodyLength] + $"… ({masked.Length} characters)";
    }

    /// <summary>
    /// Every run of exactly 16 digits that is not part of a longer word (a hex card id, a longer number) becomes
    /// <c>123456******3456</c>.
    /// </summary>
    public static string MaskPans(string text) => PanPattern().Replace(text, m => $"{m.Groups["head"].Value}******{m.Groups["tail"].Value}");

    /// <summary>The values of "card_token", "token" and Card-Token become their first 4 characters and an ellipsis.</summary>
    public static string MaskTokens(string text) => TokenPattern().Replace(text, m => $"{m.Groups["key"].Value}{Shorten(m.Groups["value"].Value)}");

    private static string Shorten(string token) => token.Length <= 4 ? "****" : token[..4] + "…";

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<head>[0-9]{6})[0-9]{6}(?<tail>[0-9]{4})(?![0-9A-Za-z])")]
    private static partial Regex PanPattern();

    [GeneratedRegex(@"(?<key>""(?:card_token|token)""\s*:\s*""|Card-Token:\s*)(?<value>[^""\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();
}
