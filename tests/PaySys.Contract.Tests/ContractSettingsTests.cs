using PaySys.Contract.Tests.Infrastructure;

namespace PaySys.Contract.Tests;

/// <summary>How the environment picks the target: in-process by default, live with PAYSYS_URL and the user's data.</summary>
public sealed class ContractSettingsTests
{
    [Fact]
    public void Without_PAYSYS_URL_the_suite_runs_in_process_with_the_sandbox_defaults_whatever_else_is_set()
    {
        var settings = ContractSettings.From(Variables(("PAYSYS_SERVICE_ID", "77"), ("PAYSYS_CARD_NUMBER", "9860010112345678"), ("PAYSYS_VENDOR_ID", "x")));

        settings.IsLive.Should().BeFalse();
        settings.ServiceId.Should().Be("1");
        settings.SecretKey.Should().Be("sandbox-secret");
        settings.Card.Should().Be(new TestCard("8600490744313347", "3012", "998901112233"));
        settings.VendorId.Should().Be(100381);
    }

    [Fact]
    public void With_PAYSYS_URL_every_variable_is_read()
    {
        var settings = ContractSettings.From(Variables(
            ("PAYSYS_URL", "https://gateway.example/api"),
            ("PAYSYS_SERVICE_ID", "77"),
            ("PAYSYS_SECRET", "s3cret"),
            ("PAYSYS_CARD_NUMBER", "9860010112345678"),
            ("PAYSYS_CARD_EXPIRE", "2901"),
            ("PAYSYS_CARD_PHONE", "998901112234"),
            ("PAYSYS_VENDOR_ID", "104466"),
            ("PAYSYS_OTP_COMMAND", "echo 123456"),
            ("PAYSYS_PAYOUT_ACCOUNT", "79000000009")));

        settings.Url.Should().Be(new Uri("https://gateway.example/api/"), "a trailing slash keeps the path when gateway is resolved under it");
        settings.ServiceId.Should().Be("77");
        settings.SecretKey.Should().Be("s3cret");
        settings.Card.Should().Be(new TestCard("9860010112345678", "2901", "998901112234"));
        settings.VendorId.Should().Be(104466);
        settings.OtpCommand.Should().Be("echo 123456");
        settings.PayoutAccount.Should().Be("79000000009");
        settings.Card.ToString().Should().NotContain("9860010112345678");
    }

    [Theory]
    [InlineData("PAYSYS_URL", "localhost:8080")]
    [InlineData("PAYSYS_VENDOR_ID", "-5")]
    public void An_unusable_value_is_refused_naming_its_variable(string name, string value)
    {
        var read = () => ContractSettings.From(Variables(("PAYSYS_URL", "http://localhost:8080"), (name, value)));

        read.Should().Throw<InvalidOperationException>().WithMessage($"{name}={value} *");
    }

    [Fact]
    public async Task The_OTP_command_gets_the_reference_as_its_first_argument_and_its_last_line_is_the_code()
    {
        var source = new CommandOtpSource("""echo "looking up $1"; echo "  4${1#ref-}  " """);

        var code = await source.LatestCodeAsync("ref-21");

        code.Should().Be("421");
    }

    [Fact]
    public async Task An_OTP_command_that_fails_says_so()
    {
        var source = new CommandOtpSource("echo no code >&2; exit 3");

        var read = () => source.LatestCodeAsync("137664001");

        (await read.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*exited 3 for 137664001*no code*");
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.LastOrDefault(v => v.Name == name).Value;
}
