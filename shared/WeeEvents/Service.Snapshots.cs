using System.Text.Json;
using Microsoft.Extensions.Logging;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>
/// Loads of a loader that declares snapshots: only a stream's tail is read and folded, from the entity this process
/// kept, else from the latest snapshot at or below the wanted revision, else from the first event. Each starting point
/// is used only while the stream still holds, at its revision, the very event it was folded up to: the tail is read
/// from that revision on, so the check costs one row.
/// </summary>
internal sealed partial class Service<TState>
{
    private async Task<Loaded<TState>> LoadTailAsync(AggregateId aggregate, Revision? upTo, SnapshotPolicy policy, ISnapshotStore snapshots, CancellationToken cancellationToken)
    {
        if (upTo is null
            && _options.EntityCache?.Find(Description.Loader, aggregate) is { } cached
            && await ResumeAsync(cached.Entity, cached.LastEventId, null, LoadSources.Cache, cancellationToken) is { } resumed)
        {
            return OfferWhenLong(resumed, policy);
        }

        var snapshot = await snapshots.LatestAsync(aggregate, policy.StateVersion, upTo ?? new Revision(long.MaxValue), cancellationToken);
        if (snapshot is { Revision.Value: > 0 }
            && Restore(snapshot) is { } start
            && await ResumeAsync(start, snapshot.EventId, upTo, LoadSources.Snapshot, cancellationToken) is { } restored)
        {
            return OfferWhenLong(restored, policy);
        }

        var events = await _store.LoadAsync(aggregate, upTo is null ? null : new LoadOptions { UpToRevision = upTo }, cancellationToken);
        var initial = new Entity<TState>(aggregate, Revision.Initial, Description.Loader.Initial(aggregate));
        return OfferWhenLong(new Loaded<TState>(Fold(initial, events), events, events.Count, LoadSources.Stream), policy);
    }

    /// <summary>
    /// <paramref name="start"/> folded forward: the stream read from its revision on (up to <paramref name="upTo"/>);
    /// null when the stream no longer holds the event <paramref name="eventId"/> there.
    /// </summary>
    private async Task<Loaded<TState>?> ResumeAsync(Entity<TState> start, Guid eventId, Revision? upTo, string source, CancellationToken cancellationToken)
    {
        var events = await _store.LoadAsync(
            start.Aggregate, new LoadOptions { AfterRevision = new Revision(start.Revision.Value - 1), UpToRevision = upTo }, cancellationToken);
        if (events.Count == 0 || events[0].Revision != start.Revision || events[0].EventId != eventId)
        {
            LogStaleStart(start.Aggregate, source, start.Revision.Value);
            return null;
        }

        return new Loaded<TState>(Fold(start, events, 1), events, events.Count - 1, source);
    }

    private Entity<TState>? Restore(Snapshot snapshot)
    {
        try
        {
            return Description.Loader.Restore(snapshot);
        }
        catch (JsonException e)
        {
            // A state whose shape changed without a new state version: fold from the events rather than misread it.
            LogUnreadableSnapshot(e, snapshot.Aggregate, snapshot.Revision.Value, snapshot.StateVersion);
            return null;
        }
    }

    /// <summary>A load that folded more events than the policy allows between snapshots leaves one, so the next does not.</summary>
    private Loaded<TState> OfferWhenLong(Loaded<TState> loaded, SnapshotPolicy policy)
    {
        if (loaded.Folded > policy.Every && loaded.Events.Count > 0 && loaded.Events[^1].Revision == loaded.Entity.Revision)
        {
            OfferSnapshot(loaded.Entity, loaded.Events[^1].EventId);
        }

        return loaded;
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
            snapshots.Offer(Description.Loader.SnapshotOf(entity, eventId));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Source} entity of {Aggregate} at revision {Revision} no longer matches its stream; loading without it")]
    private partial void LogStaleStart(AggregateId aggregate, string source, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot of {Aggregate} at revision {Revision} (state version {StateVersion}) does not read as the state; folding from the events. Raise the loader's state version when the state's shape changes")]
    private partial void LogUnreadableSnapshot(Exception error, AggregateId aggregate, long revision, int stateVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No snapshot of {Aggregate} at revision {Revision}: the state does not serialize")]
    private partial void LogSnapshotNotTaken(Exception error, AggregateId aggregate, long revision);
}

/// <summary>What a load read and folded.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="Events">The events read, ending at the entity's revision when any.</param>
/// <param name="Folded">How many of them were folded.</param>
/// <param name="Source">Where the fold started (<see cref="LoadSources"/>).</param>
internal sealed record Loaded<TState>(Entity<TState> Entity, IReadOnlyList<RecordedEvent<JsonElement>> Events, int Folded, string Source);

/// <summary>The values of <see cref="Telemetry.WeeEventsTelemetry.Attributes.LoadSource"/>.</summary>
internal static class LoadSources
{
    /// <summary>The entity as last folded in this process.</summary>
    public const string Cache = "cache";

    /// <summary>A snapshot.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>The first event.</summary>
    public const string Stream = "stream";
}
