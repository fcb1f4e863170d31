using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PaySys.Sandbox.Tests;

/// <summary>SPEC §1: transport and the JSON-RPC envelope.</summary>
public sealed class EnvelopeTests : IDisposable
{
    private const int DefaultLimit = 64 * 1024;
    private const string MxIdPattern = "^[0-9a-f]{32}$";

    private readonly SandboxFactory sandbox = new();

    public void Dispose() => sandbox.Dispose();

    // ---- id ----

    [Theory]
    [InlineData("\"3f2a1c9e-4b7d-4e0a-9c1b-2d5e6f708192\"", JsonValueKind.String)]
    [InlineData("\"\"", JsonValueKind.String)]
    [InlineData("7", JsonValueKind.Number)]
    [InlineData("0", JsonValueKind.Number)]
    [InlineData("12345678901234", JsonValueKind.Number)]
    public async Task Id_is_echoed_with_its_json_type_on_success(string idJson, JsonValueKind kind)
    {
        var response = await PostSigned($$"""{"id":{{idJson}},"method":"paysys.card_registration","params":{{RegistrationParams}}}""");

        response["error"].Should().BeNull();
        response["id"]!.GetValueKind().Should().Be(kind);
        response["id"]!.ToJsonString().Should().Be(idJson);
    }

    [Theory]
    [InlineData("\"abc\"", JsonValueKind.String)]
    [InlineData("12345678901234", JsonValueKind.Number)]
    public async Task Id_is_echoed_with_its_json_type_on_error(string idJson, JsonValueKind kind)
    {
        var response = await PostSigned("{\"id\":" + idJson + ",\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}");

        ErrorCode(response).Should().Be(-32314);
        response["id"]!.GetValueKind().Should().Be(kind);
        response["id"]!.ToJsonString().Should().Be(idJson);
    }

    [Fact]
    public async Task A_big_numeric_id_keeps_every_digit()
    {
        var (_, body) = await PostRawSigned($$"""{"id":12345678901234,"method":"paysys.card_registration","params":{{RegistrationParams}}}""");

        body.Should().Contain("\"id\":12345678901234");
        JsonNode.Parse(body)!["id"]!.GetValue<long>().Should().Be(12345678901234);
    }

    [Theory]
    [InlineData($$"""{"method":"paysys.card_registration","params":{{RegistrationParams}}}""")]
    [InlineData($$"""{"id":null,"method":"paysys.card_registration","params":{{RegistrationParams}}}""")]
    public async Task Missing_or_null_id_is_answered_with_a_null_id(string request)
    {
        var response = await PostSigned(request);

        response["error"].Should().BeNull();
        response.ContainsKey("id").Should().BeTrue("the envelope always carries id");
        response["id"].Should().BeNull();
    }

    // ---- envelope shape and mx_id ----

