using System.Collections.Concurrent;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The warnings and errors the hosts of one order system logged (in-process hosts through <see cref="For"/>, service
/// processes by their output, <see cref="Append"/>), kept so that a failing test can say what the services complained
/// about instead of printing them into every run.
/// </summary>
public sealed class ServiceLog
{
    private const int Capacity = 200;
    private readonly ConcurrentQueue<string> _lines = new();

    public ILoggerProvider For(FlowService service) => new Provider(this, service);

    /// <summary>The last lines logged, oldest first.</summary>
    public string Tail(int count = 20) => string.Join(Environment.NewLine, _lines.TakeLast(count));

    /// <summary>A line a service process wrote (its console logger's output at warning and above).</summary>
    public void Append(FlowService service, string line) => Add($"{service}: {line}");

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Provider(ServiceLog log, FlowService service) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, $"{service}/{categoryName}");

        public void Dispose()
        {
        }
    }

    private sealed class Logger(ServiceLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}
