using System.Text;
using System.Text.RegularExpressions;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The journal masks card numbers and card tokens by scanning UTF-8 bytes, not with a regex: it must mask exactly
/// what the rules "a standalone run of 15–19 ASCII digits" and "a standalone run of 40 lower-case hex with a
/// digit in it" (the regexes below) mask, in strings and in bytes alike.
/// </summary>
public sealed partial class CardMaskingTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "no digits at all",
        """{"card_number":"8600490744313347","card_expire":"3012"}""",
        "8600490744313347",
        "860049074431334",
        "86004907443133",
        "8600490744313347123",
        "86004907443133471234",
        "x8600490744313347",
        "8600490744313347x",
        "A8600490744313347Z and 9860010112345678",
        "6A0A002A1289688F2CDA1F1C0686359C16 / 0123456789abcdef0123456789abcdef",
        "é8600490744313347é — «8600123412341234»",
        "-8600490744313347-8600490744313347-",
        "1234567890123456789012345678901234567890",
        "tail 9860010112345678",
        "token 3f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70 and 3F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F70",
        "3f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7 3f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f701",
        "abcdefabcdefabcdefabcdefabcdefabcdefabcd, 0abcdefabcdefabcdefabcdefabcdefabcdefabc, abcdefabcdefabcdefabcdefabcdefabcdefabc9",
        "x9abc 12ab 8600490744313347",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Masks_the_same_runs_as_the_regex_rule(string text)
    {
        var expected = TokenRule().Replace(PanRule().Replace(text, m => CardMasking.MaskPan(m.Value)), m => CardMasking.MaskToken(m.Value));

        CardMasking.MaskSecrets(text).Should().Be(expected);
        Encoding.UTF8.GetString(CardMasking.MaskSecrets(Encoding.UTF8.GetBytes(text))).Should().Be(expected);
    }

    [Fact]
    public void Bytes_without_a_card_number_are_kept_as_they_are()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":3,"method":"pam.check_payment","params":{"bank_transaction_id":"137664001"}}""");

        CardMasking.MaskSecrets(body).Should().BeSameAs(body);
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{15,19}(?![0-9A-Za-z])")]
    private static partial Regex PanRule();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?=[a-f]{0,39}[0-9])[0-9a-f]{40}(?![0-9A-Za-z])")]
    private static partial Regex TokenRule();
}
