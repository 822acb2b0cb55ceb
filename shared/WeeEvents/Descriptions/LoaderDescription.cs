using System.Collections.Immutable;
using System.Text.Json;

namespace WeeEvents;

/// <summary>A pure reducer: the state after one recorded event. Never throws; an invalid transition returns the state unchanged.</summary>
public delegate TState Reducer<TState, TEvent>(TState state, RecordedEvent<TEvent> recorded);

/// <summary>Reads an event's data written with an older schema version as the next version's data.</summary>
public delegate JsonElement Upcaster(JsonElement data);

/// <summary>Starts a loader description: how an aggregate's state is built from its events.</summary>
public static class LoaderDescription
{
    /// <summary>Starts from a function giving the initial state of a new aggregate.</summary>
    public static LoaderDescriptionBuilder<TState> FromInitFunction<TState>(Func<AggregateId, TState> init)
    {
        ArgumentNullException.ThrowIfNull(init);
        return new LoaderDescriptionBuilder<TState>(init, ImmutableDictionary<string, EventRegistration<TState>>.Empty, ImmutableDictionary<(string, int), Upcaster>.Empty, null);
    }

    /// <summary>Starts from an initializer that does not depend on the aggregate id.</summary>
    public static LoaderDescriptionBuilder<TState> FromInitializer<TState>(Func<TState> initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        return FromInitFunction(_ => initializer());
    }
}

/// <summary>An immutable builder of a <see cref="LoaderDescription{TState}"/>; every call returns a new builder.</summary>
public sealed class LoaderDescriptionBuilder<TState>
{
    private readonly Func<AggregateId, TState> _init;
    private readonly ImmutableDictionary<string, EventRegistration<TState>> _events;
    private readonly ImmutableDictionary<(string Type, int FromVersion), Upcaster> _upcasters;
    private readonly SnapshotPolicy? _snapshots;

    internal LoaderDescriptionBuilder(
        Func<AggregateId, TState> init,
        ImmutableDictionary<string, EventRegistration<TState>> events,
        ImmutableDictionary<(string, int), Upcaster> upcasters,
        SnapshotPolicy? snapshots)
    {
        _init = init;
        _events = events;
        _upcasters = upcasters;
        _snapshots = snapshots;
    }

    /// <summary>Registers the reducer of one event type, whose data is read as <typeparamref name="TEvent"/>.</summary>
    /// <param name="eventType">The event type name.</param>
    /// <param name="reducer">The pure reducer.</param>
    /// <param name="schemaVersion">The current schema version of the event's data; new events are written with it.</param>
    public LoaderDescriptionBuilder<TState> Reducer<TEvent>(string eventType, Reducer<TState, TEvent> reducer, int schemaVersion = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(reducer);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        if (_events.ContainsKey(eventType))
        {
            throw new ArgumentException($"Event type '{eventType}' already has a reducer.", nameof(eventType));
        }

        var registration = new EventRegistration<TState>(eventType, typeof(TEvent), schemaVersion, (state, recorded) => reducer(state, recorded.As<TEvent>()));
        return new LoaderDescriptionBuilder<TState>(_init, _events.Add(eventType, registration), _upcasters, _snapshots);
    }

    /// <summary>Registers how data of <paramref name="eventType"/> at <paramref name="fromVersion"/> reads as version <c>fromVersion + 1</c>.</summary>
    public LoaderDescriptionBuilder<TState> Upcaster(string eventType, int fromVersion, Upcaster upcast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(upcast);
        return new LoaderDescriptionBuilder<TState>(_init, _events, _upcasters.SetItem((eventType, fromVersion), upcast), _snapshots);
    }

    /// <summary>
    /// Snapshots the entities of this loader every <paramref name="every"/> events (see <see cref="SnapshotPolicy"/>), so
    /// a load folds only the events after the latest snapshot. The state must round-trip through
    /// <see cref="WeeEventsJson.Options"/>; raise <paramref name="stateVersion"/> whenever its JSON shape changes, and
    /// older snapshots are ignored. Worth it only for streams that grow long: measure first
    /// (<c>wee_events.aggregate.event_count</c>).
    /// </summary>
    /// <param name="every">Events between snapshots: at least 1.</param>
    /// <param name="stateVersion">The version of the state's JSON shape: at least 1.</param>
    /// <exception cref="Protection.PersonalDataNotSnapshottable">The state holds personal data.</exception>
    public LoaderDescriptionBuilder<TState> Snapshots(int every, int stateVersion = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stateVersion, 1);
        // A snapshot is the state in the clear, outside any forget: a state with personal data is refused at start.
        Protection.PersonalDataNotSnapshottable.ThrowIfPersonal(typeof(TState));
        return new LoaderDescriptionBuilder<TState>(_init, _events, _upcasters, new SnapshotPolicy(every, stateVersion));
    }

    /// <summary>Finishes the description.</summary>
    public LoaderDescription<TState> Description()
    {
        foreach (var ((type, from), _) in _upcasters)
        {
            if (!_events.TryGetValue(type, out var registration) || from >= registration.SchemaVersion)
            {
                throw new InvalidOperationException($"The upcaster of '{type}' from version {from} has no later version with a reducer to read into.");
            }
        }

        return new LoaderDescription<TState>(_init, _events, _upcasters, _snapshots);
    }
}

