using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Tests;

/// <summary>The format rules of card number, expiry and phone, held once by their value types, and what they show of themselves.</summary>
public sealed class CardValueTests
{
    [Theory]
    [InlineData("8600490744313347")]
    [InlineData("0000000000000000")]
    public void A_card_number_is_16_ascii_digits_whatever_luhn_says(string text)
    {
        CardNumber.TryParse(text, out var number, out var problem).Should().BeTrue();

        number.Digits.Should().Be(text);
        problem.Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("860049074431334")]
    [InlineData("86004907443133470")]
    [InlineData("8600 4907 4431 3347")]
    [InlineData("860049074431334a")]
    [InlineData("８６００４９０７４４３１３３４７")]
    public void Anything_else_is_no_card_number(string? text)
    {
        CardNumber.TryParse(text, out _, out var problem).Should().BeFalse();

        problem.Should().Be("must be 16 digits");
    }

    [Theory]
    [InlineData("2304")]
    [InlineData("3001")]
    [InlineData("0012")]
    public void An_expiry_is_yymm_with_a_month_from_01_to_12(string text)
    {
        CardExpiry.TryParse(text, out var expiry, out _).Should().BeTrue();

        expiry.Text.Should().Be(text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("3013")]
    [InlineData("3000")]
    [InlineData("0430")]
    [InlineData("301")]
    [InlineData("30121")]
    [InlineData("12/30")]
    [InlineData("30a2")]
    public void Anything_else_is_no_expiry(string? text)
    {
        CardExpiry.TryParse(text, out _, out var problem).Should().BeFalse();

        problem.Should().Be("must be YYMM");
    }

    [Theory]
    [InlineData("998901112233", true)]
    [InlineData("99890111223", false)]
    [InlineData("9989011122330", false)]
    [InlineData("+998901112233", false)]
    [InlineData("997901112233", false)]
    [InlineData("99890111223a", false)]
    [InlineData(null, false)]
    public void A_phone_is_12_digits_starting_with_998(string? text, bool valid)
    {
        PhoneNumber.TryParse(text, out var phone, out var problem).Should().Be(valid);

        (valid ? phone.Digits : problem).Should().Be(valid ? text : "must be 12 digits starting with 998");
    }

    [Fact]
    public void Card_numbers_and_phones_show_themselves_masked()
    {
        CardNumber.TryParse("8600490744313347", out var number, out _).Should().BeTrue();
        PhoneNumber.TryParse("998907702150", out var phone, out _).Should().BeTrue();

        number.ToString().Should().Be("860049******3347");
        $"{number} {phone}".Should().Be("860049******3347 +99890*****50");
        default(CardNumber).ToString().Should().Be("****");
    }
}
