namespace PaySys.Sandbox.Hosting;

/// <summary>
/// Maps PAYSYS_* environment variables onto the "Sandbox" configuration section:
/// PAYSYS_FIXED_OTP → Sandbox:FixedOtp, PAYSYS_MERCHANTS__0__SECRET_KEY → Sandbox:Merchants:0:SecretKey.
/// Underscores inside a segment are dropped because the binder matches names case-insensitively.
/// PAYSYS_LOG_LEVEL is the one exception: it sets Logging:LogLevel:Default and the per-request hosting log.
/// </summary>
public static class PaySysEnvironmentVariables
{
    public const string Prefix = "PAYSYS_";

    /// <summary>
    /// PAYSYS_LOG_LEVEL=Information sets Logging:LogLevel:Default (Warning unless configured) and turns the
    /// per-request hosting log (off unless configured) on at the same level.
    /// </summary>
    public const string LogLevelVariable = "PAYSYS_LOG_LEVEL";

    public const string DefaultLogLevelKey = "Logging:LogLevel:Default";

    /// <summary>ASP.NET Core's "Request starting … / Request finished …" lines.</summary>
    public const string RequestLogLevelKey = "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IEnumerable<KeyValuePair<string, string?>> ToConfiguration(System.Collections.IDictionary environment)
    {
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(name, LogLevelVariable, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(DefaultLogLevelKey, entry.Value as string);
                yield return new(RequestLogLevelKey, entry.Value as string);
                continue;
            }

            var segments = name[Prefix.Length..]
                .Split("__", StringSplitOptions.RemoveEmptyEntries)
                .Select(segment => segment.Replace("_", "", StringComparison.Ordinal));
            yield return new(SandboxOptions.Section + ":" + string.Join(':', segments), entry.Value as string);
        }
    }
}
