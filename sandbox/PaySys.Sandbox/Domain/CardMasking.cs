using System.Buffers;
using System.Text;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// The one masking rule of the sandbox, its tests and its tools: the only ways a card number, a card token or a
/// phone leaves the sandbox are masked. <see cref="MaskSecrets(string)"/> is applied to decoded text (what the
/// sandbox understood, not the escapes it was sent as) wherever text leaves the process: journal, error messages,
/// log lines.
/// </summary>
/// <remarks>
/// What counts as card data (Luhn cannot decide it: the docs' own example PANs and most magic cards fail it):
/// <list type="bullet">
/// <item>A <em>digit run</em> is a maximal sequence of ASCII digits in which a single space or dash between two
/// digits does not end it (<c>8600 4907 4431 3347</c>, <c>8600-4907-4431-3347</c>), and letters around it do not
/// matter (<c>card8600490744313347</c>).</item>
/// <item>A run of exactly 16 digits is a card number (the length of every UzCard and HUMO card, and the only
/// length the sandbox accepts). A run of 17–19 digits is an ordinary number (amounts up to 2⁶³−1, ids,
/// timestamps) unless it starts with 8600 or 9860 (UzCard, HUMO): then it is a card number with digits glued on.
/// A run of 20 digits or more is no number the sandbox reads, and is masked whatever it starts with.</item>
/// <item>A masked run becomes its first 6 and last 4 digits around <c>******</c> (separators dropped), so no 16
/// consecutive digits of it survive.</item>
/// <item>A word (a maximal run of ASCII letters and digits) of 32, 34 or 40 hex characters of one case has the
/// shape of the sandbox's own ids (mx_id, card id, card token) and is not looked into: a card token (40
/// lower-case hex with a digit) becomes its first 4 characters and …, the others are kept.</item>
/// </list>
/// Runs of 15 digits or fewer are never card data here.
/// </remarks>
public static class CardMasking
{
    private const int PanLength = 16;
    private const int MaxNumberLength = 19;
    private const int TokenLength = 40;

    private static readonly SearchValues<byte> AsciiLettersAndDigits =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> LowerHex = SearchValues.Create("0123456789abcdef"u8);

    private static readonly SearchValues<byte> UpperHex = SearchValues.Create("0123456789ABCDEF"u8);

    /// <summary>First 6 + ****** + last 4, e.g. 860033******9500.</summary>
    public static string MaskPan(string pan) =>
        pan.Length >= 10 ? string.Concat(pan.AsSpan(0, 6), "******", pan.AsSpan(pan.Length - 4)) : "****";

    /// <summary>+99890*****50 for 998907702150.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length == 12 ? string.Concat("+", phone.AsSpan(0, 5), "*****", phone.AsSpan(10)) : "+*****";

    /// <summary>A card token keeps its first 4 characters, e.g. 3f9a…: enough to tell two apart, useless to pay with.</summary>
    public static string MaskToken(string token) =>
        token.Length > 4 ? string.Concat(token.AsSpan(0, 4), "…") : "…";

    /// <summary>Card numbers and card tokens masked (the rule is in the remarks of <see cref="CardMasking"/>).</summary>
    public static string MaskSecrets(string text)
    {
        // Nothing to mask without a digit: most texts (keys, method names, messages) are answered without a copy.
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return text;
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        var masked = MaskSecrets(utf8);
        return ReferenceEquals(masked, utf8) ? text : Encoding.UTF8.GetString(masked);
    }

    /// <summary>
    /// <see cref="MaskSecrets(string)"/> on UTF-8 text, without decoding it: the same array when there is nothing
    /// to mask (the usual case, so the journal keeps request and response bodies without copying them).
    /// </summary>
    public static byte[] MaskSecrets(byte[] utf8)
    {
        ArrayBufferWriter<byte>? masked = null;
        var copied = 0;
        var i = 0;
        while (i < utf8.Length)
        {
            // Only runs with a digit can be card data, and JSON bodies have few: start from the next digit, so
            // the words of the body (keys, method names) are never looked at.
            var found = utf8.AsSpan(i).IndexOfAnyInRange((byte)'0', (byte)'9');
            if (found < 0)
            {
                break;
            }

            var digit = i + found;
            var (start, end, replacement) = IsIdWord(utf8, digit, out var wordStart, out var wordEnd)
                ? (wordStart, wordEnd, TokenReplacement(utf8.AsSpan(wordStart, wordEnd - wordStart)))
                : DigitRun(utf8, digit);
            if (replacement is not null)
            {
                masked ??= new ArrayBufferWriter<byte>(utf8.Length);
                masked.Write(utf8.AsSpan(copied, start - copied));
                masked.Write(Encoding.UTF8.GetBytes(replacement));
                copied = end;
            }

            i = end;
        }

        if (masked is null)
        {
            return utf8;
        }

        masked.Write(utf8.AsSpan(copied));
        return masked.WrittenSpan.ToArray();
    }

    /// <summary>Whether the digit at <paramref name="digit"/> is inside a word shaped like one of the sandbox's ids.</summary>
    private static bool IsIdWord(byte[] utf8, int digit, out int start, out int end)
    {
        start = utf8.AsSpan(0, digit).LastIndexOfAnyExcept(AsciiLettersAndDigits) + 1;
        var length = utf8.AsSpan(digit).IndexOfAnyExcept(AsciiLettersAndDigits);
        end = length < 0 ? utf8.Length : digit + length;
        var word = utf8.AsSpan(start, end - start);
        return word.Length is 32 or 34 or TokenLength && (!word.ContainsAnyExcept(LowerHex) || !word.ContainsAnyExcept(UpperHex));
    }

    private static string? TokenReplacement(ReadOnlySpan<byte> word) =>
        word.Length == TokenLength && !word.ContainsAnyExcept(LowerHex) ? MaskToken(Encoding.ASCII.GetString(word)) : null;

    /// <summary>The digit run from <paramref name="first"/> (its first digit) and its masked form, or null when it is no card data.</summary>
    private static (int Start, int End, string? Replacement) DigitRun(byte[] utf8, int first)
    {
        // Counted without a copy: only a run that is masked is copied out.
        var count = 0;
        var prefix = 0;
        var end = first;
        while (true)
        {
            for (; end < utf8.Length && char.IsAsciiDigit((char)utf8[end]); end++, count++)
            {
                if (count < 4)
                {
                    prefix = (prefix * 10) + (utf8[end] - '0');
                }
            }

            // A single space or dash joins two groups of digits, unless the next group starts an id.
            if (end + 1 < utf8.Length && utf8[end] is (byte)' ' or (byte)'-' && char.IsAsciiDigit((char)utf8[end + 1]) &&
                !IsIdWord(utf8, end + 1, out _, out _))
            {
                end++;
                continue;
            }

            break;
        }

        var cardShaped = count switch
        {
            PanLength => true,
            > PanLength and <= MaxNumberLength => prefix is 8600 or 9860,
            > MaxNumberLength => true,
            _ => false,
        };
        if (!cardShaped)
        {
            return (first, end, null);
        }

        var digits = new StringBuilder(count);
        foreach (var b in utf8.AsSpan(first, end - first))
        {
            if (char.IsAsciiDigit((char)b))
            {
                digits.Append((char)b);
            }
        }

        return (first, end, MaskPan(digits.ToString()));
    }
}
