using System.Diagnostics;
using PaySys.Client.Sandbox;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>Where the SMS code about a card id or bank_transaction_id comes from.</summary>
public interface IOtpSource
{
    /// <summary>What the source is, for messages.</summary>
    string Description { get; }

    Task<string> LatestCodeAsync(string reference, CancellationToken cancellationToken = default);
}

/// <summary>The sandbox's SMS outbox (<c>GET /_sandbox/sms?reference=…</c>).</summary>
public sealed class OutboxOtpSource(SandboxControlClient control) : IOtpSource
{
    public string Description => "the sandbox's SMS outbox";

    public Task<string> LatestCodeAsync(string reference, CancellationToken cancellationToken = default) =>
        control.LatestCodeAsync(reference, cancellationToken);
}

/// <summary>
/// <c>PAYSYS_OTP_COMMAND</c>: run as <c>/bin/sh -c "$PAYSYS_OTP_COMMAND" sh &lt;reference&gt;</c>, so the command sees
/// the reference as $1; its last non-empty output line is the code. It may wait for the SMS itself, up to 5 minutes.
/// </summary>
public sealed class CommandOtpSource(string command) : IOtpSource
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Description => $"{ContractSettings.OtpCommandVariable} ({command})";

    public async Task<string> LatestCodeAsync(string reference, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", command, "sh", reference])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Description} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Description} printed no code for {reference} within {Timeout.TotalMinutes} minutes");
        }

        var code = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return process.ExitCode == 0 && code is { Length: > 0 }
            ? code
            : throw new InvalidOperationException($"{Description} exited {process.ExitCode} for {reference} without a code: {Redaction.Body(await errors)}");
    }
}
