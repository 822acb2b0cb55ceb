using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WeeEvents.EntityFrameworkCore.Tests.Support;

/// <summary>Collects the SQL EF Core executes (its <c>Database.Command</c> log).</summary>
public sealed class CommandLog : ILoggerProvider
{
    public ConcurrentQueue<string> Commands { get; } = new();

    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? new Capture(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Capture(CommandLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // RelationalEventId.CommandExecuted
            if (eventId.Id == 20101)
            {
                log.Commands.Enqueue(formatter(state, exception));
            }
        }
    }
}
