using System.Text.Json;

namespace WeeEvents.Messaging;

/// <summary>
/// An integration message written to a service's outbox in the same transaction as the events that
/// caused it, and published by the relay after the commit.
/// </summary>
/// <param name="MessageId">The message id on the wire: the id of the source event, so a re-publish is recognisably the same message.</param>
/// <param name="MessageType">The contract's message URN (its wire name), for example <c>urn:message:WeeEvents.Contracts.Order:OrderPlaced</c>.</param>
/// <param name="Body">The contract serialised as JSON.</param>
/// <param name="Source">The aggregate whose event caused the message; messages of one aggregate are published in order.</param>
/// <param name="SourceRevision">The source event's revision.</param>
/// <param name="Metadata">Correlation, causation and trace context of the source event.</param>
/// <param name="CreatedAt">When the source event was recorded.</param>
public sealed record OutboxMessage(
    Guid MessageId,
    string MessageType,
    string Body,
    AggregateId Source,
    Revision SourceRevision,
    EventMetadata Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The contract's record type, when the message was mapped or built in this process: the store encrypts the personal
    /// fields its classification declares, bound to <see cref="MessageType"/>. Not stored: a row read back has none.
    /// </summary>
    public Type? ContractType { get; init; }
}

/// <summary>
/// Maps a service's recorded domain events to the integration messages it publishes. Stores call it on
/// every append so that outbox rows commit with the events.
/// </summary>
public interface IOutboxMapper
{
    /// <summary>The messages to publish for <paramref name="recorded"/>; usually none or one.</summary>
    IEnumerable<OutboxMessage> Map(RecordedEvent<JsonElement> recorded);

    /// <summary>
    /// True when every message <see cref="Map"/> returns names its <see cref="OutboxMessage.ContractType"/>: the store then
    /// maps the plain event and encrypts each contract's personal fields bound to the contract. Otherwise (the default)
    /// the mapper is given the event as stored, its personal fields already encrypted, so no plain value reaches the
    /// outbox through a mapper that declares nothing.
    /// </summary>
    bool DeclaresContracts => false;
}
