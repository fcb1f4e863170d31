using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Issue 14, item 8: a member written twice in one object, anywhere in the request, is refused with -32600 naming
/// it, and nothing is done: a proxy or log that reads the first of the two can never disagree with the sandbox.
/// </summary>
public sealed class DuplicateMemberTests
{
    public static TheoryData<string, string> Requests => new()
    {
        { """{"id":7,"method":"pam.prepare_payment","params":{"card_number":"8600490744313347","card_expire":"3012","phone_number":"998901112233","amount":100,"amount":5,"vendor_id":100381,"product":"p"}}""", "params.amount" },
        { """{"id":7,"method":"pam.check_payment","method":"pam.prepare_payment","params":{}}""", "method" },
        { """{"id":7,"method":"pam.check_payment","params":{"bank_transaction_id":1},"params":{"bank_transaction_id":2}}""", "params" },
        { """{"id":7,"method":"pam.check_payment","params":{"bank_transaction_id":1,"bank_\u0074ransaction_id":2}}""", "params.bank_transaction_id" },
        { """{"id":7,"method":"paysys.invoice_create","params":{"items":[{"title":"a"},{"title":"b","title":"c"}]}}""", "params.items[1].title" },
        { """{"id":7,"jsonrpc":"2.0","jsonrpc":"2.0","method":"rpc.discover"}""", "jsonrpc" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_duplicated_member_is_refused_with_invalid_request_naming_it(string body, string member)
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var (_, answer) = await gateway.PostRaw(body, new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });

        var response = JsonNode.Parse(answer)!;
        response["id"]!.GetValue<int>().Should().Be(7, "the id is echoed when it is not the duplicated member");
        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Contain($"'{member}'");
        (await gateway.Transactions()).Should().BeEmpty("nothing was done");
    }

    [Fact]
    public async Task A_duplicated_id_is_not_echoed()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var (_, answer) = await gateway.PostRaw("""{"id":1,"id":2,"method":"rpc.discover"}""");

        var response = JsonNode.Parse(answer)!;
        response["id"].Should().BeNull();
        response["error"]!["message"]!.GetValue<string>().Should().Contain("'id'");
    }

    [Fact]
    public async Task Equal_members_in_different_objects_are_no_duplicate()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var (_, answer) = await gateway.PostRaw("""{"id":1,"method":"rpc.discover","params":{"id":1,"method":"x","a":{"a":{"a":1}}}}""");

        JsonNode.Parse(answer)!["error"].Should().BeNull();
    }
}
