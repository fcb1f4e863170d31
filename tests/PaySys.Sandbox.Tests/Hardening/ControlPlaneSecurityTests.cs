using System.Net;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PaySys.Sandbox.Control;
using Xunit.Abstractions;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// With PAYSYS_ADMIN_TOKEN set, every /_sandbox route the sandbox maps (read from its endpoint table, so a new route
/// cannot be forgotten) but health answers 401 to generated wrong tokens — missing, empty, another case, a prefix, a
/// longer one, the token twice, random text — and works with the right one; the comparison is constant-time.
/// </summary>
public sealed class ControlPlaneSecurityTests(ITestOutputHelper output) : IDisposable
{
    private const string Token = "s3cret-Admin-token";

    private readonly SandboxFactory sandbox = new(new Dictionary<string, string?> { ["Sandbox:AdminToken"] = Token });

    public void Dispose() => sandbox.Dispose();

    private static readonly Gen<string?> WrongTokens = Gen.OneOf<string?>(
        Gen.Const(() => (string?)null),
        Gen.OneOf<string?>("", " ", Token.ToUpperInvariant(), Token.ToLowerInvariant(), Token[..^1], Token + "x", " " + Token, Token + " ", $"{Token},{Token}", "Bearer " + Token),
        Gen.String[Gen.Char['\x21', '\x7e'], 0, 64].Select(s => (string?)s));

    [Fact]
    public async Task Every_control_route_but_health_needs_the_admin_token()
    {
        var routes = sandbox.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(ControlApi.Prefix, StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(verb => (Verb: verb, Path: Concrete(e.RoutePattern.RawText!))))
            .ToList();
        routes.Should().HaveCountGreaterThan(15, "the control API maps every route of the README's table");
        var client = sandbox.CreateClient();
        var tried = 0;

        foreach (var (verb, path) in routes)
        {
            var health = path == ControlApi.Prefix + "/health";
            await GeneratedRun.ForEachAsync(WrongTokens, count: 12, parallelism: 1, async token =>
            {
                var status = await Send(client, verb, path, token);
                status.Should().Be(health ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, "{0} {1} with token '{2}'", verb, path, token);
                Interlocked.Increment(ref tried);
            }, token => $"'{token}'");

            (await Send(client, verb, path, Token)).Should().NotBe(HttpStatusCode.Unauthorized, "{0} {1} with the right token", verb, path);
        }

        output.WriteLine($"control plane: {routes.Count} routes × 12 generated wrong tokens = {tried} calls refused (health open); violations: 0");
    }

    [Fact]
    public void The_token_comparison_takes_the_same_path_for_every_input()
    {
        ControlApi.TokenMatches(Token, Token).Should().BeTrue();
        ControlApi.TokenMatches(null, Token).Should().BeFalse();
        ControlApi.TokenMatches("", Token).Should().BeFalse();
        ControlApi.TokenMatches(Token + "\0", Token).Should().BeFalse();
        Gen.String.Sample(s => ControlApi.TokenMatches(s, Token) == (s == Token), seed: HardeningScale.Seed, iter: 1_000);
    }

    private static async Task<HttpStatusCode> Send(HttpClient client, string verb, string path, string? token)
    {
        using var message = new HttpRequestMessage(new HttpMethod(verb), path + "?service_id=1");
        if (verb is "POST")
        {
            message.Content = new StringContent(Body(path), Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            message.Headers.TryAddWithoutValidation(ControlApi.TokenHeader, token);
        }

        using var response = await client.SendAsync(message);
        return response.StatusCode;
    }

    private static string Concrete(string pattern) =>
        pattern.Replace("{vendorId:long}", "100381", StringComparison.Ordinal).Replace("{id}", "f1", StringComparison.Ordinal);

    private static string Body(string path) => path switch
    {
        _ when path.EndsWith("/clock", StringComparison.Ordinal) => """{"advance_seconds":0}""",
        _ when path.EndsWith("/cards", StringComparison.Ordinal) => """{"pan":"8600111122223333","expiry":"3012","phone":"998901234567","holder":"X","balance":1,"behaviour":"success"}""",
        _ when path.EndsWith("/faults", StringComparison.Ordinal) => """{"method":"pam.check_payment","kind":"delay","delay_ms":0,"times":1}""",
        _ => """{"blocked":false}""",
    };
}
