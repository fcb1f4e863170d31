using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// The stub a C# team would write instead of the sandbox: POST /gateway answers one static pam.check_payment body.
//   PaySys.Bench.WireMockStub <port>              WireMock.Net's defaults (every request kept in its log)
//   PaySys.Bench.WireMockStub <port> --strongest  MaxRequestLogCount = 0, bound to 127.0.0.1 only, the null logger
if (args.Length == 0 || !int.TryParse(args[0], out var port))
{
    Console.Error.WriteLine("usage: PaySys.Bench.WireMockStub <port> [--strongest]");
    return 2;
}

var strongest = args.Contains("--strongest");
var settings = strongest
    ? new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], MaxRequestLogCount = 0, Logger = new WireMockNullLogger() }
    : new WireMockServerSettings { Port = port };

const string Body =
    """{"id":3,"error":null,"result":{"bank_transaction_id":"137664001","status":"2","amount":100000},"mx_id":"3939b15111344886a9d7e116630d6a3e"}""";

var server = WireMockServer.Start(settings);
server
    .Given(Request.Create().WithPath("/gateway").UsingPost())
    .RespondWith(Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json; charset=utf-8")
        .WithBody(Body));

// /_sandbox/health, so the bench can wait for every server the same way.
server
    .Given(Request.Create().WithPath("/_sandbox/health").UsingGet())
    .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"status":"ok"}"""));

Console.WriteLine($"WireMock.Net stub ({(strongest ? "strongest" : "default")} settings) on {string.Join(", ", server.Urls)}");
Thread.Sleep(Timeout.Infinite); // SIGTERM from the bench ends the process.
return 0;
