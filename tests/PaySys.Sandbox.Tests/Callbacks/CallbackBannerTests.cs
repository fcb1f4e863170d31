using PaySys.Sandbox.Hosting;

namespace PaySys.Sandbox.Tests.Callbacks;

public sealed class CallbackBannerTests
{
    [Fact]
    public void The_startup_banner_shows_the_default_merchant_callback_urls_and_schedule_but_never_their_secret()
    {
        var options = new SandboxOptions { Callbacks = { PayUrl = "http://shop.test/pay", NotifyUrl = "http://shop.test/notify", Secret = "cabinet-secret-value" } };

        var banner = StartupBanner.Describe(options, ["http://0.0.0.0:8080"], 8);

        banner.Should().Contain("callbacks      pay_url http://shop.test/pay, notify_url http://shop.test/notify; attempts at 0,60,300,1800,7200 s")
            .And.NotContain("cabinet-secret-value");
        StartupBanner.Describe(new SandboxOptions(), ["http://0.0.0.0:8080"], 8).Should().Contain("callbacks      none configured");
    }
}
