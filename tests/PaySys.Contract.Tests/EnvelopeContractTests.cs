using System.Text.Json;
using PaySys.Client;
using PaySys.Contract.Tests.Infrastructure;

namespace PaySys.Contract.Tests;

/// <summary>
/// The JSON-RPC envelope (SPEC §1), checked by the pipeline on every response and asserted here on purpose:
/// id echoed with its JSON type, a fresh 32-hex mx_id on successes and errors, jsonrpc "2.0" tolerated, the
/// envelope errors (-32700, -32600, -32601), and rpc.discover's OpenRPC document of the 14 methods.
/// </summary>
[Collection(ContractTargetGroup.Name)]
public sealed class EnvelopeContractTests(ContractTargetFixture fixture) : IDisposable
{
    private readonly ContractTarget target = fixture.Target;
    private readonly ContractScope scope = fixture.Target.Monitor.BeginScope();

    public void Dispose() => scope.Dispose();

    [Theory]
    [InlineData("42")]
    [InlineData("\"7d1e4c1a-0e6b-4b0e-9d38-3c8f3a2b1c00\"")]
    [InlineData("\"42\"")]
    public async Task The_id_comes_back_unchanged_with_its_JSON_type(string id)
    {
        var response = await target.PostAsync($$$"""{"id":{{{id}}},"method":"pam.check_payment","params":{"bank_transaction_id":1}}""");

        response.GetProperty("id").GetRawText().Should().Be(id);
        scope.Responses.Should().ContainSingle().Which.Method.Should().Be("pam.check_payment");
    }

    [Fact]
    public async Task A_request_without_id_gets_id_null()
    {
        var response = await target.PostAsync("""{"method":"pam.check_payment","params":{"bank_transaction_id":1}}""");

        response.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Every_response_success_or_error_has_its_own_32_hex_mx_id()
    {
        var first = await target.PostAsync($$$"""
            {"id":1,"method":"paysys.invoice_create","params":{"order_id":"{{{Journeys.NewProduct()}}}","vendor_id":{{{target.VendorId}}},"payment_id":-1,"currency":"UZS","amount":12.5}}
            """);
        var second = await target.PostAsync("""{"id":2,"method":"paysys.payment_info","params":{}}""");

        first.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        second.GetProperty("error").GetProperty("code").GetInt32().Should().Be(PaySysErrorCodes.MissingParameters);
        var ids = new[] { first, second }.Select(r => r.GetProperty("mx_id").GetString()).ToList();
        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{32}$")).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_jsonrpc_2_0_member_in_the_request_is_accepted()
    {
        var response = await target.PostAsync("""{"jsonrpc":"2.0","id":3,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""");

        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(PaySysErrorCodes.TransactionNotFound, "the call was read, and id 1 is no payment");
    }

    [Theory]
    [InlineData("""{"id":4,"method":"pam.check_payment","params":""", PaySysErrorCodes.ParseError)]
    [InlineData("""[{"id":5,"method":"pam.check_payment","params":{"bank_transaction_id":1}}]""", PaySysErrorCodes.InvalidRequest)]
    [InlineData("""{"id":6,"params":{}}""", PaySysErrorCodes.InvalidRequest)]
    [InlineData("""{"id":7,"method":"pam.no_such_method","params":{}}""", PaySysErrorCodes.MethodNotFound)]
    public async Task A_request_the_gateway_cannot_read_gets_an_envelope_error(string body, int code)
    {
        var response = await target.PostAsync(body);

        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(code);
        response.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SandboxFact]
    public async Task Rpc_discover_answers_without_Auth_with_an_OpenRPC_document_of_the_14_methods()
    {
        var response = await target.PostAsync("""{"id":"discover","method":"rpc.discover"}""", withAuth: false);

        var document = response.GetProperty("result");
        document.GetProperty("openrpc").GetString().Should().StartWith("1.");
        var methods = document.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
        methods.Should().HaveCount(14).And.Equal(ContractSchemas.Default.Methods);
        document.GetProperty("methods").EnumerateArray().Should().AllSatisfy(m =>
            m.GetProperty("result").GetProperty("schema").ValueKind.Should().Be(JsonValueKind.Object));
        scope.Responses.Should().ContainSingle().Which.Should().Be(new CheckedResponse(ContractSchemas.RpcDiscover, null, Valid: true));
    }
}
