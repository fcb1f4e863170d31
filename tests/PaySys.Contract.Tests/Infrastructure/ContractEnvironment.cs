using PaySys.Client.Sandbox;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// What this run can do, decided once at test discovery: whether the target has the sandbox's control API
/// (in-process always; live only when <c>GET /_sandbox/health</c> answers) and where OTP codes come from.
/// The skip reasons are what <see cref="SandboxFactAttribute"/> and <see cref="OtpFactAttribute"/> show.
/// </summary>
public static class ContractEnvironment
{
    private static readonly Lazy<ContractSettings?> SettingsOrNull = new(() =>
    {
        try
        {
            return ContractSettings.FromEnvironment();
        }
        catch (InvalidOperationException)
        {
            return null; // the fixture reports the bad variable; discovery skips nothing
        }
    });

    private static readonly Lazy<bool> ControlApiAnswers = new(() => SettingsOrNull.Value?.Url is not { } url || SandboxAnswers(url));

    /// <summary>True when the target is a PaySys Sandbox: in-process, or a live URL whose /_sandbox/health answers ok.</summary>
    public static bool HasControlApi => ControlApiAnswers.Value;

    /// <summary>Why a test that needs the sandbox's control API is skipped; null when it runs.</summary>
    public static string? SandboxOnlySkipReason => HasControlApi
        ? null
        : $"sandbox-only: needs the PaySys Sandbox control API (virtual clock, fault rules, magic cards), and " +
          $"{HealthUri(SettingsOrNull.Value?.Url)} does not answer: {SettingsOrNull.Value?.Url} is not a sandbox";

    /// <summary>Why a test that needs an SMS code is skipped; null when it runs.</summary>
    public static string? OtpSkipReason => HasControlApi || SettingsOrNull.Value?.OtpCommand is not null
        ? null
        : $"needs an OTP code: {SettingsOrNull.Value?.Url} is not a sandbox (no SMS outbox at /_sandbox/sms) and " +
          $"{ContractSettings.OtpCommandVariable} is not set; set it to a shell command that prints the latest code " +
          "for the reference given as $1 (a card id or bank_transaction_id)";

    /// <summary>The sandbox's health route on the host of <paramref name="url"/>.</summary>
    public static Uri? HealthUri(Uri? url) => url is null ? null : new Uri(url, SandboxControlClient.Prefix + "/health");

    /// <summary>GET /_sandbox/health on the host of <paramref name="url"/> answers 200 {"status":"ok"} within 5 s.</summary>
    public static bool SandboxAnswers(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var request = new HttpRequestMessage(HttpMethod.Get, HealthUri(url));
            using var response = http.Send(request);
            using var reader = new StreamReader(response.Content.ReadAsStream());
            return response.IsSuccessStatusCode && reader.ReadToEnd().Contains("\"ok\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}

/// <summary>A test that needs the sandbox's control API: skipped, with the reason shown, against a gateway that has none.</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        if (ContractEnvironment.SandboxOnlySkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A test that needs an SMS code: skipped, with the reason shown, when the run has no way to read one.</summary>
public sealed class OtpFactAttribute : FactAttribute
{
    public OtpFactAttribute()
    {
        if (ContractEnvironment.OtpSkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
