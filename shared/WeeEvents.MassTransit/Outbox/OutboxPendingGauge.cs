using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// The one <c>wee_events.outbox.pending</c> gauge of the process, reporting the last count of every running relay
/// (several when services share a host), each under its own name.
/// </summary>
internal static class OutboxPendingGauge
{
    private static readonly ConcurrentDictionary<object, (string Name, Func<long> Read)> Relays = new();

    private static readonly ObservableGauge<long> Gauge = WeeEventsTelemetry.Meter.CreateObservableGauge(
        WeeEventsTelemetry.OutboxPendingName,
        Observe,
        "{message}",
        "Outbox rows waiting to be published.");

    public static IDisposable Register(string name, Func<long> read)
    {
        _ = Gauge; // created with the first relay
        var key = new object();
        Relays[key] = (name, read);
        return new Registration(key);
    }

    private static IEnumerable<Measurement<long>> Observe() =>
        Relays.Values.Select(r => new Measurement<long>(r.Read(), new KeyValuePair<string, object?>("wee_events.outbox", r.Name)));

    private sealed class Registration(object key) : IDisposable
    {
        public void Dispose() => Relays.TryRemove(key, out _);
    }
}
