using System.Net;
using System.Text.Json;
using PaySys.Client.Sandbox;

namespace PaySys.Client.Tests;

/// <summary>The control client's fault rules and its raw route call, against the in-process sandbox.</summary>
public sealed class SandboxFaultClientTests : IDisposable
{
    private readonly SandboxFactory sandbox = new();

    public void Dispose() => sandbox.Dispose();

    private RegisterCardRequest Registration { get; } = new(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);

    [Fact]
    public async Task An_error_rule_answers_its_code_as_many_times_as_it_says()
    {
        var client = sandbox.CreatePaySysClient();
        var control = sandbox.CreateControl();

        var id = await control.AddFaultAsync(new SandboxFaultSpec("paysys.card_registration", "error", Code: PaySysErrorCodes.InternalError, Times: 1));
        var faulted = () => client.RegisterCardAsync(Registration);

        id.Should().NotBeNullOrEmpty();
        (await faulted.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.InternalError);
        (await client.RegisterCardAsync(Registration)).TimeOut.Should().BePositive("the rule was used up");
        (await control.GetFaultsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Rules_are_listed_removed_one_by_one_and_cleared()
    {
        var control = sandbox.CreateControl();

        var delay = await control.AddFaultAsync(new SandboxFaultSpec("*", "delay", DelayMs: 0));
        var status = await control.AddFaultAsync(new SandboxFaultSpec("pam.payment", "http_status", HttpStatus: 503, Probability: 0.5, Times: 3));

        var listed = await control.GetFaultsAsync();
        listed.Select(f => f.Id).Should().Equal(delay, status);
        listed[1].Should().Be(new SandboxFault(status, "pam.payment", "http_status", null, null, 503, 0.5, 3));

        await control.RemoveFaultAsync(delay);
        (await control.GetFaultsAsync()).Should().ContainSingle().Which.Id.Should().Be(status);

        var missing = () => control.RemoveFaultAsync(delay);
        (await missing.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);

        await control.ClearFaultsAsync();
        (await control.GetFaultsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rule_the_sandbox_refuses_is_an_HTTP_400_with_its_reason()
    {
        var act = () => sandbox.CreateControl().AddFaultAsync(new SandboxFaultSpec("no.such_method", "error", Code: PaySysErrorCodes.InternalError));

        var refused = (await act.Should().ThrowAsync<HttpRequestException>()).Which;

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Message.Should().Contain("method must be a gateway method");
    }

    [Fact]
    public async Task Any_route_answers_its_status_and_body_without_throwing()
    {
        var control = sandbox.CreateControl();

        var clock = await control.SendAsync(HttpMethod.Get, "clock");
        var moved = await control.SendAsync(HttpMethod.Post, "/_sandbox/clock", JsonSerializer.SerializeToElement(new Dictionary<string, long> { ["advance_seconds"] = 60 }));
        var refused = await control.SendAsync(HttpMethod.Post, "/clock", JsonSerializer.SerializeToElement(new Dictionary<string, long> { ["advance_seconds"] = -1 }));
        var missing = await control.SendAsync(HttpMethod.Delete, "faults/f404");

        clock.StatusCode.Should().Be(200);
        clock.Body!.Value.GetProperty("now").GetInt64().Should().Be(SandboxFactory.Start.ToUnixTimeSeconds());
        moved.IsSuccess.Should().BeTrue();
        moved.Body!.Value.GetProperty("offset_seconds").GetInt64().Should().Be(60);
        refused.StatusCode.Should().Be(400);
        refused.IsSuccess.Should().BeFalse();
        refused.Body!.Value.GetProperty("error").GetString().Should().Contain("advance_seconds");
        missing.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task Raw_routes_are_scoped_to_the_clients_tenant()
    {
        var tenant = new SandboxControlClient(sandbox.CreateClient(), serviceId: "no-such-service");

        var answer = await tenant.SendAsync(HttpMethod.Get, "cards");

        answer.StatusCode.Should().Be(404);
        answer.Body!.Value.GetProperty("error").GetString().Should().Contain("no-such-service");
    }
}
