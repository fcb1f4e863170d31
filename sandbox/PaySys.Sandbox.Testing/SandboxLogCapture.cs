using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PaySys.Sandbox.Testing;

/// <summary>One log line as the sandbox wrote it, with its exception's text (what a log sink would keep).</summary>
public sealed record SandboxLogLine(LogLevel Level, string Category, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}";
}

/// <summary>
/// Keeps every log line a sandbox writes, at the levels its Logging configuration lets through (warnings and
/// above unless <c>Settings["Logging:LogLevel:Default"]</c> says otherwise), e.g. to show them when a test fails:
/// <code>
/// var logs = new SandboxLogCapture();
/// await using var sandbox = await PaySysSandbox.StartAsync(o => o.LoggerProviders.Add(logs));
/// </code>
/// </summary>
public sealed class SandboxLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<SandboxLogLine> lines = new();

    /// <summary>The lines so far, oldest first.</summary>
    public IReadOnlyCollection<SandboxLogLine> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    /// <summary>Nothing to release; the lines stay readable after the sandbox has stopped.</summary>
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<SandboxLogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new SandboxLogLine(logLevel, category, formatter(state, exception), exception?.ToString()));
    }
}
