using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WeeEvents.Telemetry;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// The <c>wee_events.subscription.lag</c> gauge: per subscription, how old the last event it applied was when it
/// applied it, in seconds, while it still has events to read; 0 once it has read all there is.
/// </summary>
internal static class SubscriptionLag
{
    private static readonly ConcurrentDictionary<State, byte> Subscriptions = new();

    private static readonly ObservableGauge<double> Gauge = WeeEventsTelemetry.Meter.CreateObservableGauge(
        "wee_events.subscription.lag",
        () => Subscriptions.Keys.Select(s => new Measurement<double>(s.Seconds, new KeyValuePair<string, object?>("wee_events.subscription", s.Name))),
        "s",
        "How far a subscription is behind the events it reads.");

    public static State Register(string name)
    {
        _ = Gauge;
        var state = new State(name);
        Subscriptions[state] = 0;
        return state;
    }

    /// <summary>One subscription's lag.</summary>
    public sealed class State(string name) : IDisposable
    {
        public string Name { get; } = name;

        public double Seconds { get; private set; }

        public void Applied(DateTimeOffset recordedAt, DateTimeOffset now, bool more) => Seconds = more ? Math.Max(0, (now - recordedAt).TotalSeconds) : 0;

        public void CaughtUp() => Seconds = 0;

        public void Dispose() => Subscriptions.TryRemove(this, out _);
    }
}
