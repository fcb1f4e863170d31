using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySys.Client.Tests;

/// <summary>The envelope the client sends, the errors it raises and the type quirks it tolerates, against a stub gateway.</summary>
public sealed class ClientBehaviourTests
{
    [Fact]
    public async Task The_envelope_carries_an_id_the_method_and_only_the_params_that_were_set()
    {
        var stub = StubHandler.WithResult("""{"bank_transaction_id":1,"masked_phone_number":"+99890*****33","time_out":120}""");

        await stub.CreateClient().PreparePaymentAsync(new PreparePaymentRequest
        {
            CardId = "ABC",
            PhoneNumber = "998901112233",
            Amount = 100,
            VendorId = 100381,
            Product = "order-1",
        });

        var sent = stub.Requests.Should().ContainSingle().Subject;
        sent.Method.Should().Be(HttpMethod.Post);
        sent.Uri.Should().Be(new Uri("http://gateway.test/gateway"));
        sent.Body["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f-]{36}$");
        sent.Body["method"]!.GetValue<string>().Should().Be("pam.prepare_payment");
        sent.Body["params"]!.ToJsonString().Should().Be(
            """{"card_id":"ABC","phone_number":"998901112233","amount":100,"vendor_id":100381,"product":"order-1"}""");
        sent.Headers.Should().NotContainKey(PaySysClient.CardTokenHeader);
    }

    [Fact]
    public async Task Enum_params_travel_as_the_docs_words()
    {
        var stub = StubHandler.WithResult("""{"transaction_id":5,"cheque":"http://x/"}""");

        await stub.CreateClient().GetFiscalChequeAsync(new FiscalChequeRequest(5, FiscalChequeType.P2p));
        var hold = StubHandler.WithResult("""{"status":3}""");
        await hold.CreateClient().ConfirmHoldAsync(7, HoldDecision.Cancel);

        stub.Requests[0].Body["params"]!.ToJsonString().Should().Be("""{"transaction_id":5,"type":"p2p"}""");
        hold.Requests[0].Body["params"]!.ToJsonString().Should().Be("""{"bank_transaction_id":7,"status":"cancel"}""");
    }

    [Fact]
    public async Task An_error_response_throws_PaySysException_with_code_message_data_and_mx_id()
    {
        var stub = StubHandler.Answering("""
            {"id":"1","error":{"code":-32300,"message":"amount must be a positive integer (tiyin)","data":{"param":"amount"}},
             "result":null,"mx_id":"60b9408332261f741449e42fe6903eac"}
            """);

        var act = () => stub.CreateClient().RefundAsync(new RefundRequest(1, 0));

        var error = (await act.Should().ThrowAsync<PaySysException>()).Which;
        error.Code.Should().Be(PaySysErrorCodes.MissingParameters);
        error.Message.Should().Be("amount must be a positive integer (tiyin)");
        error.Data.Should().NotBeNull();
        error.Data!.Value.GetProperty("param").GetString().Should().Be("amount");
        error.Param.Should().Be("amount");
        error.MxId.Should().Be("60b9408332261f741449e42fe6903eac");
        error.Method.Should().Be("paysys.payment_adjustments");
    }

    [Fact]
    public async Task An_error_without_data_or_mx_id_leaves_them_null()
    {
        var stub = StubHandler.Answering("""{"id":1,"error":{"code":"-32314","message":"Transaction not found"},"result":null}""");

        var act = () => stub.CreateClient().CheckPaymentAsync(9);

        var error = (await act.Should().ThrowAsync<PaySysException>()).Which;
        error.Code.Should().Be(PaySysErrorCodes.TransactionNotFound, "a code sent as a string is read too");
        error.Data.Should().BeNull();
        error.Param.Should().BeNull();
        error.MxId.Should().BeNull();
    }

