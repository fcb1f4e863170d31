using System.Globalization;

namespace PaySys.Bench.Runner;

/// <summary>What the table is measured on: numbers from another machine or another load are not comparable.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            ?? "unknown CPU";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gigabytes = long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} CPUs (nproc), {cpu}, {gigabytes:0} GiB RAM, {os ?? "Linux"}, .NET {Environment.Version}");
    }

    /// <summary>The 1-, 5- and 15-minute load averages, as /proc/loadavg has them.</summary>
    public static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
