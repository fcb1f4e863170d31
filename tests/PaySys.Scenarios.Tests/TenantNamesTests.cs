using PaySys.Sandbox.Tenants;
using PaySys.Scenarios.Hosting;

namespace PaySys.Scenarios.Tests;

public sealed class TenantNamesTests
{
    [Theory]
    [InlineData("sc.", "acquiring/otp-payment", "sc.acquiring.otp_payment")]
    [InlineData("ci_42.", "refund cap", "ci_42.refund_cap")]
    [InlineData("", "a\\b/c", "a.b.c")]
    public void Names_are_the_prefix_and_the_sanitized_path(string prefix, string key, string expected)
    {
        TenantNames.For(prefix, key).Should().Be(expected);
        TenantRegistry.IsWellFormed(expected).Should().BeTrue();
    }

    [Fact]
    public void Long_names_stay_within_the_sandbox_limit_and_distinct()
    {
        var first = TenantNames.For("sc.", new string('a', 80) + "/one-file");
        var second = TenantNames.For("sc.", new string('a', 80) + "/two-file");

        first.Length.Should().BeLessThanOrEqualTo(TenantNames.MaxLength);
        second.Length.Should().BeLessThanOrEqualTo(TenantNames.MaxLength);
        first.Should().NotBe(second).And.Contain("one_file");
        TenantRegistry.IsWellFormed(first).Should().BeTrue();
    }

    [Theory]
    [InlineData("sc.", true)]
    [InlineData("job-1.", false)]
    [InlineData("a b", false)]
    public void Prefixes_must_keep_names_valid(string prefix, bool valid)
    {
        TenantNames.IsValidPrefix(prefix).Should().Be(valid);
    }
}
