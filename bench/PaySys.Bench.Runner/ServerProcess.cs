using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PaySys.Bench.Runner;

/// <summary>How to start one server under test: its executable, arguments and environment (the port comes later).</summary>
public sealed record ServerSpec(string Name, string Executable, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, bool IsSandbox)
{
    /// <summary>What every .NET server gets: the same GC settings.</summary>
    public static readonly IReadOnlyDictionary<string, string> CommonEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "1",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
    };

    public ProcessStartInfo StartInfo(int port)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            info.ArgumentList.Add(argument.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        foreach (var (name, value) in CommonEnvironment.Concat(Environment))
        {
            info.Environment[name] = value;
        }

        return info;
    }
}

/// <summary>A running server: started on a free loopback port, killed (it and nothing else) when disposed.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private ServerProcess(ServerSpec spec, int port)
    {
        Spec = spec;
        Port = port;
        process = new Process { StartInfo = spec.StartInfo(port) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public ServerSpec Spec { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Resident set size now, in bytes (VmRSS of /proc/&lt;pid&gt;/status).</summary>
    public long RssBytes => ReadStatusKilobytes(process.Id, "VmRSS:") * 1024;

    /// <summary>Starts the server on a free port without waiting for it.</summary>
    public static ServerProcess Start(ServerSpec spec) => new(spec, FreePort());

    /// <summary>Starts the server and waits until GET /_sandbox/health answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(ServerSpec spec, HttpClient http)
    {
        var server = Start(spec);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server.process.HasExited)
            {
                throw new InvalidOperationException($"{spec.Name} exited at start:\n{server.Output}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri(server.BaseAddress, "_sandbox/health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                server.Dispose();
                throw new TimeoutException($"{spec.Name} did not answer /_sandbox/health within 60 s:\n{server.Output}");
            }

            await Task.Delay(20);
        }
    }

    public string Output
    {
        get
        {
            lock (lastLines)
            {
                return string.Join('\n', lastLines);
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Sends a signal by name (TERM, KILL) as `kill -s` would: the stop Docker makes, or a crash.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(bounded.Token);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long ReadStatusKilobytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 30)
            {
                lastLines.Dequeue();
            }
        }
    }
}
