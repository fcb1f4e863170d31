namespace PaySys.Client.Tests;

/// <summary>A cancelled token stops every call before anything is sent.</summary>
public sealed class CancellationTests
{
    public static TheoryData<string> Methods => new(Calls.Keys);

    private static readonly Dictionary<string, Func<PaySysClient, CancellationToken, Task>> Calls = new()
    {
        ["RegisterCardAsync"] = (c, t) => c.RegisterCardAsync(new RegisterCardRequest("8600490744313347", "3012", "998901112233"), t),
        ["ConfirmCardAsync"] = (c, t) => c.ConfirmCardAsync("A", "666666", t),
        ["PreparePaymentAsync"] = (c, t) => c.PreparePaymentAsync(new PreparePaymentRequest { CardId = "A", PhoneNumber = "998901112233", Amount = 1, VendorId = 1, Product = "p" }, t),
        ["ConfirmPaymentAsync"] = (c, t) => c.ConfirmPaymentAsync(1, "666666", t),
        ["ConfirmHoldAsync"] = (c, t) => c.ConfirmHoldAsync(1, HoldDecision.Accept, t),
        ["CheckPaymentAsync"] = (c, t) => c.CheckPaymentAsync(1, t),
        ["CheckPayoutAsync"] = (c, t) => c.CheckPayoutAsync(1, t),
        ["PayWithTokenAsync"] = (c, t) => c.PayWithTokenAsync("token", new TokenPaymentRequest { CardId = "A", PhoneNumber = "998901112233", Amount = 1, VendorId = 1, Product = "p" }, t),
        ["ReverseAsync"] = (c, t) => c.ReverseAsync(1, t),
        ["GetPaymentInfoAsync"] = (c, t) => c.GetPaymentInfoAsync(1, t),
        ["CancelPaymentAsync"] = (c, t) => c.CancelPaymentAsync(1, t),
        ["RefundAsync"] = (c, t) => c.RefundAsync(new RefundRequest(1, 1), t),
        ["GetFiscalChequeAsync"] = (c, t) => c.GetFiscalChequeAsync(1, t),
        ["CreateInvoiceAsync"] = (c, t) => c.CreateInvoiceAsync(new CreateInvoiceRequest { OrderId = "o", VendorId = 1, Currency = "UZS", Amount = 1m }, t),
        ["PayByCashAsync"] = (c, t) => c.PayByCashAsync(new VendorForm { Account = "a", Amount = 1, VendorId = 1 }, t),
        ["CallAsync"] = (c, t) => c.CallAsync("rpc.discover", null, null, t),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_cancelled_token_throws_without_sending(string method)
    {
        var stub = StubHandler.WithResult("{}");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => Calls[method](stub.CreateClient(), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        stub.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_token_cancelled_while_the_gateway_answers_cancels_the_call()
    {
        using var cancellation = new CancellationTokenSource();
        var stub = new StubHandler(_ =>
        {
            cancellation.Cancel();
            return StubHandler.Json("""{"id":1,"error":null,"result":{"status":2}}""");
        });
        using var http = new HttpClient(new CancellationCheckingHandler(stub)) { BaseAddress = new Uri("http://gateway.test/") };
        var client = new PaySysClient(http, new PaySysClientOptions { ServiceId = "1", SecretKey = "s" });

        var act = () => client.ConfirmHoldAsync(1, HoldDecision.Accept, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        stub.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task The_control_client_honours_a_cancelled_token()
    {
        var stub = StubHandler.WithResult("{}");
        var control = new Sandbox.SandboxControlClient(new HttpClient(stub) { BaseAddress = new Uri("http://gateway.test/") });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => control.AdvanceClockAsync(30, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        stub.Requests.Should().BeEmpty();
    }

    /// <summary>Like a real socket handler: notices a token cancelled during the exchange.</summary>
    private sealed class CancellationCheckingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return response;
        }
    }
}
