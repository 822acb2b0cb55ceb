using MassTransit.Logging;
using MassTransit.Monitoring;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Tracing;

/// <summary>
/// The ActivitySources and Meters a messaging service should listen to: WeeEvents' own (command, outbox publish, consume
/// spans) and MassTransit's (send, receive and consume spans; its receive, consume and publish counters and durations),
/// e.g. <c>tracing.AddSource(MessagingActivitySources.All)</c> and <c>metrics.AddMeter(MessagingActivitySources.Meters)</c>.
/// </summary>
public static class MessagingActivitySources
{
    /// <summary>MassTransit's ActivitySource name (<see cref="DiagnosticHeaders.DefaultListenerName"/>).</summary>
    public const string MassTransit = DiagnosticHeaders.DefaultListenerName;

    /// <summary>MassTransit's Meter name (<see cref="InstrumentationOptions.MeterName"/>).</summary>
    public const string MassTransitMeter = InstrumentationOptions.MeterName;

    /// <summary>Every source to add to a tracer provider.</summary>
    public static IReadOnlyList<string> All { get; } = [WeeEventsTelemetry.Name, MassTransit];

    /// <summary>Every meter to add to a meter provider.</summary>
    public static IReadOnlyList<string> Meters { get; } = [WeeEventsTelemetry.Name, MassTransitMeter];
}
