using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Tracing;

/// <summary>
/// The ActivitySources a messaging service should listen to: WeeEvents' own (command, outbox publish, consume spans)
/// and MassTransit's (send, receive and consume spans), e.g. <c>tracing.AddSource(MessagingActivitySources.All)</c>.
/// </summary>
public static class MessagingActivitySources
{
    /// <summary>MassTransit's ActivitySource name.</summary>
    public const string MassTransit = "MassTransit";

    /// <summary>Every source to add to a tracer provider.</summary>
    public static IReadOnlyList<string> All { get; } = [WeeEventsTelemetry.Name, MassTransit];
}
