using System.Collections.Immutable;
using System.Text.Json;
using MassTransit;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Maps a service's domain events to the integration contracts it publishes, as an immutable builder:
/// <c>OutboxMapper.Empty.Map&lt;StockReserved.Data, StockReservedContract&gt;(StockReserved.Name, e =&gt; new(...))</c>.
/// Stores call <see cref="Map(RecordedEvent{JsonElement})"/> on every append so the outbox rows commit with the events.
/// </summary>
public sealed class OutboxMapper : IOutboxMapper
{
    private readonly ImmutableDictionary<string, ImmutableArray<Func<RecordedEvent<JsonElement>, OutboxMessage?>>> _maps;

    private OutboxMapper(
        ImmutableDictionary<string, ImmutableArray<Func<RecordedEvent<JsonElement>, OutboxMessage?>>> maps,
        MessageTypeRegistry contracts)
    {
        _maps = maps;
        Contracts = contracts;
    }

    /// <summary>A mapper that publishes nothing.</summary>
    public static OutboxMapper Empty { get; } = new(
        ImmutableDictionary<string, ImmutableArray<Func<RecordedEvent<JsonElement>, OutboxMessage?>>>.Empty.WithComparers(StringComparer.Ordinal),
        MessageTypeRegistry.Empty);

    /// <summary>The contracts this mapper produces, by message URN (what the relay needs to publish them).</summary>
    public MessageTypeRegistry Contracts { get; }

    /// <inheritdoc />
    /// <remarks>Always: every message names its contract, so its personal fields are encrypted bound to the contract.</remarks>
    public bool DeclaresContracts => true;

    /// <summary>The event types that produce messages.</summary>
    public IEnumerable<string> EventTypes => _maps.Keys;

    /// <summary>
    /// Publishes <typeparamref name="TContract"/> for each recorded <paramref name="eventType"/>; the function may
    /// return null to publish nothing for a particular event. Several maps for one event type publish several messages.
    /// </summary>
    /// <typeparam name="TEventData">The event's data record.</typeparam>
    /// <typeparam name="TContract">The integration contract; it should carry an explicit <see cref="MessageUrnAttribute"/>.</typeparam>
    public OutboxMapper Map<TEventData, TContract>(string eventType, Func<RecordedEvent<TEventData>, TContract?> map)
        where TContract : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(map);
        var contracts = Contracts.Add<TContract>();
        var urn = MessageTypeRegistry.UrnOf(typeof(TContract));
        var existing = _maps.TryGetValue(eventType, out var list) ? list : [];
        var index = existing.Length;

        OutboxMessage? ToMessage(RecordedEvent<JsonElement> recorded)
        {
            var contract = map(recorded.As<TEventData>());
            if (contract is null)
            {
                return null;
            }

            // The first message of an event carries the event's id, so a re-publish is recognisably the same
            // message; further messages from the same event get ids derived from it, equally stable.
            var messageId = index == 0 ? recorded.EventId : DerivedId(recorded.EventId, index);
            return new OutboxMessage(
                messageId,
                urn,
                JsonSerializer.Serialize(contract, WeeEventsJson.Options),
                recorded.Aggregate,
                recorded.Revision,
                recorded.Metadata,
                recorded.Timestamp)
            {
                ContractType = typeof(TContract),
            };
        }

        return new OutboxMapper(_maps.SetItem(eventType, existing.Add(ToMessage)), contracts);
    }

    /// <inheritdoc />
    public IEnumerable<OutboxMessage> Map(RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!_maps.TryGetValue(recorded.Type, out var maps))
        {
            yield break;
        }

        foreach (var map in maps)
        {
            if (map(recorded) is { } message)
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// The contract <paramref name="recorded"/> publishes, read back as the consumer reads it, or null when the event
    /// stays inside the service: for in-memory flows and tests that follow the messages without a broker.
    /// </summary>
    public object? ContractFor(RecordedEvent<JsonElement> recorded)
    {
        var message = Map(recorded).FirstOrDefault();
        return message is not null && Contracts.TryFind(message.MessageType, out var type)
            ? JsonSerializer.Deserialize(message.Body, type, WeeEventsJson.Options)
            : null;
    }

    /// <summary>A message built by hand (for <see cref="IUnitOfWork.Enqueue"/>) in the same shape as mapped ones.</summary>
    public static OutboxMessage Message<TContract>(Guid messageId, TContract contract, AggregateId source, Revision sourceRevision, EventMetadata metadata, DateTimeOffset createdAt)
        where TContract : class =>
        new(messageId, MessageTypeRegistry.UrnOf(typeof(TContract)), JsonSerializer.Serialize(contract, WeeEventsJson.Options), source, sourceRevision, metadata, createdAt)
        {
            ContractType = typeof(TContract),
        };

    private static Guid DerivedId(Guid eventId, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        eventId.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[15] ^= (byte)index;
        bytes[14] ^= (byte)(index >> 8);
        return new Guid(bytes, bigEndian: true);
    }
}
