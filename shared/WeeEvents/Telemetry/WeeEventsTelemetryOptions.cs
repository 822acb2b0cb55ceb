using System.Text.Json;

namespace WeeEvents.Telemetry;

/// <summary>What WeeEvents records about commands and events.</summary>
public sealed record WeeEventsTelemetryOptions
{
    /// <summary>Spans and metrics on (the default). Off removes even the listener checks.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Record command payloads on command spans. Off by default: payloads may hold personal data.
    /// </summary>
    public bool RecordPayloads { get; init; }

    /// <summary>Extra span attributes for a command (wee-events' <c>commandAttributes</c>): name, aggregate and JSON payload in, attributes out.</summary>
    public Func<CommandTelemetryContext, IEnumerable<KeyValuePair<string, object?>>>? CommandAttributes { get; init; }

    /// <summary>Extra attributes for each recorded event on the append span (wee-events' <c>eventAttributes</c>).</summary>
    public Func<RecordedEvent<JsonElement>, IEnumerable<KeyValuePair<string, object?>>>? EventAttributes { get; init; }
}

/// <summary>What an attribute function may look at for a command.</summary>
/// <param name="Command">The command name.</param>
/// <param name="Aggregate">The aggregate.</param>
/// <param name="Payload">The command's payload as JSON.</param>
public sealed record CommandTelemetryContext(string Command, AggregateId Aggregate, JsonElement Payload);
