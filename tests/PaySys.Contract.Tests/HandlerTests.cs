using System.Net;
using System.Text;
using System.Text.Json;
using PaySys.Client;
using PaySys.Contract.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PaySys.Contract.Tests;

/// <summary>
/// The schema-validating handler itself, fed canned responses (no gateway): it lets a valid response through
/// untouched and fails every kind of violation with the method, the JSON path and the masked body, so the suite
/// cannot pass silently.
/// </summary>
public sealed class HandlerTests(ITestOutputHelper output)
{
    private const string Pan = "8600490744313347";

    private readonly ContractMonitor monitor = new();

    public static TheoryData<string, string, string, string> Violations() => new()
    {
        // method, response envelope ($ID = the request's id, $MX = a fresh mx_id), the JSON path named, a phrase of the problem
        {
            "pam.check_payment",
            """{"id":$ID,"error":null,"result":{"bank_transaction_id":"137664001","status":"9","amount":100000},"mx_id":"$MX"}""",
            "$.result.status", "NotInEnumeration"
        },
        {
            "hold.confirm",
            """{"id":$ID,"error":null,"result":{"status":"2"},"mx_id":"$MX"}""",
            "$.result.status", "IntegerExpected"
        },
        {
            "transaction.reverse",
            """{"id":$ID,"error":null,"result":{"transaction_id":11424156,"ref_num":"123456789012","extra":1},"mx_id":"$MX"}""",
            "$.result.extra", "NoAdditionalPropertiesAllowed"
        },
        {
            "paysys.card_registration",
            """{"id":$ID,"error":null,"result":{"id":"6A0A002A1289688F2CDA1F1C0686359C16","masked_phone_number":"+99890*****50"},"mx_id":"$MX"}""",
            "$.result.time_out", "PropertyRequired 'time_out'"
        },
        {
            "pam.check_payment",
            """{"id":$ID,"error":{"code":-1,"message":"nope"},"result":null,"mx_id":"$MX"}""",
            "$.error.code", "NotInEnumeration"
        },
        {
            "pam.check_payment",
            """{"id":$ID,"error":{"code":-32309,"message":"Insufficient funds"},"result":null,"mx_id":"$MX"}""",
            "$.error.code", "not among the errors contracts/openrpc.json declares for pam.check_payment"
        },
        {
            "pam.check_payment",
            """{"id":$ID,"error":{"code":-32300,"message":""},"result":null,"mx_id":"$MX"}""",
            "$.error.message", "StringTooShort"
        },
        {
            "paysys.payment_info",
            """{"id":12345,"error":null,"result":{"transaction_id":1,"vendor_user_id":"u","bank_transaction_id":1,"amount":1,"currency":860,"status":2,"date":1},"mx_id":"$MX"}""",
            "$.id", "must echo the request's id"
        },
        {
            "paysys.payment_info",
            """{"id":$ID,"error":null,"result":{"transaction_id":1,"vendor_user_id":"u","bank_transaction_id":1,"amount":1,"currency":860,"status":2,"date":1}}""",
            "$.mx_id", "missing"
        },
        {
            "paysys.payment_info",
            """{"id":$ID,"error":null,"result":{"transaction_id":1,"vendor_user_id":"u","bank_transaction_id":1,"amount":1,"currency":860,"status":2,"date":1},"mx_id":"ABCDEF0123456789ABCDEF0123456789"}""",
            "$.mx_id", "PatternMismatch"
        },
        {
            "paysys.payment_info",
            """{"id":$ID,"error":null,"result":null,"mx_id":"$MX"}""",
            "$", "exactly one of error and result must be null"
        },
        {
            "paysys.payment_info",
            """{"id":$ID,"error":null,"result":{"transaction_id":1},"mx_id":"$MX","jsonrpc":"2.0"}""",
            "$.jsonrpc", "NoAdditionalPropertiesAllowed"
        },
        {
            "pam.check_payment",
            """{"id":$ID,"error":null,"result":{"result":{"bank_transaction_id":null,"amount":12000,"date":1700000000,"status":"pending"}},"mx_id":"$MX"}""",
            "$.result.result.status", "alternative"
        },
        {
            "paysys.no_such_method",
            """{"id":$ID,"error":null,"result":{"anything":true},"mx_id":"$MX"}""",
            "$.result", "no result schema for 'paysys.no_such_method'"
        },
        {
            "pam.check_payment",
            """<html>502 Bad Gateway</html>""",
            "$", "not JSON"
        },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task A_response_that_breaks_the_contract_fails_the_call_naming_the_method_and_the_path(string method, string envelope, string path, string problem)
    {
        var client = Client(envelope);

        var call = () => client.CallAsync(method, JsonDocument.Parse("""{"bank_transaction_id":1}""").RootElement);

        var violation = (await call.Should().ThrowAsync<ContractViolationException>()).Which;
        output.WriteLine(violation.Message);
        violation.Method.Should().Be(method);
        violation.Problems.Should().Contain(p => p.Path == path && p.Problem.Contains(problem), "the message was: {0}", violation.Message);
        violation.Message.Should().StartWith(method + ": the response breaks the contract").And.Contain($"{path}: ").And.Contain("body: ");
        monitor.Violations.Should().ContainSingle().Which.Should().BeSameAs(violation);
        monitor.Responses.Should().ContainSingle().Which.Valid.Should().BeFalse();
    }

    [Fact]
    public async Task A_violation_shows_the_body_with_card_numbers_and_tokens_masked()
    {
        var client = Client($$$"""
            {"id":$ID,"error":null,"result":{"details":{"id":"6A0A002A1289688F2CDA1F1C0686359C16","masked_card_number":"{{{Pan}}}",
            "transaction_id":"11424156","bank_transaction_id":"137664001","reference_number":"123456789012","amount":100000,
            "merchantId":"90510317","terminalId":"91500217","date":1645678901},"card":{"id":"6A0A002A1289688F2CDA1F1C0686359C16","token":"SECRETTOKEN0123456789abcdef012345"}},"mx_id":"$MX"}
            """);

        var call = () => client.ConfirmPaymentAsync(137664001, "123456");

        var violation = (await call.Should().ThrowAsync<ContractViolationException>()).Which;
        violation.Problems.Should().Contain(p => p.Path == "$.result.details.masked_card_number" && p.Problem.StartsWith("PatternMismatch", StringComparison.Ordinal));
        violation.Message.Should().NotContain(Pan).And.Contain("860049******3347");
        violation.Message.Should().NotContain("SECRETTOKEN").And.Contain("\"token\":\"SECR…\"");
        violation.Message.Should().Contain("6A0A002A1289688F2CDA1F1C0686359C16", "a hex card id is not a card number");
    }

    [Fact]
    public async Task A_valid_response_reaches_the_client_unchanged_and_is_recorded()
    {
        var client = Client("""{"id":$ID,"error":null,"result":{"bank_transaction_id":"137664001","status":"2","amount":100000},"mx_id":"$MX"}""");

        var check = await client.CheckPaymentAsync(137664001);

        check.Should().Be(new PaymentCheck(137664001, PaymentStatuses.Completed, 100_000));
        monitor.Violations.Should().BeEmpty();
        monitor.Responses.Should().ContainSingle().Which.Should().Be(new CheckedResponse("pam.check_payment", null, Valid: true));
    }

    [Fact]
    public async Task A_documented_error_passes_and_reaches_the_client_as_a_PaySysException()
    {
        var client = Client("""{"id":$ID,"error":{"code":-32314,"message":"Transaction not found","data":{"param":"bank_transaction_id"}},"result":null,"mx_id":"$MX"}""");

        var call = () => client.CheckPaymentAsync(1);

        (await call.Should().ThrowAsync<PaySysException>()).Which.Code.Should().Be(PaySysErrorCodes.TransactionNotFound);
        monitor.Responses.Should().ContainSingle().Which.Should().Be(new CheckedResponse("pam.check_payment", -32314, Valid: true));
    }

    [Fact]
    public async Task An_mx_id_used_twice_fails_the_second_response()
    {
        const string mxId = "0123456789abcdef0123456789abcdef";
        var client = Client("""{"id":$ID,"error":null,"result":{"status":2},"mx_id":"0123456789abcdef0123456789abcdef"}""");

        await client.ConfirmHoldAsync(1, HoldDecision.Accept);
        var again = () => client.ConfirmHoldAsync(1, HoldDecision.Accept);

        (await again.Should().ThrowAsync<ContractViolationException>()).Which.Problems
            .Should().ContainSingle(p => p.Path == "$.mx_id" && p.Problem.Contains(mxId) && p.Problem.Contains("fresh"));
    }

    [Fact]
    public async Task A_number_id_must_come_back_as_the_same_number_not_as_a_string()
    {
        using var http = Http("""{"id":"7","error":null,"result":{"status":2},"mx_id":"$MX"}""");

        var send = () => http.PostAsync("gateway", new StringContent("""{"id":7,"method":"hold.confirm","params":{}}""", Encoding.UTF8, "application/json"));

        (await send.Should().ThrowAsync<ContractViolationException>()).Which.Problems
            .Should().ContainSingle(p => p.Path == "$.id" && p.Problem.Contains("7 (a number)") && p.Problem.Contains("\"7\" (a string)"));
    }

    [Fact]
    public async Task Transport_errors_and_other_routes_pass_through_unchecked()
    {
        using var http = Http("not json at all", HttpStatusCode.TooManyRequests);
        using var other = Http("not json at all");

        using var limited = await http.PostAsync("gateway", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var page = await other.GetAsync("receipt?t=1");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await page.Content.ReadAsStringAsync()).Should().Be("not json at all");
        monitor.Responses.Should().BeEmpty();
    }

    [Fact]
    public async Task A_test_scope_fails_on_a_violation_even_when_the_test_caught_it()
    {
        var client = Client("""{"id":$ID,"error":null,"result":{"status":"accepted"},"mx_id":"$MX"}""");
        var scope = monitor.BeginScope();

        try
        {
            await client.ConfirmHoldAsync(1, HoldDecision.Accept);
        }
        catch (ContractViolationException)
        {
            // a careless test swallowing the failure
        }

        var end = scope.Dispose;
        end.Should().Throw<ContractViolationException>().WithMessage("*1 response(s) broke the contract*hold.confirm*$.result.status*");
    }

    [Fact]
    public void A_test_scope_fails_when_the_handler_saw_no_gateway_response()
    {
        var scope = monitor.BeginScope();

        var end = scope.Dispose;

        end.Should().Throw<InvalidOperationException>().WithMessage("*saw no gateway response*");
    }

    [Fact]
    public async Task The_contract_has_a_result_schema_and_declared_errors_for_each_of_the_14_methods()
    {
        var schemas = ContractSchemas.Default;

        schemas.Methods.Should().HaveCount(14);
        foreach (var method in schemas.Methods)
        {
            (await schemas.ResultAsync(method)).Should().NotBeNull("{0} needs schemas/{0}.result.json", method);
            schemas.DeclaredErrors(method).Should().NotBeNullOrEmpty("openrpc.json declares {0}'s errors", method);
        }

        (await schemas.ResultAsync("paysys.no_such_method")).Should().BeNull();
    }

    [Theory]
    [InlineData("8600490744313347", "860049******3347")]
    [InlineData("card 9860010112345678, again 9860010112345678.", "card 986001******5678, again 986001******5678.")]
    [InlineData("6A0A002A1289688F2CDA1F1C0686359C16", "6A0A002A1289688F2CDA1F1C0686359C16")]
    [InlineData("12345678901234567", "12345678901234567")]
    [InlineData("86004907443133470", "860049******3470")]
    [InlineData("\"card_token\": \"abcdefgh12345678\"", "\"card_token\": \"abcd…\"")]
    public void Redaction_masks_card_numbers_and_tokens_only(string text, string expected) =>
        Redaction.Body(text).Should().Be(expected);

    /// <summary>A client whose pipeline is the handler over a stub that answers <paramref name="envelope"/>.</summary>
    private PaySysClient Client(string envelope) =>
        new(Http(envelope), new PaySysClientOptions { ServiceId = "1", SecretKey = "secret", BaseAddress = new Uri("http://gateway.test/") });

    private HttpClient Http(string envelope, HttpStatusCode status = HttpStatusCode.OK) =>
        new(new SchemaValidatingHandler(ContractSchemas.Default, monitor) { InnerHandler = new CannedGateway(envelope, status) })
        {
            BaseAddress = new Uri("http://gateway.test/"),
        };

    /// <summary>Answers every request with the envelope, $ID replaced by the request's id and $MX by a fresh mx_id.</summary>
    private sealed class CannedGateway(string envelope, HttpStatusCode status) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var id = "null";
            if (request.Content is not null)
            {
                using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
                id = body.RootElement.TryGetProperty("id", out var value) ? value.GetRawText() : "null";
            }

            var text = envelope.Replace("$ID", id, StringComparison.Ordinal).Replace("$MX", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
            return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        }
    }
}
