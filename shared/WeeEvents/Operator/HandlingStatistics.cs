using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WeeEvents.Telemetry;

namespace WeeEvents.Operator;

/// <summary>
/// The process's message handling over the last minute, per route, for the operator: listens in memory to
/// <c>wee_events.message.duration</c> (which every route's delivery records once, with its route and outcome) and keeps
/// a small rolling histogram per route. Reading it costs nothing on the services' hot path; the measurements it keeps
/// are the ones an OpenTelemetry exporter, when one is configured, exports as well. One process is one service in a
/// deployment; a host of several services (the demo) reports all of their routes.
/// </summary>
public sealed class HandlingStatistics : IDisposable
{
    private readonly ConcurrentDictionary<string, HandlingWindow> _routes = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;

    /// <summary>Starts listening at once.</summary>
    public HandlingStatistics(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // By name: the instrument may be published while WeeEventsTelemetry's own fields are still being set.
            if (instrument.Meter.Name == WeeEventsTelemetry.Name && instrument.Name == WeeEventsTelemetry.MessageDurationName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Each route's figures over the last minute, by route name.</summary>
    public IReadOnlyList<RouteHandling> Read()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return [.. _routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.Read(r.Key, now))];
    }

    /// <summary>How long the figures of <see cref="Read"/> span.</summary>
    public static TimeSpan Window => HandlingWindow.Span;

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? route = null;
        var outcome = HandlingOutcome.Failed;
        foreach (var tag in tags)
        {
            if (tag.Key == WeeEventsTelemetry.Attributes.Consumer)
            {
                route = tag.Value as string;
            }
            else if (tag.Key == WeeEventsTelemetry.Attributes.Outcome)
            {
                outcome = (tag.Value as string) switch
                {
                    "success" => HandlingOutcome.Handled,
                    "duplicate" => HandlingOutcome.Duplicate,
                    _ => HandlingOutcome.Failed,
                };
            }
        }

        if (route is not null)
        {
            _routes.GetOrAdd(route, static _ => new HandlingWindow()).Record(_time.GetUtcNow().ToUnixTimeSeconds(), seconds, outcome);
        }
    }
}
