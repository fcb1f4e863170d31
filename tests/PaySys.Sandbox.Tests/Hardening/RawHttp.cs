using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CsCheck;

namespace PaySys.Sandbox.Tests.Hardening;

public enum WireDamage
{
    None,
    Chunked,
    BadChunk,
    ShortContentLength,
    LongContentLength,
    TwoContentLengths,
    ContentLengthAndChunked,
    BadContentLength,
    HugeHeader,
    ManyHeaders,
    BadHeaderName,
    ControlCharInHeader,
    FoldedHeader,
    BareLineFeeds,
    NoHost,
    TwoHosts,
    TwoAuthLines,
    LowerCaseVerb,
    BadVerb,
    LongTarget,
    Http10,
    Http20,
    BadVersion,
    AbsoluteTarget,
    ExpectContinue,
}

/// <summary>A hostile request sent as raw bytes on a socket, with the HTTP framing itself damaged.</summary>
public sealed record RawHttpRequest(HostileRequest Request, WireDamage Wire)
{
    public override string ToString() => $"wire: {Wire}; {Request}";

    public static Gen<RawHttpRequest> All { get; } =
        Gen.Select(HostileRequests.All, Gen.Frequency((10, Gen.Const(WireDamage.None)), (20, Gen.Enum<WireDamage>())))
            .Select(pick => new RawHttpRequest(pick.Item1, pick.Item2));

    /// <summary>The bytes on the wire: request line, headers (Connection: close always), the body as framed.</summary>
    public byte[] Bytes(string authority, byte[] body, string[] auth, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var eol = Wire == WireDamage.BareLineFeeds ? "\n" : "\r\n";
        var verb = Wire switch
        {
            WireDamage.LowerCaseVerb => Request.Verb.ToLowerInvariant(),
            WireDamage.BadVerb => "P(ST",
            _ => Request.Verb,
        };
        var target = Wire switch
        {
            WireDamage.LongTarget => Request.Path + "?" + new string('q', 20_000),
            WireDamage.AbsoluteTarget => $"http://{authority}{Request.Path}",
            _ => Request.Path,
        };
        var version = Wire switch
        {
            WireDamage.Http10 => "HTTP/1.0",
            WireDamage.Http20 => "HTTP/2.0",
            WireDamage.BadVersion => "HTTP/1.1 x",
            _ => "HTTP/1.1",
        };
        var lines = new List<string> { $"{verb} {target} {version}" };
        if (Wire != WireDamage.NoHost)
        {
            lines.Add($"Host: {authority}");
        }

        if (Wire == WireDamage.TwoHosts)
        {
            lines.Add("Host: other.example");
        }

        lines.Add("Connection: close");
        if (Request.ContentType is not null)
        {
            lines.Add($"Content-Type: {Request.ContentType}");
        }

        if (Wire == WireDamage.TwoAuthLines && auth.Length > 0)
        {
            lines.Add($"Auth: {auth[0]}");
        }

        lines.AddRange(auth.Select(a => $"Auth: {a}"));
        lines.AddRange(headers.Select(h => $"{h.Key}: {h.Value}"));
        switch (Wire)
        {
            case WireDamage.HugeHeader:
                lines.Add($"X-Huge: {new string('h', 40_000)}");
                break;
            case WireDamage.ManyHeaders:
                lines.AddRange(Enumerable.Range(0, 150).Select(i => $"X-Many-{i}: {i}"));
                break;
            case WireDamage.BadHeaderName:
                lines.Add("X Bad(Name): 1");
                break;
            case WireDamage.ControlCharInHeader:
                lines.Add("X-Control: a\u0001b\u0000c");
                break;
            case WireDamage.FoldedHeader:
                lines.Add("X-Folded: a");
                lines.Add(" continued");
                break;
            case WireDamage.ExpectContinue:
                lines.Add("Expect: 100-continue");
                break;
        }

        var chunked = Wire is WireDamage.Chunked or WireDamage.BadChunk or WireDamage.ContentLengthAndChunked;
        if (chunked)
        {
            lines.Add("Transfer-Encoding: chunked");
        }

        var length = body.Length.ToString(CultureInfo.InvariantCulture);
        switch (Wire)
        {
            case WireDamage.ShortContentLength:
                lines.Add($"Content-Length: {body.Length / 2}");
                break;
            case WireDamage.LongContentLength:
                lines.Add($"Content-Length: {body.Length + 10}");
                break;
            case WireDamage.TwoContentLengths:
                lines.Add($"Content-Length: {length}");
                lines.Add($"Content-Length: {body.Length + 1}");
                break;
            case WireDamage.BadContentLength:
                lines.Add("Content-Length: -1");
                break;
            case WireDamage.ContentLengthAndChunked:
                lines.Add($"Content-Length: {length}");
                break;
            default:
                if (!chunked)
                {
                    lines.Add($"Content-Length: {length}");
                }

                break;
        }

        var head = Encoding.Latin1.GetBytes(string.Join(eol, lines) + eol + eol);
        if (!chunked)
        {
            return [.. head, .. body];
        }

        var size = Wire == WireDamage.BadChunk ? "zz" : body.Length.ToString("x", CultureInfo.InvariantCulture);
        return [.. head, .. Encoding.ASCII.GetBytes(size + "\r\n"), .. body, .. "\r\n0\r\n\r\n"u8.ToArray()];
    }

    /// <summary>Writes the bytes (a server that answers early may stop reading: that is fine) and reads the answer until the server closes.</summary>
    public static async Task<(int Status, string Body)> Exchange(Uri server, byte[] bytes, bool closeSending)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes, timeout.Token);
            if (closeSending)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server answered and closed before it read everything (e.g. 413 for 10 MB): read what it said.
        }

        var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer: what arrived is still the answer.
        }

        return Parse(answer.ToArray());
    }

    /// <summary>The status and the (de-chunked) body of a raw HTTP/1.1 answer; status 0 when there was none.</summary>
    private static (int Status, string Body) Parse(byte[] answer)
    {
        var headEnd = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.Latin1.GetString(answer, 0, headEnd < 0 ? answer.Length : headEnd);
        var parts = head.Split("\r\n", 2)[0].Split(' ');
        var status = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code) ? code : 0;
        var body = headEnd < 0 ? [] : answer[(headEnd + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return (status, Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] body)
    {
        var result = new List<byte>();
        var at = 0;
        while (body.AsSpan(at).IndexOf("\r\n"u8) is var end and > 0 &&
            int.TryParse(Encoding.ASCII.GetString(body, at, end), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) &&
            size > 0 && body.Length >= at + end + 2 + size)
        {
            result.AddRange(body.AsSpan(at + end + 2, size));
            at += end + 2 + size + 2;
        }

        return [.. result];
    }
}
