using System.Diagnostics;
using PaySys.Sandbox.Testing;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The README's copy-paste walk (the bash block after the <c>readme-walk</c> marker), run as written by bash against a
/// sandbox on a free port with random codes: if the README's commands stop working, this fails.
/// </summary>
public sealed class ReadmeWalkTests
{
    private const string Marker = "<!-- readme-walk:";

    [ShellFact]
    public async Task The_readme_walk_registers_confirms_pays_with_the_token_and_sees_the_payment_paid()
    {
        var walk = ReadWalk();
        await using var sandbox = await PaySysSandbox.StartAsync();

        var (exit, output, errors) = await RunBashAsync(walk, sandbox.BaseAddress.Port);

        exit.Should().Be(0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(line => line.Contains("\"details\"") && line.Contains("\"amount\":100000"), "step 4 pays with the token");
        lines[^1].Should().Contain("\"error\":null").And.Contain("\"status\":\"2\"", "step 5 sees the payment paid");
    }

    private static string ReadWalk()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var marker = readme.IndexOf(Marker, StringComparison.Ordinal);
        marker.Should().BeGreaterThan(0, "the README marks its walk with " + Marker);
        var start = readme.IndexOf("```bash\n", marker, StringComparison.Ordinal) + "```bash\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private static async Task<(int Exit, string Output, string Errors)> RunBashAsync(string script, int port)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await errors);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PaySysSandbox.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PaySysSandbox.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that runs shell commands (bash, curl, sha1sum, sed); skipped, with the reason, where one is missing.</summary>
public sealed class ShellFactAttribute : FactAttribute
{
    private static readonly string[] Programs = ["bash", "curl", "sha1sum", "sed"];

    public ShellFactAttribute()
    {
        var missing = Programs.Where(program => !OnPath(program)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH to run the README's shell walk";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, program)));
}