    [Fact]
    public async Task An_HTTP_error_is_an_HttpRequestException_with_its_status()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"error":"the request body is larger than the limit"}""", HttpStatusCode.RequestEntityTooLarge));

        var act = () => stub.CreateClient().ReverseAsync(1);

        var error = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        error.Message.Should().Contain("413").And.Contain("larger than the limit");
    }

    [Theory]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("""{"id":1,"error":null,"result":null}""")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":1,"error":null,"result":{"transaction_id":"abc","ref_num":"1"}}""")]
    public async Task An_unreadable_answer_is_an_invalid_response(string body)
    {
        var stub = StubHandler.Answering(body);

        var act = () => stub.CreateClient().ReverseAsync(1);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.HttpRequestError.Should().Be(HttpRequestError.InvalidResponse);
    }

    [Theory]
    [InlineData("""{"bank_transaction_id":"232288","status":"2","amount":100000}""")]
    [InlineData("""{"bank_transaction_id":232288,"status":2,"amount":"100000"}""")]
    public async Task Status_and_ids_are_read_from_strings_or_numbers(string result)
    {
        var check = await StubHandler.WithResult(result).CreateClient().CheckPaymentAsync(232_288);

        check.Should().Be(new PaymentCheck(232_288, PaymentStatuses.Completed, 100_000));
    }

    [Fact]
    public async Task A_negative_status_string_is_read()
    {
        var check = await StubHandler.WithResult("""{"bank_transaction_id":"1","status":"-1","amount":5}""").CreateClient().CheckPaymentAsync(1);

        check.Status.Should().Be(PaymentStatuses.Error);
    }

    [Fact]
    public async Task A_null_card_token_is_read_as_null()
    {
        var confirmation = await StubHandler.WithResult("""
            {"card_token":null,"card_data":{"id":"A","username":"u","pan":"860049******3347","expiry":"3012","status":"0",
             "phone":"998901112233","fullName":"X","balance":"5","sms":true}}
            """).CreateClient().ConfirmCardAsync("A", "666666");

        confirmation.CardToken.Should().BeNull();
        confirmation.CardData.Balance.Should().Be(5);
    }

    [Fact]
    public async Task A_flat_payout_status_is_read_as_well_as_the_doubled_one()
    {
        var flat = await StubHandler.WithResult("""{"bank_transaction_id":null,"amount":15000,"date":1653907664,"status":"1"}""")
            .CreateClient().CheckPayoutAsync(2_355_076);
        var doubled = await StubHandler.WithResult("""{"result":{"bank_transaction_id":null,"amount":15000,"date":1653907664,"status":1}}""")
            .CreateClient().CheckPayoutAsync(2_355_076);

        flat.Should().Be(new PayoutCheck(null, 15_000, 1_653_907_664, PaymentStatuses.AwaitingConfirmation));
        doubled.Should().Be(flat);
    }

    [Fact]
    public async Task CallAsync_sends_raw_params_and_extra_headers_and_returns_the_raw_result()
    {
        var stub = StubHandler.WithResult("""{"anything":[1,"two"]}""");
        using var parameters = JsonDocument.Parse("""{"transaction_id":"11422530"}""");

        var result = await stub.CreateClient().CallAsync("paysys.future_method", parameters.RootElement, [new("X-Trace", "abc")]);

        result.GetProperty("anything")[1].GetString().Should().Be("two");
        var sent = stub.Requests.Should().ContainSingle().Subject;
        sent.Body["method"]!.GetValue<string>().Should().Be("paysys.future_method");
        sent.Body["params"]!.ToJsonString().Should().Be("""{"transaction_id":"11422530"}""");
        sent.Headers["X-Trace"].Should().Be("abc");
        sent.Headers.Should().ContainKey("Auth");
    }

    [Fact]
    public async Task CallAsync_without_params_sends_null()
    {
        var stub = StubHandler.WithResult("{}");

        await stub.CreateClient().CallAsync("rpc.discover", null);

        stub.Requests.Should().ContainSingle().Which.Body.Should().ContainKey("params");
        stub.Requests[0].Body["params"].Should().BeNull();
    }

    [Theory]
    [InlineData("https://paysys.example/", "/gateway", "https://paysys.example/gateway")]
    [InlineData("https://paysys.example/api/", "gateway", "https://paysys.example/api/gateway")]
    [InlineData(null, "/gateway", "http://gateway.test/gateway")]
    public async Task The_endpoint_is_resolved_against_the_base_address(string? baseAddress, string endpoint, string expected)
    {
        var stub = StubHandler.WithResult("""{"transaction_id":1,"ref_num":"1"}""");
        var client = stub.CreateClient(new PaySysClientOptions
        {
            ServiceId = "1",
            SecretKey = "s",
            BaseAddress = baseAddress is null ? null : new Uri(baseAddress),
            Endpoint = endpoint,
        });

        await client.ReverseAsync(1);

        stub.Requests.Should().ContainSingle().Which.Uri.Should().Be(new Uri(expected));
    }

    [Theory]
    [InlineData("", "secret")]
    [InlineData("1", "")]
    public void Options_without_service_id_or_secret_are_refused(string serviceId, string secretKey)
    {
        var act = () => new PaySysClient(new HttpClient(), new PaySysClientOptions { ServiceId = serviceId, SecretKey = secretKey });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task A_token_payment_needs_a_token()
    {
        var stub = StubHandler.WithResult("{}");

        var act = () => stub.CreateClient().PayWithTokenAsync("", new TokenPaymentRequest
        {
            CardId = "A",
            PhoneNumber = "998901112233",
            Amount = 1,
            VendorId = 1,
            Product = "p",
        });

        await act.Should().ThrowAsync<ArgumentException>();
        stub.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_request_body_is_json_with_a_utf8_content_type()
    {
        string? contentType = null;
        var stub = new StubHandler(_ => StubHandler.Json("""{"id":1,"error":null,"result":{"status":2}}"""));
        using var http = new HttpClient(new ContentTypeSpy(stub, value => contentType = value)) { BaseAddress = new Uri("http://gateway.test/") };

        await new PaySysClient(http, new PaySysClientOptions { ServiceId = "1", SecretKey = "s" }).ConfirmHoldAsync(1, HoldDecision.Accept);

        contentType.Should().Be("application/json; charset=utf-8");
        JsonNode.Parse(stub.Requests[0].Body.ToJsonString()).Should().NotBeNull();
    }

    private sealed class ContentTypeSpy(HttpMessageHandler inner, Action<string?> seen) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen(request.Content?.Headers.ContentType?.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
