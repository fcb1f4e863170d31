namespace PaySys.Sandbox.Hosting;

/// <summary>
/// Maps PAYSYS_* environment variables onto the "Sandbox" configuration section:
/// PAYSYS_FIXED_OTP → Sandbox:FixedOtp, PAYSYS_MERCHANTS__0__SECRET_KEY → Sandbox:Merchants:0:SecretKey.
/// Underscores inside a segment are dropped because the binder matches names case-insensitively.
/// </summary>
public static class PaySysEnvironmentVariables
{
    public const string Prefix = "PAYSYS_";

    public static IEnumerable<KeyValuePair<string, string?>> ToConfiguration(System.Collections.IDictionary environment)
    {
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var segments = name[Prefix.Length..]
                .Split("__", StringSplitOptions.RemoveEmptyEntries)
                .Select(segment => segment.Replace("_", "", StringComparison.Ordinal));
            yield return new(SandboxOptions.Section + ":" + string.Join(':', segments), entry.Value as string);
        }
    }
}
