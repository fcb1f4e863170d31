using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PaySys.Bench.Runner;

/// <summary>Process start → first 200 from GET /_sandbox/health, probed with a bare socket every millisecond.</summary>
public static class StartupTimer
{
    private static readonly byte[] HealthRequest = "GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray();

    /// <summary>The median of <paramref name="starts"/> starts, in milliseconds, after one start that is not counted.</summary>
    public static double MedianMilliseconds(ServerSpec spec, int starts)
    {
        Measure(spec); // Warms the page cache and the runner's own code paths.
        var times = Enumerable.Range(0, starts).Select(_ => Measure(spec)).Order().ToList();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    private static double Measure(ServerSpec spec)
    {
        var clock = Stopwatch.StartNew();
        using var server = ServerProcess.Start(spec);
        while (!AnswersHealthy(server.Port))
        {
            if (server.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"{spec.Name} did not become healthy:\n{server.Output}");
            }

            Thread.Sleep(1);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static bool AnswersHealthy(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            socket.Send(HealthRequest);
            var answer = new byte[16];
            var read = socket.Receive(answer);
            return read >= 12 && answer.AsSpan(0, 12).SequenceEqual("HTTP/1.1 200"u8);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
