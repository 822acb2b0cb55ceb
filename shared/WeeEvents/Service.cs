using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WeeEvents.Telemetry;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>Runs a <see cref="ServiceDescription{TState}"/> against an <see cref="IEventStore"/>.</summary>
internal sealed partial class Service<TState> : IService<TState>
{
    private readonly IEventStore _store;
    private readonly ServiceOptions _options;
    private readonly WeeEventsTelemetryOptions _telemetry;
    private readonly ILogger _logger;
    private readonly Telemetry.AuditTrail _audit;
    private readonly ConcurrentDictionary<string, bool> _unknownEventTypes = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, object?> _aggregateTag;

    public Service(ServiceDescription<TState> description, IEventStore store, ServiceOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(store);
        Description = description;
        _store = store;
        _options = options;
        _telemetry = options.Telemetry;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger($"WeeEvents.Service.{description.Info.Aggregate}");
        _audit = new Telemetry.AuditTrail(loggerFactory ?? NullLoggerFactory.Instance);
        _aggregateTag = new(Attributes.AggregateType, description.Info.Aggregate);
        AsService = new CommandOptions { Caller = new Caller.Service(description.Info.Aggregate) };
    }

    public ServiceDescription<TState> Description { get; }

    /// <summary>What an in-process call without options runs as: this service itself, never a client.</summary>
    private CommandOptions AsService { get; }

    private string EntityType => Description.Info.Aggregate;

    public Task<Entity<TState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(command, aggregate, options ?? AsService, (r, guard, ct) => r.ValidateAsync(aggregate, payload, guard, ct), () => payload, cancellationToken);

    public Task<Entity<TState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(command, aggregate, options ?? AsService, (r, guard, ct) => r.ValidateAsync(aggregate, payload, guard, ct), () => JsonSerializer.SerializeToElement(payload, WeeEventsJson.Options), cancellationToken);

