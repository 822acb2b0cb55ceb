using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>Every log entry a host writes, with its category, rendered message and structured fields.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Entries { get; } = new();

    /// <summary>Categories whose entries throw instead of being written (a failing sink).</summary>
    public HashSet<string> Failing { get; } = [];

    public IEnumerable<IReadOnlyDictionary<string, object?>> Audit => Entries.Where(e => e.Category == WeeEvents.Telemetry.AuditLog.Category).Select(e => e.Fields);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (capture.Failing.Contains(category))
            {
                throw new IOException("The audit sink is full.");
            }

            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            capture.Entries.Enqueue((category, logLevel, formatter(state, exception), fields));
        }
    }
}
