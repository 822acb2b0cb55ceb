using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WeeEvents.Telemetry;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// The lag gauges, per subscription: <c>wee_events.subscription.lag</c>, how old the last event it applied was when it
/// applied it, in seconds, and <c>wee_events.subscription.lag.events</c>, about how many events it still has to read
/// (positions between its checkpoint and the last event; a rolled-back insert leaves a gap that counts), while it still
/// has events to read; both 0 once it has read all there is.
/// </summary>
internal static class SubscriptionLag
{
    private static readonly ConcurrentDictionary<State, byte> Subscriptions = new();

    private static readonly ObservableGauge<double> Gauge = WeeEventsTelemetry.Meter.CreateObservableGauge(
        "wee_events.subscription.lag",
        () => Subscriptions.Keys.Select(s => new Measurement<double>(s.Seconds, new KeyValuePair<string, object?>("wee_events.subscription", s.Name))),
        "s",
        "How far a subscription is behind the events it reads.");

    private static readonly ObservableGauge<long> EventsGauge = WeeEventsTelemetry.Meter.CreateObservableGauge(
        "wee_events.subscription.lag.events",
        () => Subscriptions.Keys.Select(s => new Measurement<long>(s.Events, new KeyValuePair<string, object?>("wee_events.subscription", s.Name))),
        "{event}",
        "About how many events a subscription still has to read.");

    public static State Register(string name)
    {
        _ = (Gauge, EventsGauge);
        var state = new State(name);
        Subscriptions[state] = 0;
        return state;
    }

    /// <summary>One subscription's lag.</summary>
    public sealed class State(string name) : IDisposable
    {
        public string Name { get; } = name;

        public double Seconds { get; private set; }

        public long Events { get; private set; }

        public void Applied(DateTimeOffset recordedAt, DateTimeOffset now, long behind) =>
            (Seconds, Events) = behind > 0 ? (Math.Max(0, (now - recordedAt).TotalSeconds), behind) : (0, 0);

        public void CaughtUp() => (Seconds, Events) = (0, 0);

        public void Dispose() => Subscriptions.TryRemove(this, out _);
    }
}
