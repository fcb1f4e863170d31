using System.Text.RegularExpressions;
using PaySys.Client;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// examples/scale-out (issue 17 item 4) without Docker: nginx must hash the tenant, taken from the Auth header's first
/// field on /gateway and from ?service_id= elsewhere, over exactly the compose file's replicas, each with its own
/// state volume. docker/test-image.sh runs the real thing; this catches a config edit that breaks the routing.
/// </summary>
public sealed partial class ScaleOutExampleTests
{
    private static readonly string Folder = Path.Combine(ReadmeWalkTests.RepositoryRoot(), "examples", "scale-out");

    private static readonly string Nginx = File.ReadAllText(Path.Combine(Folder, "nginx.conf"));

    private static readonly string Compose = File.ReadAllText(Path.Combine(Folder, "docker-compose.yml"));

    [Theory]
    [InlineData("1")]
    [InlineData("sc.acquiring.otp_payment_by_card_number.yaml")]
    [InlineData("scenario_stranger_tenant")]
    public void The_auth_map_takes_exactly_the_service_id_of_a_signed_header(string serviceId)
    {
        var map = Block(Nginx, "map $http_auth $auth_service_id");
        var pattern = QuotedRegex().Match(map);
        pattern.Success.Should().BeTrue("the map keys the Auth header with a regex: {0}", map);

        // nginx's PCRE and .NET agree on ^, [^-], + and (?<name>…).
        var header = PaySysAuth.CreateHeader(serviceId, "sandbox-secret", DateTimeOffset.UnixEpoch.AddYears(56), PaySysTimestampUnit.Milliseconds);
        var captured = Regex.Match(header, pattern.Groups["regex"].Value);
        captured.Success.Should().BeTrue();
        captured.Groups[pattern.Groups["group"].Value].Value.Should().Be(serviceId);
        map.Should().Contain($"$" + pattern.Groups["group"].Value, "the map's value is the captured service id");
    }

    [Fact]
    public void Gateway_and_control_calls_of_one_tenant_hash_the_same_key_consistently()
    {
        Block(Nginx, "map $arg_service_id $query_service_id").Should().MatchRegex(@"default\s+\$arg_service_id;");
        var tenant = Block(Nginx, "map $uri $tenant");
        tenant.Should().MatchRegex(@"/gateway\s+\$auth_service_id;").And.MatchRegex(@"default\s+\$query_service_id;");

        var upstream = Block(Nginx, "upstream tenants");
        upstream.Should().MatchRegex(@"hash\s+\$tenant\s+consistent;");
        Block(Nginx, "location /").Should().MatchRegex(@"proxy_pass\s+http://tenants;").And.MatchRegex(@"proxy_next_upstream\s+off;",
            "a tenant whose replica is down must not be opened afresh on another");
    }

    [Fact]
    public void The_balancer_spreads_over_exactly_the_compose_replicas_each_with_its_own_state_volume()
    {
        var replicas = ComposeService().Matches(Compose).Select(m => m.Groups[1].Value).ToList();
        replicas.Should().HaveCount(3);

        foreach (var name in new[] { "tenants", "pages" })
        {
            ServerLine().Matches(Block(Nginx, "upstream " + name)).Select(m => m.Groups[1].Value).Should().Equal(replicas, "upstream {0}", name);
        }

        var volumes = StateVolume().Matches(Compose).Select(m => m.Groups[1].Value).ToList();
        volumes.Should().HaveCount(replicas.Count).And.OnlyHaveUniqueItems();
        Compose.Should().Contain("PAYSYS_STATE_DIR: /state").And.Contain("PAYSYS_OPEN_TENANTS: \"true\"");
    }

    [Theory]
    [InlineData("location = /payform", true)]
    [InlineData("location = /receipt", false)]
    public void Hosted_pages_ask_every_replica_until_one_knows_the_link(string location, bool post)
    {
        var block = Block(Nginx, location);
        block.Should().MatchRegex(@"proxy_pass\s+http://pages;").And.MatchRegex(@"proxy_next_upstream[^;]*\bhttp_404\b")
            .And.MatchRegex(@"proxy_next_upstream_tries\s+3;");
        if (post)
        {
            block.Should().MatchRegex(@"proxy_next_upstream[^;]*\bnon_idempotent\b", "the pay page's form is a POST");
        }
    }

    /// <summary>The text between the braces after <paramref name="opening"/> (nginx blocks here do not nest).</summary>
    private static string Block(string config, string opening)
    {
        var start = config.IndexOf(opening + " {", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "nginx.conf has a block \"{0} {{\"", opening);
        var end = config.IndexOf('}', start);
        return config[(start + opening.Length + 2)..end];
    }

    [GeneratedRegex("\"~(?<regex>[^\"]*\\(\\?<(?<group>\\w+)>[^\"]*)\"")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"^  (sandbox-\d+):\s*$", RegexOptions.Multiline)]
    private static partial Regex ComposeService();

    [GeneratedRegex(@"^\s*server\s+([\w-]+):8080\b", RegexOptions.Multiline)]
    private static partial Regex ServerLine();

    [GeneratedRegex(@"""(state-\d+):/state""")]
    private static partial Regex StateVolume();
}
