using System.Diagnostics;
using System.Globalization;

namespace PaySys.Bench.Runner;

/// <summary>One wrk run as its script's done() reports it (the "BENCH key=value …" line).</summary>
public sealed record WrkResult(long Requests, TimeSpan Duration, double P50Ms, double P99Ms, long Non2xx, long SocketErrors, long Completed, long Failed)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public double CompletedPerSecond => Completed / Duration.TotalSeconds;

    public static WrkResult Parse(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no BENCH line:\n{output}");
        var values = line["BENCH ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        return new WrkResult(
            values["requests"],
            TimeSpan.FromMicroseconds(values["duration_us"]),
            values["p50_us"] / 1000.0,
            values["p99_us"] / 1000.0,
            values["non_2xx"],
            values["socket_errors"],
            values.GetValueOrDefault("completed"),
            values.GetValueOrDefault("failed"));
    }
}

/// <summary>Runs wrk (Debian's, installed by bench/run.sh) with one of the Lua scripts in bench/wrk.</summary>
public sealed class Wrk(string scriptsDirectory, int threads, int connections)
{
    public async Task<WrkResult> RunAsync(Uri url, string script, TimeSpan duration, params string[] scriptArguments)
    {
        var info = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            $"-t{threads}", $"-c{connections}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s",
            "-s", Path.Combine(scriptsDirectory, script), url.ToString(), "--", .. scriptArguments,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {wrk.ExitCode}:\n{await output}\n{await errors}");
        }

        return WrkResult.Parse(await output);
    }
}
