using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WeeEvents.Telemetry;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>
/// The command path's load stage, and the one place that decides where a load starts: the entity the store kept in
/// memory (<see cref="IEntityMemory"/>), else the latest snapshot at or below the wanted revision (for a loader that
/// declares snapshots, from an <see cref="ISnapshotStore"/>), else the first event. A start is used only while the
/// stream still holds, at its revision, the very event it was folded up to: the tail is read from that revision on, so
/// the check costs one row. It hands the store what it folds to keep, and offers snapshots; nothing else reads or
/// writes either.
/// </summary>
internal sealed partial class EntityLoader<TState>
{
    private readonly ServiceDescription<TState> _description;
    private readonly IEventStore _store;
    private readonly IEntityMemory? _kept;
    private readonly WeeEventsTelemetryOptions _telemetry;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _aggregateTag;
    private readonly ConcurrentDictionary<string, bool> _unknownEventTypes = new(StringComparer.Ordinal);

    public EntityLoader(ServiceDescription<TState> description, IEventStore store, ServiceOptions options, ILogger logger)
    {
        _description = description;
        _store = store;
        _kept = store as IEntityMemory;
        _telemetry = options.Telemetry;
        _logger = logger;
        _aggregateTag = new(Attributes.AggregateType, description.Info.Aggregate);
    }

    private LoaderDescription<TState> Loader => _description.Loader;

    /// <summary>The entity before its first event: what a command that creates its aggregate starts from.</summary>
    public Entity<TState> Initial(AggregateId aggregate) => new(aggregate, Revision.Initial, Loader.Initial(aggregate));

    /// <summary>The entity at its latest revision (<paramref name="upTo"/> null) or as it was at <paramref name="upTo"/>.</summary>
    public async Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision? upTo, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = _telemetry.Enabled ? Source.StartActivity($"load {aggregate.Type}") : null;
        var loaded = await StartAsync(aggregate, upTo, cancellationToken);
        if (upTo is null)
        {
            // A time-travel load neither resumes from nor replaces what is kept: that is the entity as it stands now.
            Keep(loaded.Entity, loaded.Events);
        }

        if (Loader.Snapshots is { } policy && loaded.Folded > policy.Every && loaded.Events.Count > 0 && loaded.Events[^1].Revision == loaded.Entity.Revision)
        {
            // A load that folded more than the policy allows between snapshots leaves one, so the next does not.
            OfferSnapshot(loaded.Entity, loaded.Events[^1].EventId);
        }

