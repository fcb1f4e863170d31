using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Hosting;

/// <summary>
/// Every log line of the process, the framework's included (Kestrel, hosting's "Request starting POST
/// /gateway?card=… - application/json; …"), goes through <see cref="CardMasking.MaskSecrets(string)"/> before any
/// provider sees it: its message, its structured values, its scopes and its exception text.
/// </summary>
public static class MaskedLogging
{
    /// <summary>Wraps the logger factory, so every provider (console, a test's capture) writes masked text only.</summary>
    public static IServiceCollection AddMaskedLogging(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new MaskingLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()))));
        return services;
    }

    private sealed class MaskingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new MaskingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class MaskingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            inner.BeginScope(new MaskedState(state, CardMasking.MaskSecrets(state.ToString() ?? "")));

        // The shipped levels let almost nothing through: the check stays one call deep.
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var masked = new MaskedState(state, CardMasking.MaskSecrets(formatter(state, exception)));
            inner.Log(logLevel, eventId, masked, MaskedException.Of(exception), static (s, _) => s.Message);
        }
    }

    /// <summary>A log state or scope as providers see it: the masked message, and the values masked one by one.</summary>
    private sealed class MaskedState(object? state, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly IReadOnlyList<KeyValuePair<string, object?>> values =
            state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];

        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => Mask(values[index]);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < values.Count; i++)
            {
                yield return Mask(values[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;

        private static KeyValuePair<string, object?> Mask(KeyValuePair<string, object?> value)
        {
            if (value.Value is null or bool or int or short or byte)
            {
                return value;
            }

            var text = Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var masked = CardMasking.MaskSecrets(text);
            return ReferenceEquals(masked, text) ? value : new(value.Key, masked);
        }
    }

    /// <summary>An exception whose text (message and stack) had card data: providers print the masked text instead.</summary>
    private sealed class MaskedException(string message, string text) : Exception(message)
    {
        public static Exception? Of(Exception? exception)
        {
            if (exception is null)
            {
                return null;
            }

            var text = exception.ToString();
            var masked = CardMasking.MaskSecrets(text);
            return ReferenceEquals(masked, text) ? exception : new MaskedException(CardMasking.MaskSecrets(exception.Message), masked);
        }

        public override string ToString() => text;
    }
}
