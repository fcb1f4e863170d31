using System.Globalization;
using System.Text;

namespace PaySys.Scenarios.Hosting;

/// <summary>
/// The service_id a file runs as: the prefix plus the file's path under its folder, with every character but
/// letters, digits, _ and . replaced by _ and folders joined by . (at most 64 characters, as the sandbox allows).
/// </summary>
public static class TenantNames
{
    public const int MaxLength = 64;
    public const string DefaultPrefix = "sc.";

    public static string For(string prefix, string key)
    {
        var text = new StringBuilder(prefix.Length + key.Length);
        foreach (var c in prefix + key.Replace('\\', '/').Replace('/', '.'))
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }

        var name = text.ToString();
        if (name.Length <= MaxLength)
        {
            return name;
        }

        // Too long: keep the end (the file name says most) and a hash of the whole, so names stay distinct.
        var hash = Stable(name).ToString("x8", CultureInfo.InvariantCulture);
        return name[..(MaxLength - 9 - 20)] + name[^20..] + "." + hash;
    }

    /// <summary>Whether a prefix keeps names valid (letters, digits, _ and . only).</summary>
    public static bool IsValidPrefix(string prefix) => prefix.Length <= 32 && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.');

    private static uint Stable(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
