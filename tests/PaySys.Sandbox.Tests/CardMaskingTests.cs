using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tests.Hardening;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The journal masks card numbers and card tokens by scanning UTF-8 bytes, not with a regex: it must mask exactly
/// what the rule of <see cref="CardMasking"/> says, written here a second way (regexes over the text), in strings
/// and in bytes alike, for the listed texts and for generated ones.
/// </summary>
public sealed partial class CardMaskingTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { "", "" },
        { "no digits at all", "no digits at all" },
        { """{"card_number":"8600490744313347","card_expire":"3012"}""", """{"card_number":"860049******3347","card_expire":"3012"}""" },
        { "8600490744313347", "860049******3347" },
        { "1234567890123456", "123456******3456" },
        { "860049074431334", "860049074431334" },
        { "spaced 8600 4907 4431 3347.", "spaced 860049******3347." },
        { "dashed 8600-4907-4431-3347", "dashed 860049******3347" },
        { "glued card8600490744313347x", "glued card860049******3347x" },
        { "a 17-digit card run 86004907443133470", "a 17-digit card run 860049******3470" },
        { "a 19-digit HUMO run 9860010112345678123", "a 19-digit HUMO run 986001******8123" },
        { "20 digits 86004907443133471234", "20 digits 860049******1234" },
        { "41 digits 12345678901234567890123456789012345678901", "41 digits 123456******8901" },
        { "amount 9223372036854775807 tiyin", "amount 9223372036854775807 tiyin" },
        { "\"amount\":9223372036854775807,\"at\":1700000000000", "\"amount\":9223372036854775807,\"at\":1700000000000" },
        { "2026-03-01 10:00, +998 90 770 21 50", "2026-03-01 10:00, +998 90 770 21 50" },
        { "card id 6A0A002A1289688F2CDA1F1C0686359C16", "card id 6A0A002A1289688F2CDA1F1C0686359C16" },
        { "mx_id 2b32d68e154573ec7b6d30d1f803c5a5", "mx_id 2b32d68e154573ec7b6d30d1f803c5a5" },
        { "token 3f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70.", "token 3f9a…." },
        { "é8600490744313347é — «8600123412341234»", "é860049******3347é — «860012******1234»" },
        { "-8600490744313347-8600490744313347-", "-860049******3347-8600490744313347-".Replace("-8600490744313347-", "-", StringComparison.Ordinal) + "" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Masks_card_numbers_in_every_written_form_and_keeps_ordinary_numbers(string text, string expected)
    {
        CardMasking.MaskSecrets(text).Should().Be(expected);
        Encoding.UTF8.GetString(CardMasking.MaskSecrets(Encoding.UTF8.GetBytes(text))).Should().Be(expected);
        Reference(text).Should().Be(expected, "the second writing of the rule agrees");
    }

    [Fact]
    public void Generated_texts_are_masked_exactly_as_the_rule_says()
    {
        var pieces = Gen.OneOf(
            Gen.Char["0123456789"].Array[1, 20].Select(c => new string(c)),
            Gen.Const("8600"), Gen.Const("9860"), Gen.Const(" "), Gen.Const("-"), Gen.Const("  "), Gen.Const("\""),
            Gen.Char["abcdefABCDEFxyz"].Array[1, 8].Select(c => new string(c)),
            Gen.Const("3f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70"), Gen.Const("6A0A002A1289688F2CDA1F1C0686359C16"),
            Gen.Const("é"), Gen.Const("«"));
        pieces.Array[0, 12].Select(p => string.Concat(p)).Sample(
            text =>
            {
                var expected = Reference(text);
                return CardMasking.MaskSecrets(text) == expected &&
                    Encoding.UTF8.GetString(CardMasking.MaskSecrets(Encoding.UTF8.GetBytes(text))) == expected;
            },
            seed: HardeningScale.Seed, iter: HardeningScale.Full ? 200_000 : 5_000);
    }

    [Fact]
    public void Bytes_without_a_card_number_are_kept_as_they_are()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":3,"method":"pam.check_payment","params":{"bank_transaction_id":"137664001","amount":9223372036854775807}}""");

        CardMasking.MaskSecrets(body).Should().BeSameAs(body);
    }

    /// <summary>The rule written as regexes: id-shaped words first, then digit runs (single space or dash joins) by length and prefix.</summary>
    private static string Reference(string text)
    {
        var ids = IdWord().Matches(text).ToList();
        var hidden = IdWord().Replace(text, m => new string('#', m.Length));
        var result = new StringBuilder(text);
        var edits = new List<(int At, int Length, string With)>();
        foreach (Match id in ids)
        {
            if (id.Length == 40 && LowerHexWord().IsMatch(id.Value) && id.Value.Any(char.IsAsciiDigit))
            {
                edits.Add((id.Index, id.Length, CardMasking.MaskToken(id.Value)));
            }
        }

        foreach (Match run in DigitRunRule().Matches(hidden))
        {
            var digits = run.Value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var card = digits.Length == 16 ||
                (digits.Length is 17 or 18 or 19 && (digits.StartsWith("8600", StringComparison.Ordinal) || digits.StartsWith("9860", StringComparison.Ordinal))) ||
                digits.Length >= 20;
            if (card)
            {
                edits.Add((run.Index, run.Length, digits[..6] + "******" + digits[^4..]));
            }
        }

        foreach (var (at, length, with) in edits.OrderByDescending(e => e.At))
        {
            result.Remove(at, length).Insert(at, with);
        }

        return result.ToString();
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9a-f]{32}|[0-9A-F]{32}|[0-9a-f]{34}|[0-9A-F]{34}|[0-9a-f]{40}|[0-9A-F]{40})(?![0-9A-Za-z])")]
    private static partial Regex IdWord();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex LowerHexWord();

    [GeneratedRegex("[0-9]+(?:[ -][0-9]+)*")]
    private static partial Regex DigitRunRule();
}