        Record(activity, loaded, started);
        return loaded.Entity;
    }

    /// <summary><paramref name="entity"/> with the events recorded since folded in: a command that lost a race catches up.</summary>
    public async Task<Entity<TState>> CatchUpAsync(Entity<TState> entity, CancellationToken cancellationToken) =>
        Fold(entity, await _store.LoadAsync(entity.Aggregate, new LoadOptions { AfterRevision = entity.Revision }, cancellationToken));

    /// <summary>
    /// The entity after <paramref name="appended"/>, folded from <paramref name="before"/> with no reload; kept, and
    /// snapshotted when the append crossed the policy's interval.
    /// </summary>
    public Entity<TState> Appended(Entity<TState> before, IReadOnlyList<RecordedEvent<JsonElement>> appended)
    {
        var after = Keep(Fold(before, appended), appended);
        if (Loader.Snapshots is { } policy && policy.IsDue(before.Revision, after.Revision))
        {
            OfferSnapshot(after, appended[^1].EventId);
        }

        return after;
    }

    private async Task<Loaded> StartAsync(AggregateId aggregate, Revision? upTo, CancellationToken cancellationToken)
    {
        if (upTo is null
            && _kept?.Find(Loader, aggregate) is { } kept
            && await ResumeAsync(kept.Entity, kept.LastEventId, null, LoadSources.Cache, cancellationToken) is { } resumed)
        {
            return resumed;
        }

        if (Loader.Snapshots is { } policy
            && _store is ISnapshotStore snapshots
            && await snapshots.LatestAsync(aggregate, policy.StateVersion, upTo ?? new Revision(long.MaxValue), cancellationToken) is { Revision.Value: > 0 } snapshot
            && Restore(snapshot) is { } start
            && await ResumeAsync(start, snapshot.EventId, upTo, LoadSources.Snapshot, cancellationToken) is { } restored)
        {
            return restored;
        }

        var events = await _store.LoadAsync(aggregate, upTo is null ? null : new LoadOptions { UpToRevision = upTo }, cancellationToken);
        return new Loaded(Fold(Initial(aggregate), events), events, events.Count, LoadSources.Stream);
    }

    /// <summary>
    /// <paramref name="start"/> folded forward: the stream read from its revision on (up to <paramref name="upTo"/>);
    /// null when the stream no longer holds the event <paramref name="eventId"/> there.
    /// </summary>
    private async Task<Loaded?> ResumeAsync(Entity<TState> start, Guid eventId, Revision? upTo, string source, CancellationToken cancellationToken)
    {
        var events = await _store.LoadAsync(
            start.Aggregate, new LoadOptions { AfterRevision = new Revision(start.Revision.Value - 1), UpToRevision = upTo }, cancellationToken);
        if (events.Count == 0 || events[0].Revision != start.Revision || events[0].EventId != eventId)
        {
            LogStaleStart(start.Aggregate, source, start.Revision.Value);
            return null;
        }

        return new Loaded(Fold(start, events, 1), events, events.Count - 1, source);
    }

    private Entity<TState> Fold(Entity<TState> entity, IReadOnlyList<RecordedEvent<JsonElement>> events, int from = 0)
    {
        if (events.Count <= from)
        {
            return entity;
        }

        var state = entity.State;
        for (var i = from; i < events.Count; i++)
        {
            var e = events[i];
            if (!Loader.TryApply(ref state, e) && _unknownEventTypes.TryAdd(e.Type, true))
            {
                LogUnknownEventType(e.Type, entity.Aggregate.Type);
            }
        }

        // Unknown events still count: the revision is the stream's, not the loader's.
        return entity with { Revision = events[^1].Revision, State = state };
    }

    private Entity<TState> Keep(Entity<TState> entity, IReadOnlyList<RecordedEvent<JsonElement>> events)
    {
        if (events.Count > 0 && events[^1].Revision == entity.Revision)
        {
            _kept?.Keep(new KeptEntity<TState>(Loader, entity, events[^1].EventId));
        }

        return entity;
    }

    private Entity<TState>? Restore(Snapshot snapshot)
    {
        try
        {
            return Loader.Restore(snapshot);
        }
        catch (JsonException e)
        {
            // A state whose shape changed without a new state version: fold from the events rather than misread it.
            LogUnreadableSnapshot(e, snapshot.Aggregate, snapshot.Revision.Value, snapshot.StateVersion);
            return null;
        }
    }

    /// <summary>Hands a snapshot to the store, which writes it after the commit; never fails the load or command that took it.</summary>
    private void OfferSnapshot(Entity<TState> entity, Guid eventId)
    {
        if (_store is not ISnapshotStore snapshots)
        {
            return;
        }

        try
        {
            snapshots.Offer(Loader.SnapshotOf(entity, eventId));
            if (_telemetry.Enabled && SnapshotCount.Enabled)
            {
                SnapshotCount.Add(1, _aggregateTag);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            LogSnapshotNotTaken(e, entity.Aggregate, entity.Revision.Value);
        }
    }

    private void Record(Activity? activity, Loaded loaded, long started)
    {
        if (!_telemetry.Enabled)
        {
            return;
        }

        activity?.SetTag(Attributes.Revision, loaded.Entity.Revision.Value);
        activity?.SetTag(Attributes.LoadSource, loaded.Source);
        if (AggregateLoadTime.Enabled)
        {
            AggregateLoadTime.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _aggregateTag);
        }

        if (AggregateEventCount.Enabled)
        {
            AggregateEventCount.Record(loaded.Folded, _aggregateTag);
        }

        if (AggregateLoads.Enabled)
        {
            AggregateLoads.Add(1, _aggregateTag, new KeyValuePair<string, object?>(Attributes.LoadSource, loaded.Source));
        }
    }

    /// <summary>What a load read and folded: the entity, the events read (ending at its revision when any), how many were folded, and where the fold started.</summary>
    private sealed record Loaded(Entity<TState> Entity, IReadOnlyList<RecordedEvent<JsonElement>> Events, int Folded, string Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping events of type {EventType}: the {EntityType} loader has no reducer for it (logged once)")]
    private partial void LogUnknownEventType(string eventType, string entityType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Source} entity of {Aggregate} at revision {Revision} no longer matches its stream; loading without it")]
    private partial void LogStaleStart(AggregateId aggregate, string source, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot of {Aggregate} at revision {Revision} (state version {StateVersion}) does not read as the state; folding from the events. Raise the loader's state version when the state's shape changes")]
    private partial void LogUnreadableSnapshot(Exception error, AggregateId aggregate, long revision, int stateVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No snapshot of {Aggregate} at revision {Revision}: the state does not serialize")]
    private partial void LogSnapshotNotTaken(Exception error, AggregateId aggregate, long revision);
}

/// <summary>The values of <see cref="WeeEventsTelemetry.Attributes.LoadSource"/>.</summary>
internal static class LoadSources
{
    /// <summary>The entity the store kept in memory, as last folded in this process.</summary>
    public const string Cache = "cache";

    /// <summary>A snapshot.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>The first event.</summary>
    public const string Stream = "stream";
}
