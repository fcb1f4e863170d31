using System.Buffers;
using System.Text;

namespace PaySys.Sandbox.Domain;

/// <summary>The only ways a card number, a card token or a phone leaves the sandbox: masked.</summary>
public static class CardMasking
{
    private const int MinPanLength = 15;
    private const int MaxPanLength = 19;
    private const int TokenLength = 40;

    private static readonly SearchValues<byte> AsciiLettersAndDigits =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> LowerHex = SearchValues.Create("0123456789abcdef"u8);

    /// <summary>First 6 + ****** + last 4, e.g. 860033******9500.</summary>
    public static string MaskPan(string pan) =>
        pan.Length >= 10 ? string.Concat(pan.AsSpan(0, 6), "******", pan.AsSpan(pan.Length - 4)) : "****";

    /// <summary>+99890*****50 for 998907702150.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length == 12 ? string.Concat("+", phone.AsSpan(0, 5), "*****", phone.AsSpan(10)) : "+*****";

    /// <summary>A card token keeps its first 4 characters, e.g. 3f9a…: enough to tell two apart, useless to pay with.</summary>
    public static string MaskToken(string token) =>
        token.Length > 4 ? string.Concat(token.AsSpan(0, 4), "…") : "…";

    /// <summary>
    /// Card numbers and card tokens masked: what the journal, logs and error messages may keep. A card number is
    /// any standalone run of 15–19 digits, a card token any standalone run of 40 lower-case hex with a digit in it
    /// (<see cref="SandboxIds.NewCardToken"/>: one without a digit has a chance of 10⁻¹⁷); runs inside longer ids
    /// (card ids, mx_id) are neither.
    /// </summary>
    public static string MaskSecrets(string text)
    {
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
            // Only runs with a digit can be card data, and JSON bodies have few: start from the next digit and
            // widen to its run, so the words of the body (keys, method names) are never looked at.
            var digit = utf8.AsSpan(i).IndexOfAnyInRange((byte)'0', (byte)'9');
            if (digit < 0)
            {
                break;
            }

            digit += i;
            var start = i + utf8.AsSpan(i, digit - i).LastIndexOfAnyExcept(AsciiLettersAndDigits) + 1;
            var length = utf8.AsSpan(digit).IndexOfAnyExcept(AsciiLettersAndDigits);
            var end = length < 0 ? utf8.Length : digit + length;
            var replacement = Replacement(utf8.AsSpan(start, end - start));
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

    /// <summary>The masked form of a standalone run of ASCII letters and digits, or null when it is no card data.</summary>
    private static string? Replacement(ReadOnlySpan<byte> run)
    {
        if (run.Length is >= MinPanLength and <= MaxPanLength && !run.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return MaskPan(Encoding.ASCII.GetString(run));
        }

        if (run.Length == TokenLength && !run.ContainsAnyExcept(LowerHex))
        {
            return MaskToken(Encoding.ASCII.GetString(run));
        }

        return null;
    }
}
