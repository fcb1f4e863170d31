using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Hosting;

public static class StartupBanner
{
    /// <summary>Prints one block with what a user needs to call the sandbox, once it listens.</summary>
    public static WebApplication PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            Console.Out.Write(Describe(
                app.Services.GetRequiredService<SandboxOptions>(),
                addresses is { Count: > 0 } ? addresses : ["(in-process test server)"],
                MethodCatalogue.Names.Count));
            Console.Out.Flush();
        });
        return app;
    }

    public static string Describe(SandboxOptions options, IEnumerable<string> addresses, int methodCount)
    {
        var text = new StringBuilder();
        text.AppendLine("PaySys Sandbox is ready");
        foreach (var address in addresses)
        {
            text.AppendLine($"  gateway        POST {address.TrimEnd('/')}{GatewayEndpoints.Path}");
            text.AppendLine($"  control API    {address.TrimEnd('/')}/_sandbox/health");
        }

        foreach (var merchant in options.EffectiveMerchants)
        {
            var vendors = string.Join(", ", merchant.EffectiveVendors.Select(v => $"{v.VendorId} ({v.Commission:P1} commission)"));
            text.AppendLine($"  merchant       service_id {merchant.ServiceId}, secret_key {Secret(merchant.SecretKey)}, vendors {vendors}");
        }

        text.AppendLine(options.FixedOtp is null
            ? $"  OTP            random 6 digits, {options.OtpTtlSeconds} s, {options.OtpAttempts} attempts (read them at /_sandbox/sms)"
            : $"  OTP            fixed code {options.FixedOtp}, {options.OtpTtlSeconds} s, {options.OtpAttempts} attempts");
        text.AppendLine(options.OpenTenants
            ? $"  open tenants   on: any service_id signed with secret_key {Secret(options.OpenTenantsSecret)}"
            : "  open tenants   off");
        var callbacks = new[]
            {
                ("pay_url", options.Callbacks.PayUrl), ("notify_url", options.Callbacks.NotifyUrl), ("cancel_url", options.Callbacks.CancelUrl),
                ("info_url", options.Callbacks.InfoUrl), ("statement_url", options.Callbacks.StatementUrl),
            }
            .Where(url => !string.IsNullOrWhiteSpace(url.Item2))
            .Select(url => $"{url.Item1} {url.Item2}")
            .ToList();
        text.AppendLine($"  callbacks      {(callbacks.Count == 0 ? "none configured (PUT /_sandbox/callbacks)" : string.Join(", ", callbacks))}; attempts at {options.Callbacks.RetrySeconds} s of the virtual clock");
        text.AppendLine($"  admin token    {(string.IsNullOrEmpty(options.AdminToken) ? "none (control API open)" : "set (send X-Sandbox-Token)")}");
        text.AppendLine($"  contracts      {methodCount} methods, {ErrorCatalogue.Embedded.All.Count} error codes, {CardCatalogue.Embedded.Count} magic cards");
        return text.ToString();
    }

    /// <summary>
    /// The built-in default is public (SPEC §10) and shown so a first call can be signed; a configured secret is
    /// somebody's, and the banner ends up in CI logs and terminals, so it is only said to be set.
    /// </summary>
    private static string Secret(string secret) =>
        string.Equals(secret, MerchantOptions.DefaultSecretKey, StringComparison.Ordinal) ? secret : "(configured, not shown)";
}
