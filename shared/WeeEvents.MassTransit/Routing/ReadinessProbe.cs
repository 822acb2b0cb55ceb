using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Tells a failure of the service's dependencies from a message's own: runs the service's readiness checks (those tagged
/// <c>ready</c>, the ones behind <c>/health/ready</c>: the events database, the broker) when a handling fails, and says
/// whether any is red. It only answers; the waiting is the outage retry's (<see cref="RouteRetries"/>). Handlings that
/// fail together share one probe. Logs at warning when the dependencies go away and when they answer again.
/// </summary>
internal sealed partial class ReadinessProbe : IDisposable
{
    // The tag of the readiness checks (WeeEvents.AspNetCore's HealthTags.Ready), which this package cannot reference.
    private const string ReadyTag = "ready";

    private readonly HealthCheckService? _health;
    private readonly TimeProvider _time;
    private readonly ILogger<ReadinessProbe> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task<bool>? _probe;
    private volatile bool _away;
    private DateTimeOffset _awaySince;

    public ReadinessProbe(IServiceProvider services, TimeProvider time, ILogger<ReadinessProbe> logger)
    {
        _health = (HealthCheckService?)services.GetService(typeof(HealthCheckService));
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether any readiness check is red now; false when the host has none.</summary>
    public Task<bool> AnyAwayAsync(CancellationToken cancellationToken)
    {
        if (_health is null)
        {
            return Task.FromResult(false);
        }

        lock (_lock)
        {
            if (_probe is null || _probe.IsCompleted)
            {
                _probe = ProbeAsync(_health);
            }

            return _probe.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A handling succeeded: if the last probe found a dependency away, it answers again.</summary>
    public void Succeeded()
    {
        if (_away)
        {
            Answered();
        }
    }

    private async Task<bool> ProbeAsync(HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), _stopping.Token).ConfigureAwait(false);
        if (report.Status != HealthStatus.Unhealthy)
        {
            Answered();
            return false;
        }

        lock (_lock)
        {
            if (!_away)
            {
                (_away, _awaySince) = (true, _time.GetUtcNow());
                LogAway(string.Join(", ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key)));
            }
        }

        return true;
    }

    private void Answered()
    {
        lock (_lock)
        {
            if (_away)
            {
                _away = false;
                LogAnswering(_time.GetUtcNow() - _awaySince);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumers wait: {Checks} not ready; failed messages are retried until it answers, none is parked")]
    private partial void LogAway(string checks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumers resume: every dependency answers again after {Outage}")]
    private partial void LogAnswering(TimeSpan outage);
}
