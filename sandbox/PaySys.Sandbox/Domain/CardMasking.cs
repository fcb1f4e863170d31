using System.Text;

namespace PaySys.Sandbox.Domain;

/// <summary>The only ways a card number or phone leaves the sandbox: masked.</summary>
public static class CardMasking
{
    private const int MinPanLength = 15;
    private const int MaxPanLength = 19;

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
    public static string MaskPans(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var masked = MaskPans(utf8);
        return ReferenceEquals(masked, utf8) ? text : Encoding.UTF8.GetString(masked);
    }

    /// <summary>
    /// <see cref="MaskPans(string)"/> on UTF-8 text, without decoding it: the same array when there is nothing
    /// to mask (the usual case, so the journal keeps request and response bodies without copying them).
    /// </summary>
    public static byte[] MaskPans(byte[] utf8)
    {
        List<byte>? masked = null;
        var copied = 0;
        var i = 0;
        while (i < utf8.Length)
        {
            var start = utf8.AsSpan(i).IndexOfAnyInRange((byte)'0', (byte)'9');
            if (start < 0)
            {
                break;
            }

            start += i;
            var end = start;
            while (end < utf8.Length && char.IsAsciiDigit((char)utf8[end]))
            {
                end++;
            }

            var standalone = (start == 0 || !char.IsAsciiLetter((char)utf8[start - 1])) &&
                (end == utf8.Length || !char.IsAsciiLetter((char)utf8[end]));
            if (standalone && end - start is >= MinPanLength and <= MaxPanLength)
            {
                masked ??= new List<byte>(utf8.Length);
                masked.AddRange(utf8.AsSpan(copied, start - copied));
                masked.AddRange(Encoding.ASCII.GetBytes(MaskPan(Encoding.ASCII.GetString(utf8, start, end - start))));
                copied = end;
            }

            i = end;
        }

        if (masked is null)
        {
            return utf8;
        }

        masked.AddRange(utf8.AsSpan(copied));
        return [.. masked];
    }
}
