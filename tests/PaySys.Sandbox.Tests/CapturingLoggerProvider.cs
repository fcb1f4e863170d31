using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PaySys.Sandbox.Tests;

/// <summary>One log line as the sandbox wrote it, with its exception's text (what a log sink would keep).</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}";
}

/// <summary>Keeps every log line the sandbox writes (at the levels its Logging configuration lets through).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> lines = new();

    public IReadOnlyCollection<CapturedLog> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception?.ToString()));
    }
}
