using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PaySys.Sandbox.Auth;

namespace PaySys.Sandbox.Tests;

/// <summary>SPEC §2: the Auth header, its timestamp window on the real clock, merchants and their vendors.</summary>
public sealed class AuthTests : IDisposable
{
    private const string Secret = "sandbox-secret";

    private static readonly Dictionary<string, string?> TwoMerchants = new()
    {
        ["Sandbox:Merchants:0:ServiceId"] = "1",
        ["Sandbox:Merchants:0:SecretKey"] = Secret,
        ["Sandbox:Merchants:1:ServiceId"] = "77",
        ["Sandbox:Merchants:1:SecretKey"] = "other",
        ["Sandbox:Merchants:1:Vendors:0:VendorId"] = "555000",
    };

    private readonly SandboxFactory sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task A_millisecond_timestamp_is_accepted()
    {
        var timestamp = Milliseconds(sandbox.RealClock.GetUtcNow());
        timestamp.Should().HaveLength(13);

        var response = await CallWith(AuthVerifier.Sign("1", Secret, timestamp));

        ShouldSucceed(response);
    }

    [Fact]
    public async Task A_second_timestamp_is_accepted()
    {
        var timestamp = Seconds(sandbox.RealClock.GetUtcNow());
        timestamp.Should().HaveLength(10);

        var response = await CallWith(AuthVerifier.Sign("1", Secret, timestamp));

        ShouldSucceed(response);
    }