/// <summary>What a loader knows about one event type.</summary>
/// <param name="Type">The event type name.</param>
/// <param name="DataType">The record its data is read as.</param>
/// <param name="SchemaVersion">The current schema version.</param>
/// <param name="Apply">Reads the stored data and reduces it into the state.</param>
public sealed record EventRegistration<TState>(
    string Type,
    Type DataType,
    int SchemaVersion,
    Func<TState, RecordedEvent<JsonElement>, TState> Apply);

/// <summary>
/// How an aggregate's state is built: its initial state and one pure reducer per event type.
/// Immutable and inspectable (<see cref="Events"/>).
/// </summary>
public sealed class LoaderDescription<TState>
{
    private readonly Func<AggregateId, TState> _init;
    private readonly ImmutableDictionary<string, EventRegistration<TState>> _events;
    private readonly ImmutableDictionary<(string Type, int FromVersion), Upcaster> _upcasters;

    internal LoaderDescription(
        Func<AggregateId, TState> init,
        ImmutableDictionary<string, EventRegistration<TState>> events,
        ImmutableDictionary<(string, int), Upcaster> upcasters,
        SnapshotPolicy? snapshots)
    {
        _init = init;
        _events = events;
        _upcasters = upcasters;
        Snapshots = snapshots;
    }

    /// <summary>When this loader's entities are snapshotted; null when they are always folded from the first event.</summary>
    public SnapshotPolicy? Snapshots { get; }

    /// <summary>A snapshot of <paramref name="entity"/>, folded up to the event <paramref name="eventId"/> (the one at its revision).</summary>
    /// <exception cref="InvalidOperationException">The loader declares no snapshots.</exception>
    public Snapshot SnapshotOf(Entity<TState> entity, Guid eventId)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var policy = Snapshots ?? throw new InvalidOperationException("This loader declares no snapshots.");
        if (entity.Revision <= Revision.Initial)
        {
            throw new ArgumentException("An entity with no events has nothing to snapshot.", nameof(entity));
        }

        return new Snapshot(entity.Aggregate, entity.Revision, eventId, policy.StateVersion, JsonSerializer.SerializeToElement(entity.State, WeeEventsJson.Options));
    }

    /// <summary>
    /// The entity <paramref name="snapshot"/> holds, when it is of this loader's state version; null when it is of
    /// another (the state type changed since), or the loader declares no snapshots.
    /// </summary>
    /// <exception cref="JsonException">The snapshot's JSON does not read as the state (a shape changed without raising the version).</exception>
    public Entity<TState>? Restore(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Snapshots is not { } policy || snapshot.StateVersion != policy.StateVersion)
        {
            return null;
        }

        var state = snapshot.State.Deserialize<TState>(WeeEventsJson.Options) ?? throw new JsonException("The snapshot's state is null.");
        return new Entity<TState>(snapshot.Aggregate, snapshot.Revision, state);
    }

    /// <summary>The event types this loader reads, with their data types and schema versions.</summary>
    public IReadOnlyCollection<EventRegistration<TState>> Events => _events.Values.ToArray();

    /// <summary>The state of an aggregate with no events.</summary>
    public TState Initial(AggregateId aggregate) => _init(aggregate);

    /// <summary>The current schema version of <paramref name="eventType"/>, or null when the loader does not know it.</summary>
    public int? SchemaVersionOf(string eventType) => _events.TryGetValue(eventType, out var r) ? r.SchemaVersion : null;

    /// <summary>
    /// Applies one stored event. Returns false, leaving the state as it was, when the event type is unknown
    /// (an event written by a newer version of the service, for example).
    /// </summary>
    public bool TryApply(ref TState state, RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!_events.TryGetValue(recorded.Type, out var registration))
        {
            return false;
        }

        state = registration.Apply(state, Upcast(recorded, registration.SchemaVersion));
        return true;
    }

    private RecordedEvent<JsonElement> Upcast(RecordedEvent<JsonElement> recorded, int currentVersion)
    {
        if (recorded.SchemaVersion >= currentVersion)
        {
            return recorded;
        }

        var data = recorded.Data;
        for (var version = recorded.SchemaVersion; version < currentVersion; version++)
        {
            if (!_upcasters.TryGetValue((recorded.Type, version), out var upcast))
            {
                throw new InvalidOperationException($"Event '{recorded.Type}' at schema version {version} has no upcaster to version {version + 1}.");
            }

            data = upcast(data);
        }

        return recorded with { Data = data, SchemaVersion = currentVersion };
    }
}
