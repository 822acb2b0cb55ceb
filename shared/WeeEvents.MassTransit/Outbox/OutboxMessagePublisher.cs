using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using MassTransit.Logging;
using WeeEvents.MassTransit.Tracing;
using WeeEvents.Messaging;
using WeeEvents.Protection;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Publishes one outbox row as its contract with the row's identity and trace: MessageId = the source event's id,
/// CorrelationId, causation, and the W3C context of the command that caused it, so the consumer continues that trace.
/// </summary>
public sealed class OutboxMessagePublisher(IBus bus, MessageTypeRegistry contracts, IPersonalDataProtector? protector = null)
{
    /// <summary>Publishes and returns once the broker has confirmed the message.</summary>
    /// <param name="message">The outbox row.</param>
    /// <param name="cancellationToken">Stops waiting for the broker.</param>
    /// <exception cref="UnknownMessageType">The row's URN is not a registered contract.</exception>
    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!contracts.TryFind(message.MessageType, out var type))
        {
            throw new UnknownMessageType(message.MessageType);
        }

        var contract = JsonSerializer.Deserialize(message.Body, type, WeeEventsJson.Options)
            ?? throw new JsonException($"Outbox message {message.MessageId} has a null body.");

        // Personal fields stay encrypted on the wire; the keys their declared paths name travel with them, wrapped, for
        // the consumers: each only for the subject the message names there.
        var keys = protector is null
            ? []
            : await protector.KeysForAsync(new PersonalDataScope(PersonalDataClassification.Of(type), message.MessageType, message.Source.Encoded), message.Body, cancellationToken).ConfigureAwait(false);
        var keysHeader = keys.Count == 0 ? null : JsonSerializer.Serialize(keys, WeeEventsJson.Options);
        var metadata = message.Metadata;
        // The command's context is the parent: this is the first delivery of what it caused.
        using var activity = WeeEventsTelemetry.Source.StartActivity(
            $"outbox publish {type.Name}",
            ActivityKind.Producer,
            TraceContext.Parent(metadata.TraceParent, metadata.TraceState) ?? default);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", "publish");
            activity.SetTag("messaging.message.id", message.MessageId.ToString());
            activity.SetTag("messaging.message.type", message.MessageType);
            activity.SetTag(WeeEventsTelemetry.Attributes.AggregateType, message.Source.Type);
            activity.SetTag(WeeEventsTelemetry.Attributes.AggregateKey, message.Source.Key);
            activity.SetTag(WeeEventsTelemetry.Attributes.CorrelationId, metadata.CorrelationId);
        }

        var traceParent = activity?.Id ?? metadata.TraceParent;
        var traceState = activity?.TraceStateString ?? metadata.TraceState;
        try
        {
            await bus.Publish(contract, type, context => Stamp(context, message, traceParent, traceState, keysHeader), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.SetTag(WeeEventsTelemetry.Attributes.ErrorType, e.GetType().Name);
            throw;
        }
    }

    private static void Stamp(PublishContext context, OutboxMessage message, string? traceParent, string? traceState, string? keysHeader)
    {
        var metadata = message.Metadata;
        context.MessageId = message.MessageId;
        if (Guid.TryParse(metadata.CorrelationId, out var correlation))
        {
            context.CorrelationId = correlation;
        }

        if (Guid.TryParse(metadata.CausationId, out var causation))
        {
            context.InitiatorId = causation;
        }

        SetIfPresent(context, WeeEventsHeaders.CorrelationId, metadata.CorrelationId);
        SetIfPresent(context, WeeEventsHeaders.CausationId, metadata.CausationId);
        context.Headers.Set(WeeEventsHeaders.Source, message.Source.Encoded);
        context.Headers.Set(WeeEventsHeaders.SourceRevision, message.SourceRevision.Value.ToString(CultureInfo.InvariantCulture));
        SetIfPresent(context, WeeEventsHeaders.TraceParent, traceParent);
        SetIfPresent(context, WeeEventsHeaders.TraceState, traceState);
        SetIfPresent(context, WeeEventsHeaders.DataKeys, keysHeader);
        // MassTransit's own consume span parents on this header; its send span sets it when it is listened to.
        if (traceParent is not null && !context.Headers.TryGetHeader(DiagnosticHeaders.ActivityId, out _))
        {
            context.Headers.Set(DiagnosticHeaders.ActivityId, traceParent);
        }
    }

    private static void SetIfPresent(PublishContext context, string header, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            context.Headers.Set(header, value);
        }
    }
}

/// <summary>An outbox row names a message URN that no registered contract has; the row waits until one is registered.</summary>
public sealed class UnknownMessageType(string urn)
    : Exception($"No contract is registered for message type '{urn}'; register it with the outbox mapper or WeeEventsMessagingBuilder.Publish<T>().")
{
    /// <summary>The URN.</summary>
    public string Urn { get; } = urn;
}
