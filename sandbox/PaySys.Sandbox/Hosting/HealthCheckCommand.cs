using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// <c>PaySys.Sandbox healthcheck [--url URL]</c>: exits 0 when GET {URL}/_sandbox/health answers 200 within
/// 2 s, else 1 (never 2, which Docker's HEALTHCHECK reserves). It lets a container check itself without curl.
/// The URL defaults to the port the sandbox would listen on (PAYSYS_URLS, then ASPNETCORE_URLS, then 8080),
/// reached through 127.0.0.1 when it listens on every interface.
/// </summary>
public static class HealthCheckCommand
{
    public const string Name = "healthcheck";
    public const string HealthPath = "/_sandbox/health";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Checks <paramref name="url"/>, or the sandbox this one would be, as the binary's healthcheck command does.</summary>
    public static Task<int> RunAsync(string? url) => RunAsync(url is null ? [Name] : [Name, "--url", url]);

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable("PAYSYS_URLS"),
            Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Console.Out, Timeout);

    public static async Task<int> RunAsync(string[] args, string? paysysUrls, string? aspNetCoreUrls, TextWriter output, TimeSpan timeout)
    {
        var baseUrl = ResolveBaseUrl(args, paysysUrls, aspNetCoreUrls);
        if (baseUrl is null)
        {
            await output.WriteLineAsync("usage: PaySys.Sandbox healthcheck [--url http://host:port]");
            return 1;
        }

        var target = new Uri(baseUrl + HealthPath);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var status = await GetStatusAsync(target, deadline.Token);
            await output.WriteLineAsync($"{(status == 200 ? "healthy" : "unhealthy")}: HTTP {status} from {target}");
            return status == 200 ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync($"unhealthy: {target}: no answer within {timeout.TotalSeconds:0.#} s");
            return 1;
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException)
        {
            await output.WriteLineAsync($"unhealthy: {target}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// One HTTP/1.1 GET over a plain socket, reading only the status line. HttpClient would do the same but adds
    /// about 3 MB (a quarter) to the Native-AOT binary; Kestrel already brings sockets.
    /// </summary>
    private static async Task<int> GetStatusAsync(Uri target, CancellationToken cancellation)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target.DnsSafeHost, target.Port, cancellation);
        var request = $"GET {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nConnection: close\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellation);

        var buffer = new byte[256];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellation);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
            {
                break;
            }
        }

        // "HTTP/1.1 200 OK": the three digits after the first space.
        var statusLine = Encoding.ASCII.GetString(buffer, 0, length);
        var space = statusLine.IndexOf(' ', StringComparison.Ordinal);
        if (!statusLine.StartsWith("HTTP/", StringComparison.Ordinal) || space < 0 || space + 4 > statusLine.Length
            || !int.TryParse(statusLine.AsSpan(space + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException(length == 0 ? "the connection closed without an answer" : "the answer is not HTTP");
        }

        return status;
    }

    /// <summary>The base URL to check: --url wins; otherwise the first listen URL, with a wildcard host made 127.0.0.1.</summary>
    /// <returns>null when --url is given without an absolute http:// URL (the sandbox serves plain HTTP).</returns>
    public static string? ResolveBaseUrl(string[] args, string? paysysUrls, string? aspNetCoreUrls)
    {
        for (var i = 1; i < args.Length; i++)
        {
            string? value = null;
            if (args[i] == "--url")
            {
                value = i + 1 < args.Length ? args[i + 1] : "";
            }
            else if (args[i].StartsWith("--url=", StringComparison.Ordinal))
            {
                value = args[i]["--url=".Length..];
            }

            if (value is not null)
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var explicitUrl) && IsHttp(explicitUrl)
                    ? value.TrimEnd('/')
                    : null;
            }
        }

        var listen = ListenAddress.Resolve([], paysysUrls, aspNetCoreUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? ListenAddress.Default;
        return ToLoopback(listen);
    }

    /// <summary>http://0.0.0.0:8080, http://+:8080, http://*:8080 and http://[::]:8080 → http://127.0.0.1:8080.</summary>
    private static string ToLoopback(string listenUrl)
    {
        var rest = listenUrl["http://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash < 0 ? rest : rest[..slash];
        var colon = hostPort.LastIndexOf(':');
        string host;
        string port;
        if (colon < 0 || hostPort.EndsWith(']'))
        {
            (host, port) = (hostPort, "80");
        }
        else
        {
            (host, port) = (hostPort[..colon], hostPort[(colon + 1)..]);
        }

        if (host is "0.0.0.0" or "+" or "*" or "[::]" or "localhost" or "")
        {
            host = "127.0.0.1";
        }

        return $"http://{host}:{port}";
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp;
}