    [Fact]
    public async Task Strict_units_reject_seconds_but_accept_milliseconds()
    {
        using var strict = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:StrictTimestampUnits"] = "true" });
        var now = strict.RealClock.GetUtcNow();

        var seconds = await CallWith(AuthVerifier.Sign("1", Secret, Seconds(now)), strict);
        var milliseconds = await CallWith(AuthVerifier.Sign("1", Secret, Milliseconds(now)), strict);

        ErrorCode(seconds).Should().Be(-32504);
        ShouldSucceed(milliseconds);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(-300)]
    [InlineData(299)]
    [InlineData(300)]
    public async Task A_timestamp_within_the_window_either_way_is_accepted(int secondsFromNow)
    {
        var signedAt = sandbox.RealClock.GetUtcNow().AddSeconds(secondsFromNow);

        var response = await CallWith(AuthVerifier.Sign("1", Secret, Milliseconds(signedAt)));

        ShouldSucceed(response);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public async Task A_timestamp_outside_the_window_either_way_is_stale(int secondsFromNow)
    {
        var signedAt = sandbox.RealClock.GetUtcNow().AddSeconds(secondsFromNow);

        var millisecond = await CallWith(AuthVerifier.Sign("1", Secret, Milliseconds(signedAt)));
        var second = await CallWith(AuthVerifier.Sign("1", Secret, Seconds(signedAt)));

        ErrorCode(millisecond).Should().Be(-32320);
        ErrorCode(second).Should().Be(-32320);
    }

    [Fact]
    public async Task A_header_signed_now_goes_stale_when_the_real_clock_moves_past_the_window()
    {
        var header = AuthVerifier.Sign("1", Secret, Milliseconds(sandbox.RealClock.GetUtcNow()));

        sandbox.RealClock.Advance(TimeSpan.FromSeconds(299));
        var stillFresh = await CallWith(header);
        sandbox.RealClock.Advance(TimeSpan.FromSeconds(2));
        var stale = await CallWith(header);

        ShouldSucceed(stillFresh);
        ErrorCode(stale).Should().Be(-32320);
        stale["error"]!["message"]!.GetValue<string>().Should().Contain("300");
    }

    [Fact]
    public async Task A_header_verified_once_is_accepted_again_but_another_hash_with_its_timestamp_is_not()
    {
        var timestamp = Milliseconds(sandbox.RealClock.GetUtcNow());
        var header = AuthVerifier.Sign("1", Secret, timestamp);

        var first = await CallWith(header);
        var again = await CallWith(header);
        var otherHash = await CallWith($"1-{AuthVerifier.Hash("not-the-secret", timestamp)}-{timestamp}");
        var upperCase = await CallWith(header.ToUpperInvariant());

        ShouldSucceed(first);
        ShouldSucceed(again);
        ErrorCode(otherHash).Should().Be(-32504);
        ShouldSucceed(upperCase);
    }

    [Fact]
    public async Task A_configured_window_is_used()
    {
        using var narrow = new SandboxFactory(new Dictionary<string, string?> { ["Sandbox:AuthWindowSeconds"] = "10" });
        var now = narrow.RealClock.GetUtcNow();

        var inside = await CallWith(AuthVerifier.Sign("1", Secret, Milliseconds(now.AddSeconds(-10))), narrow);
        var outside = await CallWith(AuthVerifier.Sign("1", Secret, Milliseconds(now.AddSeconds(-11))), narrow);

        ShouldSucceed(inside);
        ErrorCode(outside).Should().Be(-32320);
    }

    [Fact]
    public async Task A_wrong_hash_is_insufficient_privileges()
    {
        var timestamp = Milliseconds(sandbox.RealClock.GetUtcNow());

        var response = await CallWith(AuthVerifier.Sign("1", "not-the-secret", timestamp));

        ErrorCode(response).Should().Be(-32504);
    }

    [Fact]
    public async Task A_hash_of_another_timestamp_is_insufficient_privileges()
    {
        var now = sandbox.RealClock.GetUtcNow();
        var header = $"1-{AuthVerifier.Hash(Secret, Milliseconds(now.AddSeconds(-1)))}-{Milliseconds(now)}";

        var response = await CallWith(header);

        ErrorCode(response).Should().Be(-32504);
    }

    [Fact]
    public async Task An_unknown_service_id_is_insufficient_privileges()
    {
        var response = await CallWith(AuthVerifier.Sign("2", Secret, Milliseconds(sandbox.RealClock.GetUtcNow())));

        ErrorCode(response).Should().Be(-32504);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("service_id 2");
    }

    [Fact]
    public async Task A_missing_header_is_insufficient_privileges()
    {
        var response = await CallWith(null);

        ErrorCode(response).Should().Be(-32504);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("Auth");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1-abc")]
    [InlineData("1--123")]
    [InlineData("1-{hash}-12345678901")]
    [InlineData("1-{hash}-123456789")]
    [InlineData("1-{hash}-12345678901234")]
    [InlineData("1-{hash}-17723592000ab")]
    [InlineData("1-{hash}-+772359200")]
    [InlineData("1-{hash}-")]
    [InlineData("-{hash}-1772359200")]
    [InlineData("1-{hash}-1772359200-1772359200")]
    [InlineData("1 -{hash}-1772359200")]
    public async Task A_malformed_header_is_insufficient_privileges(string template)
    {
        // {hash} is the right hash for the header's last part, so only the header's form is wrong.
        var header = template.Replace("{hash}", AuthVerifier.Hash(Secret, template.Split('-')[^1]), StringComparison.Ordinal);

        var response = await CallWith(header);

        ErrorCode(response).Should().Be(-32504);
    }

    [Fact]
    public async Task An_upper_case_hex_hash_is_accepted()
    {
        var timestamp = Milliseconds(sandbox.RealClock.GetUtcNow());
        var hash = AuthVerifier.Hash(Secret, timestamp).ToUpperInvariant();
        hash.Should().MatchRegex("[A-F]", "the test needs a hash with letters to mean anything");

        var response = await CallWith($"1-{hash}-{timestamp}");

        ShouldSucceed(response);
    }

    [Fact]
    public async Task Moving_the_virtual_clock_does_not_break_signing()
    {
        var gateway = sandbox.CreateGateway();
        var docsDate = new DateTimeOffset(2022, 2, 24, 9, 0, 0, TimeSpan.Zero);

        var clock = await gateway.SetClock(docsDate);
        var response = await CallWith(gateway.SignNow());

        clock["now"]!.GetValue<long>().Should().Be(docsDate.ToUnixTimeSeconds());
        ShouldSucceed(response);
    }

    [Fact]
    public async Task Advancing_the_virtual_clock_far_ahead_does_not_break_signing()
    {
        var gateway = sandbox.CreateGateway();

        await gateway.AdvanceClock(30 * 86_400);
        var response = await CallWith(gateway.SignNow());

        ShouldSucceed(response);
    }

    [Fact]
    public async Task A_second_merchant_signs_with_its_own_secret_only()
    {
        using var two = new SandboxFactory(TwoMerchants);
        var timestamp = Milliseconds(two.RealClock.GetUtcNow());

        var ownSecret = await CallWith(AuthVerifier.Sign("77", "other", timestamp), two);
        var firstMerchantsSecret = await CallWith(AuthVerifier.Sign("77", Secret, timestamp), two);
        var firstMerchant = await CallWith(AuthVerifier.Sign("1", Secret, timestamp), two);
        var firstWithSecondsSecret = await CallWith(AuthVerifier.Sign("1", "other", timestamp), two);

        ShouldSucceed(ownSecret);
        ErrorCode(firstMerchantsSecret).Should().Be(-32504);
        ShouldSucceed(firstMerchant);
        ErrorCode(firstWithSecondsSecret).Should().Be(-32504);
    }

    [Fact]
    public async Task A_vendor_id_the_merchant_does_not_own_is_vendor_info_failed()
    {
        var gateway = sandbox.CreateGateway();

        var error = await gateway.Error("pam.prepare_payment", PaymentParams(999_999), -32316);

        error["data"]!["param"]!.GetValue<string>().Should().Be("vendor_id");
        error["message"]!.GetValue<string>().Should().Contain("999999");
        (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_vendor_of_another_merchant_is_vendor_info_failed()
    {
        using var two = new SandboxFactory(TwoMerchants);
        var first = two.CreateGateway();
        var second = two.CreateGateway("77", "other");

        var firstUsesSeconds = await first.Error("pam.prepare_payment", PaymentParams(555_000), -32316);
        var secondUsesFirsts = await second.Error("pam.prepare_payment", PaymentParams(Cards.VendorId), -32316);
        var secondUsesOwn = await second.Ok("pam.prepare_payment", PaymentParams(555_000));
        var firstUsesOwn = await first.Ok("pam.prepare_payment", PaymentParams(Cards.VendorId));

        firstUsesSeconds["data"]!["param"]!.GetValue<string>().Should().Be("vendor_id");
        secondUsesFirsts["data"]!["param"]!.GetValue<string>().Should().Be("vendor_id");
        secondUsesOwn["bank_transaction_id"]!.GetValue<long>().Should().BePositive();
        firstUsesOwn["bank_transaction_id"]!.GetValue<long>().Should().BePositive();
    }

    [Fact]
    public async Task Auth_is_checked_before_params()
    {
        var response = await CallWith(null, request: "{\"id\":1,\"method\":\"pam.check_payment\",\"params\":{}}");

        ErrorCode(response).Should().Be(-32504, "an unauthenticated caller learns nothing about the params");
    }

    // ---- helpers ----

    private const string RegistrationRequest =
        "{\"id\":1,\"method\":\"paysys.card_registration\",\"params\":" +
        "{\"phone_number\":\"998901112233\",\"card_number\":\"8600490744313347\",\"card_expire\":\"3012\"}}";

    private static object PaymentParams(long vendorId) => new
    {
        card_number = Cards.UzcardPan,
        card_expire = Cards.UzcardExpiry,
        phone_number = Cards.UzcardPhone,
        amount = 50_000,
        vendor_id = vendorId,
        product = "order-auth",
    };

    private static string Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void ShouldSucceed(JsonObject response)
    {
        response["error"].Should().BeNull("the call should pass auth: {0}", response.ToJsonString());
        response["result"]!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    private static int ErrorCode(JsonObject response)
    {
        response["result"].Should().BeNull();
        return response["error"]!["code"]!.GetValue<int>();
    }

    /// <summary>Posts a request with exactly this Auth header (none when null).</summary>
    private async Task<JsonObject> CallWith(string? authHeader, SandboxFactory? factory = null, string request = RegistrationRequest)
    {
        var gateway = (factory ?? sandbox).CreateGateway();
        var headers = authHeader is null ? null : new Dictionary<string, string> { ["Auth"] = authHeader };

        var (status, body) = await gateway.PostRaw(request, headers);

        status.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