    [Fact]
    public async Task A_success_has_null_error_a_result_and_an_mx_id()
    {
        var response = await PostSigned($$"""{"id":1,"method":"paysys.card_registration","params":{{RegistrationParams}}}""");

        response.Select(p => p.Key).Should().BeEquivalentTo("id", "error", "result", "mx_id");
        response["error"].Should().BeNull();
        response["result"]!.GetValueKind().Should().Be(JsonValueKind.Object);
        response["mx_id"]!.GetValue<string>().Should().MatchRegex(MxIdPattern);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":1,\"method\":\"no.such_method\",\"params\":{}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    public async Task Every_error_has_null_result_a_coded_error_and_an_mx_id(string request)
    {
        var (status, body) = await PostRawSigned(request);

        status.Should().Be(HttpStatusCode.OK, "JSON-RPC errors travel with HTTP 200");
        var response = JsonNode.Parse(body)!.AsObject();
        response.Select(p => p.Key).Should().BeEquivalentTo("id", "error", "result", "mx_id");
        response["result"].Should().BeNull();
        response["error"]!["code"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        response["error"]!["message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        response["mx_id"]!.GetValue<string>().Should().MatchRegex(MxIdPattern);
    }

    [Fact]
    public async Task An_auth_failure_also_gets_http_200_and_an_mx_id()
    {
        var gateway = sandbox.CreateGateway();

        var (status, body) = await gateway.PostRaw("""{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""");

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!.AsObject();
        ErrorCode(response).Should().Be(-32504);
        response["mx_id"]!.GetValue<string>().Should().MatchRegex(MxIdPattern);
    }

    [Fact]
    public async Task Mx_id_is_fresh_on_every_response()
    {
        var request = $$"""{"id":1,"method":"paysys.card_registration","params":{{RegistrationParams}}}""";

        var first = await PostSigned(request);
        var second = await PostSigned(request);
        var firstError = await PostSigned("{\"id\":1,\"method\":\"nope\"}");
        var secondError = await PostSigned("{\"id\":1,\"method\":\"nope\"}");

        var ids = new[] { first, second, firstError, secondError }.Select(r => r["mx_id"]!.GetValue<string>()).ToList();
        ids.Should().AllSatisfy(id => id.Should().MatchRegex(MxIdPattern));
        ids.Should().OnlyHaveUniqueItems();
    }

    // ---- content type and parse errors ----

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task A_body_that_is_not_json_is_a_parse_error(string contentType)
    {
        var (status, body) = await PostRawSigned("{\"id\":1,\"method\":", contentType);

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!.AsObject();
        ErrorCode(response).Should().Be(-32700);
        response["id"].Should().BeNull();
    }

    [Fact]
    public async Task A_body_that_is_not_json_sent_as_text_plain_is_http_415()
    {
        var (status, body) = await PostRawSigned("hello", "text/plain");

        status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain("text/plain");
    }

    [Fact]
    public async Task A_json_body_sent_as_text_plain_is_still_accepted()
    {
        var (status, body) = await PostRawSigned(
            $$"""{"id":5,"method":"paysys.card_registration","params":{{RegistrationParams}}}""", "text/plain");

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!.AsObject();
        response["error"].Should().BeNull();
        response["result"]!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Theory]
    [InlineData("{\"id\":\"#\",\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.#\",\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":\"paysys.card_registration\",\"params\":{\"card_number\":\"#\",\"card_expire\":\"3012\"}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"#\":1}}")]
    public async Task A_body_that_is_not_utf8_is_a_parse_error_not_a_crash(string template)
    {
        // '#' marks where two bytes that are never valid UTF-8 go.
        var at = template.IndexOf('#', StringComparison.Ordinal);
        byte[] body = [.. Encoding.UTF8.GetBytes(template[..at]), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(template[(at + 1)..])];
        var gateway = sandbox.CreateGateway();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/gateway") { Content = content };
        message.Headers.TryAddWithoutValidation("Auth", gateway.SignNow());

        using var response = await gateway.Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        text.Should().NotContain("Exception");
        ErrorCode(JsonNode.Parse(text)!.AsObject()).Should().Be(-32700);
    }

    // ---- invalid requests ----

    [Theory]
    [InlineData("[{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}]")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"pam.check_payment\"")]
    [InlineData("null")]
    [InlineData("{\"id\":1,\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":null,\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":42,\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":[\"pam.check_payment\"],\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":[1]}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":\"bank_transaction_id=1\"}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":7}")]
    [InlineData("{\"id\":{\"n\":1},\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":[1],\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":true,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    public async Task A_request_that_is_not_a_valid_json_rpc_object_is_invalid_request(string request)
    {
        var (status, body) = await PostRawSigned(request);

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!.AsObject();
        ErrorCode(response).Should().Be(-32600);
        response["mx_id"]!.GetValue<string>().Should().MatchRegex(MxIdPattern);
    }

    [Fact]
    public async Task An_invalid_request_with_a_valid_id_still_echoes_the_id()
    {
        var response = await PostSigned("{\"id\":\"req-9\",\"params\":{}}");

        ErrorCode(response).Should().Be(-32600);
        response["id"]!.GetValue<string>().Should().Be("req-9");
    }

    [Fact]
    public async Task A_batch_is_answered_with_one_error_object_not_an_array()
    {
        var (_, body) = await PostRawSigned("[{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}]");

        var response = JsonNode.Parse(body)!;
        response.GetValueKind().Should().Be(JsonValueKind.Object);
        ErrorCode(response.AsObject()).Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("batch");
    }

    [Fact]
    public async Task An_unknown_method_is_method_not_found_naming_it()
    {
        var response = await PostSigned("{\"id\":1,\"method\":\"pam.make_me_rich\",\"params\":{}}");

        ErrorCode(response).Should().Be(-32601);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("pam.make_me_rich");
        response["id"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_method_named_like_a_card_number_is_echoed_masked()
    {
        var response = await PostSigned("{\"id\":1,\"method\":\"8600490744313347\",\"params\":{}}");

        ErrorCode(response).Should().Be(-32601);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("860049******3347").And.NotContain("8600490744313347");
    }

    [Fact]
    public async Task Method_names_are_case_sensitive()
    {
        var response = await PostSigned("{\"id\":1,\"method\":\"PAM.CHECK_PAYMENT\",\"params\":{\"bank_transaction_id\":1}}");

        ErrorCode(response).Should().Be(-32601);
    }

    [Fact]
    public async Task Jsonrpc_2_0_member_is_accepted()
    {
        var response = await PostSigned($$"""{"jsonrpc":"2.0","id":1,"method":"paysys.card_registration","params":{{RegistrationParams}}}""");

        response["error"].Should().BeNull();
        response["result"]!["time_out"]!.GetValue<int>().Should().Be(120);
    }

    [Theory]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\"}", "bank_transaction_id")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":null}", "bank_transaction_id")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{}}", "bank_transaction_id")]
    [InlineData("{\"id\":1,\"method\":\"transaction.reverse\"}", "transaction_id")]
    [InlineData("{\"id\":1,\"method\":\"transaction.reverse\",\"params\":null}", "transaction_id")]
    [InlineData("{\"id\":1,\"method\":\"paysys.card_registration\"}", "card_number")]
    public async Task Params_omitted_or_null_for_a_method_that_needs_them_is_missing_parameters(string request, string param)
    {
        var response = await PostSigned(request);

        ErrorCode(response).Should().Be(-32300);
        response["error"]!["data"]!["param"]!.GetValue<string>().Should().Be(param);
        response["error"]!["message"]!.GetValue<string>().Should().Contain(param);
    }

    // ---- HTTP level ----

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Verbs_other_than_post_on_the_gateway_are_http_405(string verb)
    {
        using var http = sandbox.CreateClient();
        using var message = new HttpRequestMessage(new HttpMethod(verb), "/gateway");
        if (verb is "PUT" or "PATCH")
        {
            message.Content = new StringContent("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{}}", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(message);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["error"]!.GetValue<string>().Should().Contain("POST").And.Contain("application/json").And.Contain("Auth");
    }

    [Fact]
    public async Task Head_on_the_gateway_is_405_without_a_body()
    {
        using var http = sandbox.CreateClient();
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/gateway"));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_landing_page_says_where_the_gateway_console_and_control_api_are()
    {
        using var http = sandbox.CreateClient();
        using var response = await http.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("/gateway").And.Contain("href=\"/_sandbox/ui\"").And.Contain("href=\"/_sandbox/health\"").And.Contain("rpc.discover");
    }

    [Fact]
    public async Task Post_to_gateway_with_a_trailing_slash_works()
    {
        var gateway = sandbox.CreateGateway();
        using var content = new StringContent(
            $$"""{"id":1,"method":"paysys.card_registration","params":{{RegistrationParams}}}""", Encoding.UTF8, "application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/gateway/") { Content = content };
        message.Headers.TryAddWithoutValidation("Auth", gateway.SignNow());

        using var response = await gateway.Http.SendAsync(message);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["error"].Should().BeNull();
        body["result"]!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Fact]
    public async Task A_body_over_the_default_limit_is_http_413_naming_the_limit_even_without_auth()
    {
        var gateway = sandbox.CreateGateway();

        var (status, body) = await gateway.PostRaw(PaddedRequest(DefaultLimit + 1));

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var error = JsonNode.Parse(body)!;
        error["limit_bytes"]!.GetValue<int>().Should().Be(DefaultLimit);
        error["error"]!.GetValue<string>().Should().Contain(DefaultLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_body_of_exactly_the_default_limit_is_accepted()
    {
        var gateway = sandbox.CreateGateway();

        var (status, body) = await gateway.PostRaw(PaddedRequest(DefaultLimit), new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        status.Should().Be(HttpStatusCode.OK);
        ErrorCode(JsonNode.Parse(body)!.AsObject()).Should().Be(-32314, "the padded request reached the method: {0}", body);
    }

    [Fact]
    public async Task A_configured_smaller_limit_is_enforced_before_auth()
    {
        using var small = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:MaxBodyBytes"] = "1024" });
        var gateway = small.CreateGateway();

        var (overStatus, overBody) = await gateway.PostRaw(PaddedRequest(1025));
        var (atStatus, atBody) = await gateway.PostRaw(PaddedRequest(1024), new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        overStatus.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        JsonNode.Parse(overBody)!["limit_bytes"]!.GetValue<int>().Should().Be(1024);
        atStatus.Should().Be(HttpStatusCode.OK);
        ErrorCode(JsonNode.Parse(atBody)!.AsObject()).Should().Be(-32314);
    }

    [Fact]
    public async Task A_streamed_body_without_content_length_over_the_limit_is_http_413()
    {
        using var small = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:MaxBodyBytes"] = "1024" });

        var (status, body) = await PostWithoutContentLength(small, PaddedRequest(10_000), auth: null);

        status.Should().Be(StatusCodes.Status413PayloadTooLarge);
        JsonNode.Parse(body)!["limit_bytes"]!.GetValue<int>().Should().Be(1024);
    }

    [Fact]
    public async Task A_streamed_body_without_content_length_within_the_limit_is_read_whole()
    {
        var (status, body) = await PostWithoutContentLength(sandbox, PaddedRequest(DefaultLimit), sandbox.CreateGateway().SignNow());

        status.Should().Be(StatusCodes.Status200OK);
        ErrorCode(JsonNode.Parse(body)!.AsObject()).Should().Be(-32314);
    }

    [Fact]
    public async Task A_body_over_the_limit_with_a_bad_auth_header_is_still_413()
    {
        var gateway = sandbox.CreateGateway();

        var (status, _) = await gateway.PostRaw(PaddedRequest(DefaultLimit + 100), new Dictionary<string, string> { ["Auth"] = "garbage" });

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deep_nesting_is_a_json_rpc_error_never_a_500(bool insideParams)
    {
        var nested = new string('[', 1000) + new string(']', 1000);
        var request = insideParams
            ? $"{{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{{\"bank_transaction_id\":{nested}}}}}"
            : nested;

        var (status, body) = await PostRawSigned(request);

        status.Should().Be(HttpStatusCode.OK);
        ErrorCode(JsonNode.Parse(body)!.AsObject()).Should().BeOneOf(-32700, -32600);
        body.Should().NotContain("Exception");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("{\"id\":1e400,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":99999999999999999999999}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":-1}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1.5}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":{\"a\":1}}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.prepare_payment\",\"params\":{\"card_number\":\"8600490744313347\",\"card_expire\":\"9999\"}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.prepare_payment\",\"params\":{\"card_id\":[],\"amount\":1e30}}")]
    [InlineData("{\"id\":1,\"method\":\"hold.confirm\",\"params\":{\"bank_transaction_id\":\"1\",\"status\":\"maybe\"}}")]
    [InlineData("{\"id\":1,\"method\":\"pam.payment\",\"params\":{\"card_id\":\"X\"}}")]
    [InlineData("{\"id\":1,\"method\":\"paysys.card_confirm\",\"params\":{\"card_id\":\"\",\"confirmation_code\":123456}}")]
    [InlineData("{\"id\":1,\"method\":\"\\u0000\",\"params\":{}}")]
    [InlineData("{\"id\":1,\"id\":2,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1}}")]
    public async Task No_response_ever_leaks_an_exception_or_a_stack_trace(string request)
    {
        var (status, body) = await PostRawSigned(request);

        status.Should().Be(HttpStatusCode.OK, body);
        body.Should().NotContain("Exception").And.NotContain("   at ");
        var response = JsonNode.Parse(body)!.AsObject();
        response["mx_id"]!.GetValue<string>().Should().MatchRegex(MxIdPattern);
        ((int?)response["error"]?["code"]).Should().NotBe(-32400, "a bad request is the caller's error, not an internal one: {0}", body);
    }

    // ---- helpers ----

    /// <summary>
    /// Posts straight into the test server with no Content-Length (HttpClient over the test server always sends one),
    /// so the gateway must count the bytes as they arrive.
    /// </summary>
    private static async Task<(int Status, string Body)> PostWithoutContentLength(SandboxFactory factory, string request, string? auth)
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = "/gateway";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(request));
            if (auth is not null)
            {
                http.Request.Headers["Auth"] = auth;
            }
        });

        context.Request.ContentLength.Should().BeNull("the test must exercise the streaming limit, not Content-Length");
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    private const string RegistrationParams =
        "{\"phone_number\":\"998901112233\",\"card_number\":\"8600490744313347\",\"card_expire\":\"3012\"}";

    private static int ErrorCode(JsonObject response)
    {
        response["result"].Should().BeNull("an error response has a null result: {0}", response.ToJsonString());
        return response["error"]!["code"]!.GetValue<int>();
    }

    /// <summary>A check_payment request padded with an ignored param to exactly <paramref name="size"/> bytes.</summary>
    private static string PaddedRequest(int size)
    {
        const string prefix = "{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":1,\"pad\":\"";
        const string suffix = "\"}}";
        var request = prefix + new string('x', size - prefix.Length - suffix.Length) + suffix;
        Encoding.UTF8.GetByteCount(request).Should().Be(size);
        return request;
    }

    private async Task<(HttpStatusCode Status, string Body)> PostRawSigned(string request, string contentType = "application/json")
    {
        var gateway = sandbox.CreateGateway();
        return await gateway.PostRaw(request, new Dictionary<string, string> { ["Auth"] = gateway.SignNow() }, contentType);
    }

    private async Task<JsonObject> PostSigned(string request)
    {
        var (status, body) = await PostRawSigned(request);
        status.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
