using System.Net;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Issue 14, items 3 and 8: a full card number leaves the sandbox in no written form — JSON-escaped, spaced,
/// dashed, glued to letters, inside a longer run — through the journal, an error message, the 415 answer or a log
/// line of the framework; and ordinary numbers (an amount of 2⁶³−1) are not masked as if they were cards.
/// </summary>
public sealed class CardNumberFormsTests
{
    private const string Pan = Cards.UzcardPan;

    public static TheoryData<string, string> Spellings => new()
    {
        { "JSON-escaped digit", "\\u0038600490744313347" },
        { "every digit escaped", string.Concat(Pan.Select(c => $"\\u{(int)c:x4}")) },
        { "spaced", "8600 4907 4431 3347" },
        { "dashed", "8600-4907-4431-3347" },
        { "glued to letters", "card8600490744313347end" },
        { "inside a 20-digit run", Pan + "1234" },
        { "escaped space", "8600\\u00204907\\u00204431\\u00203347" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task The_journal_never_shows_a_card_number_however_it_was_spelled(string spelling, string written)
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();
        var body = "{\"id\":1,\"method\":\"paysys.card_registration\",\"params\":{\"card_number\":\"" + written + "\",\"card_expire\":\"3012\",\"phone_number\":\"" + Cards.UzcardPhone + "\",\"note\":\"" + written + "\"}}";

        await gateway.PostRaw(body, new Dictionary<string, string> { ["Auth"] = gateway.SignNow() });
        var (_, journal) = await gateway.ControlRaw(HttpMethod.Get, "journal");

        journal.Should().Contain("paysys.card_registration", "the call is journaled ({0})", spelling);
        Digits(journal).Should().NotContain(Pan, "the journal holds no full card number ({0}): {1}", spelling, journal);
        journal.Should().Contain("860049******", "what was masked is still recognisable ({0})", spelling);
    }

    [Theory]
    [InlineData("8600490744313347")]
    [InlineData("x8600490744313347")]
    [InlineData("\\u0038600490744313347.x")]
    [InlineData("pam.8600-4907-4431-3347")]
    public async Task An_unknown_method_name_is_echoed_masked(string method)
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var (_, body) = await gateway.PostRaw($$"""{"id":1,"method":"{{method}}"}""");

        var error = JsonNode.Parse(body)!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(-32601);
        Digits(error["message"]!.GetValue<string>()).Should().NotContain(Pan).And.Contain("860049");
    }

    [Fact]
    public async Task The_415_answer_echoes_the_content_type_masked()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var (status, body) = await gateway.PostRaw("not json", contentType: "text/card8600490744313347");

        status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        body.Should().NotContain(Pan).And.Contain("text/card860049******3347");
    }

    [Fact]
    public async Task Framework_log_lines_at_information_carry_no_card_number_in_path_query_or_content_type()
    {
        using var sandbox = new SandboxFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var client = sandbox.CreateClient();

        using var content = new StringContent("{}");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; card=8600490744313347");
        (await client.PostAsync($"/gateway?card={Pan}&spaced=8600%204907%204431%203347", content)).Dispose();
        (await client.GetAsync($"/_sandbox/pay/{Pan}")).Dispose();

        var lines = sandbox.Logs.Lines.Select(l => l.ToString()).ToList();
        lines.Should().Contain(l => l.Contains("Request starting", StringComparison.Ordinal), "the request log is on at Information");
        lines.Where(l => Digits(l).Contains(Pan, StringComparison.Ordinal)).Should().BeEmpty();
        lines.Should().Contain(l => l.Contains("860049******3347", StringComparison.Ordinal), "the lines are masked, not dropped");
    }

    [Fact]
    public async Task An_amount_of_2_pow_63_minus_1_is_reported_as_it_is()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var gateway = sandbox.CreateGateway();

        var error = await gateway.Error("pam.prepare_payment", new
        {
            card_number = Pan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount = long.MaxValue,
            vendor_id = Cards.VendorId,
            product = "max",
        }, -32309);

        error["message"]!.GetValue<string>().Should().Contain("9223372036854775807").And.NotContain("922337******");
    }

    /// <summary>The text with what separates digits in the spellings above removed, so a spaced or dashed number is found too.</summary>
    private static string Digits(string text) =>
        text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("\\u0020", "", StringComparison.Ordinal);
}
