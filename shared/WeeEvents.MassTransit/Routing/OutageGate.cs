using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Holds a service's consumers while what they need is away. A handling that fails for a reason that may pass asks the
/// gate; the gate runs the service's readiness checks (those tagged <c>ready</c>, the ones behind <c>/health/ready</c>:
/// the events database, the broker) and, while any is red, keeps the caller waiting and probes again, with pauses
/// growing to <see cref="ConsumerOptions.OutageProbeInterval"/>. The message is then handled again without spending its
/// retries: an outage of any length ends in recovery, not in the <c>_error</c> queue. Every waiting handler holds its
/// route's concurrency, so a service takes no new messages until its dependencies answer; those it holds stay
/// unacknowledged, and the broker hands them to another instance should this one die.
/// </summary>
internal sealed partial class OutageGate : IDisposable
{
    // The tag of the readiness checks (WeeEvents.AspNetCore's HealthTags.Ready), which this package cannot reference.
    private const string ReadyTag = "ready";
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);

    private readonly HealthCheckService? _health;
    private readonly TimeSpan _longestPause;
    private readonly TimeProvider _time;
    private readonly ILogger<OutageGate> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task<bool>? _probe;

    public OutageGate(IServiceProvider services, IOptions<ConsumerOptions> options, TimeProvider time, ILogger<OutageGate> logger)
    {
        _health = (HealthCheckService?)services.GetService(typeof(HealthCheckService));
        _longestPause = options.Value.OutageProbeInterval;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Returns once the service's dependencies answer: true when they did not at first (so a failure just seen was the
    /// outage's, worth handling again), false when they were fine all along (the failure is the message's own).
    /// Callers that arrive together share one probe.
    /// </summary>
    public Task<bool> WaitWhileAwayAsync(CancellationToken cancellationToken)
    {
        if (_health is null)
        {
            return Task.FromResult(false);
        }

        lock (_lock)
        {
            if (_probe is null || _probe.IsCompleted)
            {
                _probe = ProbeUntilReadyAsync(_health);
            }

            return _probe.WaitAsync(cancellationToken);
        }
    }

    private async Task<bool> ProbeUntilReadyAsync(HealthCheckService health)
    {
        var pause = FirstPause;
        var since = default(DateTimeOffset?);
        while (true)
        {
            var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), _stopping.Token).ConfigureAwait(false);
            if (report.Status != HealthStatus.Unhealthy)
            {
                if (since is { } start)
                {
                    LogResumed(_time.GetUtcNow() - start);
                }

                return since is not null;
            }

            if (since is null)
            {
                since = _time.GetUtcNow();
                LogPaused(string.Join(", ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key)));
            }

            await Task.Delay(pause, _time, _stopping.Token).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _longestPause.Ticks));
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumers wait: {Checks} not ready; messages stay in their queues until it answers")]
    private partial void LogPaused(string checks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumers resume: every dependency answers again after {Outage}")]
    private partial void LogResumed(TimeSpan outage);
}
