using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Issue 14, items 1 and 2, on a real socket: a body whose framing is broken (a chunk size of 0x80000000 or more)
/// gets a 4xx with a JSON body on every route that reads a body, and no log line above Debug; any answer after
/// which the server closes the connection says <c>Connection: close</c>, so a keep-alive client never loses a request.
/// </summary>
public sealed class FramingTests
{
    public static TheoryData<string, string> BodyRoutes => new()
    {
        { "/gateway", "80000000" },
        { "/gateway", "ffffffffffffffff" },
        { "/gateway", "100000000000000000000" },
        { "/_sandbox/cards", "80000000" },
        { "/_sandbox/clock", "80000000" },
        { "/_sandbox/faults", "80000000" },
        { "/_sandbox/service", "80000000" },
        { "/_sandbox/vendors/100381", "80000000" },
    };

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task A_chunk_size_too_large_is_a_4xx_with_a_json_body_and_no_log_line_above_debug(string path, string chunkSize)
    {
        using var sandbox = new SandboxFactory(new Dictionary<string, string?>
        {
            // The sandbox's own categories and Kestrel's at their most verbose: whatever they say must stay at Debug.
            ["Logging:LogLevel:PaySys"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel"] = "Trace",
        }, kestrel: true);
        var request = $"POST {path} HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunkSize}\r\n{{\"a\":1}}";

        var (head, body) = await Exchange(sandbox.BaseAddress, Encoding.ASCII.GetBytes(request));

        Status(head).Should().BeInRange(400, 499, "the framing is the client's fault: {0}", head);
        head.Should().Contain("Connection: close", "the server will not read the rest of this connection");
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        sandbox.Logs.Lines.Where(l => l.Level > LogLevel.Debug).Select(l => l.ToString()).Should().BeEmpty();
        sandbox.Logs.Lines.Should().Contain(l => l.Category.StartsWith("PaySys", StringComparison.Ordinal), "the refusal is logged, at Debug");
    }

    [Fact]
    public async Task A_413_says_connection_close_on_the_socket()
    {
        using var sandbox = new SandboxFactory(kestrel: true);
        var big = new string('x', 70_000);
        var request = $"POST /gateway HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\nContent-Length: {big.Length}\r\n\r\n{big}";

        var (head, _) = await Exchange(sandbox.BaseAddress, Encoding.ASCII.GetBytes(request));

        Status(head).Should().Be(413);
        head.Should().Contain("Connection: close");
    }

    [Fact]
    public async Task A_keep_alive_client_loses_no_request_after_a_refusal()
    {
        using var kestrel = new SandboxFactory(kestrel: true);
        using var http = new HttpClient { BaseAddress = kestrel.BaseAddress };
        var gateway = new GatewayClient(http, kestrel.RealClock, "1", "sandbox-secret");

        for (var round = 0; round < 5; round++)
        {
            var (tooBig, _) = await gateway.PostRaw(new string('x', 70_000));
            tooBig.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            var (unreadable, _) = await gateway.PostRaw("""{"id":1,"method":"rpc.discover""", contentType: "application/json");
            unreadable.Should().Be(HttpStatusCode.OK);
            (await gateway.Call("pam.check_payment", new { bank_transaction_id = 1 }))["error"]!["code"]!.GetValue<int>().Should().Be(-32314);
        }
    }

    private static int Status(string head) => int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sends the bytes on a keep-alive connection and reads one answer: its head and its (Content-Length) body.</summary>
    private static async Task<(string Head, string Body)> Exchange(Uri server, byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes, timeout.Token);
        }
        catch (IOException)
        {
            // The server answered and closed before it read everything: read what it said.
        }

        var answer = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = Encoding.Latin1.GetString(answer.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var head = text[..end];
                var length = head.Split("\r\n").Select(l => l.Split(": ", 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (text.Length >= end + 4 + length)
                {
                    return (head, Encoding.UTF8.GetString(answer.ToArray(), end + 4, length));
                }
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read == 0)
            {
                return (text, "");
            }

            answer.Write(buffer, 0, read);
        }
    }
}
