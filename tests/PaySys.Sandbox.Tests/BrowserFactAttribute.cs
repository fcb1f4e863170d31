using Microsoft.Playwright;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// A test that drives Debian's Chromium (apt-get install -y chromium). Without the browser it is skipped
/// with the reason shown, unless PAYSYS_REQUIRE_BROWSER=1 (as in CI), which makes the missing browser a failure.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";
    public const string RequireBrowserVariable = "PAYSYS_REQUIRE_BROWSER";
    public const string ChromiumPathVariable = "PAYSYS_CHROMIUM_PATH";

    /// <summary>How every browser test launches Chromium: headless, offline, nothing of its own in the background.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !BrowserRequired)
        {
            Skip = $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests; " +
                $"with {RequireBrowserVariable}=1 a missing browser fails instead";
        }
    }

    /// <summary>The browser binary: /usr/bin/chromium unless PAYSYS_CHROMIUM_PATH names another.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } path ? path : DefaultChromiumPath;

    public static bool BrowserRequired => Environment.GetEnvironmentVariable(RequireBrowserVariable) == "1";

    /// <summary>
    /// Debian's Chromium as every browser test launches it (<see cref="ChromiumArgs"/>, a long first start allowed);
    /// a test that runs without it (PAYSYS_REQUIRE_BROWSER=1) fails here, naming what to install.
    /// </summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        File.Exists(ChromiumPath).Should().BeTrue("{0}=1 requires the browser at {1} (apt-get install -y chromium)", RequireBrowserVariable, ChromiumPath);
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs, Timeout = 120_000 });
    }
}