    public async Task<Entity<TState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default)
    {
        CheckType(aggregate);
        var entity = await LoadEntityAsync(aggregate, null, cancellationToken);
        return entity.Revision == Revision.Initial ? throw new EntityNotAvailable(aggregate) : entity;
    }

    public Task<Entity<TState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default)
    {
        CheckType(aggregate);
        return LoadEntityAsync(aggregate, null, cancellationToken);
    }

    public async Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default)
    {
        CheckType(aggregate);
        if (revision <= Revision.Initial)
        {
            throw new EntityNotAvailable(aggregate, revision);
        }

        var entity = await LoadEntityAsync(aggregate, revision, cancellationToken);
        return entity.Revision != revision ? throw new EntityNotAvailable(aggregate, revision) : entity;
    }

    private async Task<Entity<TState>> RunAsync(
        string command,
        AggregateId aggregate,
        CommandOptions options,
        Func<CommandRegistration<TState>, AccessGuard<TState>?, CancellationToken, Task<ValidatedCommand<TState>>> validate,
        Func<JsonElement> payloadForTelemetry,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = _telemetry.Enabled ? Source.StartActivity($"command {command}", ActivityKind.Internal) : null;
        if (activity is { IsAllDataRequested: true })
        {
            TagCommandSpan(activity, command, aggregate, payloadForTelemetry);
        }

        try
        {
            CheckType(aggregate);
            if (!Description.Dispatcher.TryFind(command, out var registration))
            {
                throw new HandlerNotFound(aggregate, command);
            }

            var validated = await validate(registration, GuardFor(options), cancellationToken);
            var metadata = MetadataFor(options, activity);
            activity?.SetTag(Attributes.CorrelationId, metadata.CorrelationId);
            var entity = await ExecuteWithRetriesAsync(aggregate, validated, registration.Creates, options, metadata, cancellationToken);
            activity?.SetTag(Attributes.Revision, entity.Revision.Value);
            RecordOutcome(activity, command, started, "success", null);
            Audit(command, aggregate, options, "success");
            return entity;
        }
        catch (Exception e)
        {
            RecordOutcome(activity, command, started, OutcomeOf(e), e);
            Audit(command, aggregate, options, e is AccessDenied ? Telemetry.AuditLog.Denied : OutcomeOf(e));
            throw;
        }
    }

    /// <summary>An audit entry for an attempt at a sensitive operation (the description says which), whatever came of it.</summary>
    private void Audit(string command, AggregateId aggregate, CommandOptions options, string outcome)
    {
        if (Description.Dispatcher.IsAudited(command))
        {
            _audit.Record(options.Caller.Actor, command, aggregate, outcome, options.CorrelationId);
        }
    }

    /// <summary>
    /// The access rule a command runs under: every caller but the service itself is checked against the entity's access
    /// declaration, on the entity the handler meets (so the rule costs no extra read).
    /// </summary>
    private AccessGuard<TState>? GuardFor(CommandOptions options) =>
        options.Caller is Caller.Service ? null : new AccessGuard<TState>(Description.Dispatcher.Access, options.Caller);

    private async Task<Entity<TState>> ExecuteWithRetriesAsync(
        AggregateId aggregate,
        ValidatedCommand<TState> validated,
        bool creates,
        CommandOptions options,
        EventMetadata metadata,
        CancellationToken cancellationToken)
    {
        // A command that creates its aggregate runs on the initial state without reading the stream: its events are
        // appended expecting a new stream, which proves the stream new. Any other outcome (the stream exists, no events,
        // an error) runs the command again on the stream as read, and does not count as a conflict retry.
        var guessed = creates && options.ExpectedRevision is null;
        var entity = guessed
            ? new Entity<TState>(aggregate, Revision.Initial, Description.Loader.Initial(aggregate))
            : await LoadEntityAsync(aggregate, null, cancellationToken);
        for (var conflicts = 0; ;)
        {
            if (options.ExpectedRevision is { } expected && expected != entity.Revision)
            {
                throw new RevisionConflict(aggregate, expected, entity.Revision);
            }

            var publisher = new CollectingPublisher<TState>(Description.Loader);
            try
            {
                using (_telemetry.Enabled ? Source.StartActivity("handler") : null)
                {
                    await validated(publisher, entity, cancellationToken);
                }
            }
            catch (Exception e) when (guessed && e is not OperationCanceledException)
            {
                (guessed, entity) = (false, await LoadEntityAsync(aggregate, null, cancellationToken));
                continue;
            }

            if (publisher.Events.Count == 0)
            {
                if (guessed)
                {
                    (guessed, entity) = (false, await LoadEntityAsync(aggregate, null, cancellationToken));
                    continue;
                }

                return entity;
            }

            try
            {
                var recorded = await AppendAsync(aggregate, publisher.Events, entity.Revision, metadata, cancellationToken);
                // The new state follows from the events just written: no reload.
                var appended = Remember(Fold(entity, recorded), recorded);
                if (Description.Loader.Snapshots is { } policy && policy.IsDue(entity.Revision, appended.Revision))
                {
                    OfferSnapshot(appended, recorded[^1].EventId);
                }

                return appended;
            }
            catch (RevisionConflict) when (guessed || (conflicts < _options.MaxConflictRetries && options.ExpectedRevision is null))
            {
                if (!guessed)
                {
                    conflicts++;
                    LogConflictRetry(aggregate, conflicts);
                }

                guessed = false;
                // Catch up from where we were rather than replaying the whole stream.
                var newer = await _store.LoadAsync(aggregate, new LoadOptions { AfterRevision = entity.Revision }, cancellationToken);
                entity = Fold(entity, newer);
            }
        }
    }

    private async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> events,
        Revision expected,
        EventMetadata metadata,
        CancellationToken cancellationToken)
    {
        using var activity = _telemetry.Enabled ? Source.StartActivity($"append {EntityType}") : null;
        var recorded = await _store.AppendAsync(aggregate, events, new AppendOptions { ExpectedRevision = ExpectedRevision.At(expected), Metadata = metadata }, cancellationToken);
        RecordAppended(activity, recorded);
        return recorded;
    }

    private async Task<Entity<TState>> LoadEntityAsync(AggregateId aggregate, Revision? upTo, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = _telemetry.Enabled ? Source.StartActivity($"load {EntityType}") : null;
        var loaded = Description.Loader.Snapshots is { } policy && _store is ISnapshotStore snapshots
            ? await LoadTailAsync(aggregate, upTo, policy, snapshots, cancellationToken)
            : await LoadWholeAsync(aggregate, upTo, cancellationToken);
        var entity = loaded.Entity;
        if (upTo is null)
        {
            // A time-travel load neither resumes from nor replaces what is kept: that is the entity as it stands now.
            Remember(entity, loaded.Events);
        }

        if (_telemetry.Enabled)
        {
            activity?.SetTag(Attributes.Revision, entity.Revision.Value);
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

        return entity;
    }

    /// <summary>The whole stream read, folded from the entity this process kept when the stream still holds it.</summary>
    private async Task<Loaded<TState>> LoadWholeAsync(AggregateId aggregate, Revision? upTo, CancellationToken cancellationToken)
    {
        var load = upTo is not null ? new LoadOptions { UpToRevision = upTo } : null;
        var events = await _store.LoadAsync(aggregate, load, cancellationToken);
        var (start, next, source) = upTo is null && _options.EntityCache?.Resume(Description.Loader, aggregate, events) is { } known
            ? (known.Entity, known.Next, LoadSources.Cache)
            : (new Entity<TState>(aggregate, Revision.Initial, Description.Loader.Initial(aggregate)), 0, LoadSources.Stream);
        return new Loaded<TState>(Fold(start, events, next), events, events.Count - next, source);
    }

    private Entity<TState> Remember(Entity<TState> entity, IReadOnlyList<RecordedEvent<JsonElement>> events)
    {
        if (events.Count > 0 && events[^1].Revision == entity.Revision)
        {
            _options.EntityCache?.Remember(Description.Loader, entity, events[^1].EventId);
        }

        return entity;
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
            if (!Description.Loader.TryApply(ref state, e) && _unknownEventTypes.TryAdd(e.Type, true))
            {
                LogUnknownEventType(e.Type, EntityType);
            }
        }

        // Unknown events still count: the revision is the stream's, not the loader's.
        return entity with { Revision = events[^1].Revision, State = state };
    }

    private void CheckType(AggregateId aggregate)
    {
        if (aggregate.Type != EntityType)
        {
            throw new ArgumentException($"This service runs '{EntityType}' entities, not '{aggregate.Type}'.", nameof(aggregate));
        }
    }

    private static EventMetadata MetadataFor(CommandOptions options, Activity? activity)
    {
        var current = activity ?? Activity.Current;
        return new EventMetadata
        {
            CorrelationId = options.CorrelationId ?? Guid.CreateVersion7().ToString(),
            CausationId = options.CausationId ?? Guid.CreateVersion7().ToString(),
            Actor = options.Caller.Actor,
            IdempotencyKey = options.IdempotencyKey,
            TraceParent = current?.Id,
            TraceState = current?.TraceStateString,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping events of type {EventType}: the {EntityType} loader has no reducer for it (logged once)")]
    private partial void LogUnknownEventType(string eventType, string entityType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision conflict on {Aggregate}; re-running the command (retry {Attempt})")]
    private partial void LogConflictRetry(AggregateId aggregate, int attempt);
}
