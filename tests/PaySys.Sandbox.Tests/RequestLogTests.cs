using System.Collections;
using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests;

/// <summary>The opt-in request log (--verbose, PAYSYS_LOG_REQUESTS): one masked line per request, nothing when off.</summary>
public sealed class RequestLogTests
{
    private static readonly Dictionary<string, string?> LogRequests = new() { ["Sandbox:LogRequests"] = "true" };

    private static string[] RequestLines(SandboxFactory sandbox) =>
        [.. sandbox.Logs.Lines.Where(l => l.Category == RequestLog.Category).Select(l => l.Message)];

    [Fact]
    public async Task Each_gateway_call_is_one_line_with_method_tenant_outcome_error_and_ms()
    {
        await using var sandbox = new SandboxFactory(LogRequests);
        var gateway = sandbox.CreateGateway();

        await gateway.Ok("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
        await gateway.Error("paysys.payment_info", new { transaction_id = 404 }, -32314);

        RequestLines(sandbox).Should().Equal(
            "POST /gateway 200 0 ms method=paysys.card_registration tenant=1 outcome=ok",
            "POST /gateway 200 0 ms method=paysys.payment_info tenant=1 outcome=error error=transaction_not_found code=-32314");
        sandbox.Logs.Lines.Where(l => l.Category == RequestLog.Category).Should().OnlyContain(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Information);
    }

    [Fact]
    public async Task Card_numbers_in_the_method_or_the_path_are_masked_and_bodies_never_written()
    {
        await using var sandbox = new SandboxFactory(LogRequests);
        var gateway = sandbox.CreateGateway();

        await gateway.Error("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = "9999" }, -32305);
        await gateway.Call(Cards.DocsPan);
        using var http = sandbox.CreateClient();
        using var page = await http.GetAsync($"/pay/{Cards.UzcardPan}?card={Cards.DocsPan}");

        var lines = RequestLines(sandbox);
        lines.Should().HaveCount(3);
        lines.Should().Contain($"POST /gateway 200 0 ms method={Domain.CardMasking.MaskPan(Cards.DocsPan)} outcome=error error=method_not_found code=-32601");
        lines[2].Should().StartWith($"GET /pay/{Domain.CardMasking.MaskPan(Cards.UzcardPan)} ");
        string.Join('\n', sandbox.Logs.Lines.Select(l => l.ToString())).Should().NotContain(Cards.UzcardPan).And.NotContain(Cards.DocsPan);
    }

    [Fact]
    public async Task Off_by_default()
    {
        await using var sandbox = new SandboxFactory();
        var gateway = sandbox.CreateGateway();

        await gateway.Ok("paysys.card_registration", new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });

        RequestLines(sandbox).Should().BeEmpty();
        sandbox.Logs.Lines.Should().BeEmpty("nothing else logs a successful call at the default levels either");
    }

    [Fact]
    public async Task Verbose_on_the_command_line_and_the_environment_variable_both_turn_it_on()
    {
        string[]? hostArgs = null;
        await ServerCommandLine.InvokeAsync(
            ["--verbose"], (args, _) => { hostArgs = args; return Task.FromResult(0); }, _ => Task.FromResult(0), new StringWriter(), new StringWriter());
        hostArgs.Should().Equal("--Sandbox:LogRequests=true");

        PaySysEnvironmentVariables.ToConfiguration(new Hashtable { ["PAYSYS_LOG_REQUESTS"] = "true" }).ToDictionary(p => p.Key, p => p.Value)
            .Should().BeEquivalentTo(new Dictionary<string, string?> { ["Sandbox:LOGREQUESTS"] = "true" });
    }
}
