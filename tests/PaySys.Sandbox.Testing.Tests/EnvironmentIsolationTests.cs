using PaySys.Client.Sandbox;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>Changes process-wide environment variables, so it runs alone, after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollectionDefinition
{
    public const string Name = "process environment";
}

[Collection(ProcessEnvironmentCollectionDefinition.Name)]
public sealed class EnvironmentIsolationTests
{
    [Fact]
    public async Task The_test_process_PAYSYS_variables_do_not_reach_the_sandbox()
    {
        var saved = new Dictionary<string, string?>
        {
            ["PAYSYS_FIXED_OTP"] = Environment.GetEnvironmentVariable("PAYSYS_FIXED_OTP"),
            ["PAYSYS_ADMIN_TOKEN"] = Environment.GetEnvironmentVariable("PAYSYS_ADMIN_TOKEN"),
            ["PAYSYS_OTP_TTL_SECONDS"] = Environment.GetEnvironmentVariable("PAYSYS_OTP_TTL_SECONDS"),
            ["PAYSYS_URLS"] = Environment.GetEnvironmentVariable("PAYSYS_URLS"),
        };
        Environment.SetEnvironmentVariable("PAYSYS_FIXED_OTP", "999999");
        Environment.SetEnvironmentVariable("PAYSYS_ADMIN_TOKEN", "from-the-environment");
        Environment.SetEnvironmentVariable("PAYSYS_OTP_TTL_SECONDS", "5");
        Environment.SetEnvironmentVariable("PAYSYS_URLS", "http://0.0.0.0:0");
        try
        {
            await using var sandbox = await PaySysSandbox.StartAsync(o => o.FixedOtp = "666666");
            using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
            var prepared = await sandbox.CreateClient().PreparePaymentAsync(Cards.Uzcard());

            sandbox.Url.Should().StartWith("http://127.0.0.1:");
            sandbox.AdminToken.Should().BeNull();
            prepared.TimeOut.Should().Be(120);
            (await new SandboxControlClient(http).LatestCodeAsync(prepared.BankTransactionId)).Should().Be("666666");
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
