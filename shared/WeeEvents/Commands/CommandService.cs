using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>
/// Runs a <see cref="ServiceDescription{TState}"/> against an <see cref="IEventStore"/>: the command path as stages in
/// the order a reader expects them, each its own small piece: validate (the command's registration), load
/// (<see cref="EntityLoader{TState}"/>), authorise (<see cref="AccessGuard{TState}"/>), decide (the handler) and append
/// (<see cref="EventAppender{TState}"/>); a lost race loads the newer events and decides again. Telemetry and the audit
/// trail wrap it as decorators (<see cref="TracedService{TState}"/>, <see cref="AuditedService{TState}"/>).
/// </summary>
internal sealed partial class CommandService<TState> : IService<TState>
{
    private readonly EntityLoader<TState> _loader;
    private readonly EventAppender<TState> _appender;
    private readonly ConflictRetryPolicy _conflictRetry;
    private readonly bool _traced;
    private readonly ILogger _logger;

    public CommandService(ServiceDescription<TState> description, EntityLoader<TState> loader, EventAppender<TState> appender, ServiceOptions options, ILogger logger)
    {
        Description = description;
        _loader = loader;
        _appender = appender;
        _conflictRetry = options.ConflictRetry;
        _traced = options.Telemetry.Enabled;
        _logger = logger;
    }

    public ServiceDescription<TState> Description { get; }

    /// <summary>
    /// The options of a command that names who sends it. No caller is never read as "the service": an in-process
    /// caller (a consumer, a timer, a tool) says <see cref="Caller.Service"/> itself, so a forgotten caller is refused
    /// rather than allowed everything.
    /// </summary>
    private static CommandOptions CallerOf(CommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Caller is null
            ? throw new ArgumentException("A command names its caller (CommandOptions.Caller): a client, or Caller.Service for the service's own consumers and timers.", nameof(options))
            : options;
    }

    public Task<Entity<TState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(command, aggregate, CallerOf(options), (r, ct) => r.CheckAsync(aggregate, payload, ct), cancellationToken);

    public Task<Entity<TState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(command, aggregate, CallerOf(options), (r, ct) => r.CheckAsync(aggregate, payload, ct), cancellationToken);

    public async Task<Entity<TState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default)
    {
        var entity = await LoadOrInitialAsync(aggregate, cancellationToken);
        return entity.Revision == Revision.Initial ? throw new EntityNotAvailable(aggregate) : entity;
    }

    public Task<Entity<TState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default)
    {
        CheckType(aggregate);
        return _loader.LoadAsync(aggregate, null, cancellationToken);
    }

    public async Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default)
    {
        CheckType(aggregate);
        if (revision <= Revision.Initial)
        {
            throw new EntityNotAvailable(aggregate, revision);
        }

        var entity = await _loader.LoadAsync(aggregate, revision, cancellationToken);
        return entity.Revision != revision ? throw new EntityNotAvailable(aggregate, revision) : entity;
    }

    private async Task<Entity<TState>> RunAsync(
        string command,
        AggregateId aggregate,
        CommandOptions options,
        Func<CommandRegistration<TState>, CancellationToken, Task<Validated<TState>>> check,
        CancellationToken cancellationToken)
    {
        // Validate.
        CheckType(aggregate);
        if (!Description.Dispatcher.TryFind(command, out var registration))
        {
            throw new HandlerNotFound(aggregate, command);
        }

        var validated = await check(registration, cancellationToken);
        var guard = options.Caller is Caller.Service ? null : new AccessGuard<TState>(Description.Dispatcher.Access, options.Caller);
        var metadata = MetadataFor(options);

        // Load. A command that creates its aggregate assumes it new and does not read the stream: appending expecting a
        // new stream proves it. Should the assumption fail in any way (the stream exists, the handler finds nothing to
        // do or refuses), the command runs again on the stream as read, so the handler always decides on the real state.
        var expected = options.ExpectedRevision.Revision;
        var assumedNew = registration.Creates && expected is null;
        var entity = assumedNew ? _loader.Initial(aggregate) : await _loader.LoadAsync(aggregate, null, cancellationToken);
        for (var conflicts = 0; ;)
        {
            if (expected is { } wanted && wanted != entity.Revision)
            {
                throw new RevisionConflict(aggregate, wanted, entity.Revision);
            }

            IReadOnlyList<DomainEvent> decided;
            try
            {
                // Authorise, on the entity the handler meets: the rule costs no read of its own.
                if (guard is not null)
                {
                    validated.Authorize(guard, entity);
                }

                decided = await DecideAsync(validated, entity, cancellationToken);
            }
            catch (Exception e) when (assumedNew && e is not OperationCanceledException)
            {
                (assumedNew, entity) = (false, await _loader.LoadAsync(aggregate, null, cancellationToken));
                continue;
            }

            if (decided.Count == 0)
            {
                if (!assumedNew)
                {
                    return entity;
                }

                (assumedNew, entity) = (false, await _loader.LoadAsync(aggregate, null, cancellationToken));
                continue;
            }

            // Append.
            try
            {
                var recorded = await _appender.AppendAsync(aggregate, decided, entity.Revision, metadata, cancellationToken);
                return _loader.Appended(entity, recorded);
            }
            catch (RevisionConflict) when (assumedNew || (expected is null && _conflictRetry.Allows(conflicts)))
            {
                if (!assumedNew)
                {
                    var pause = _conflictRetry.PauseBefore(conflicts++);
                    LogConflictRetry(aggregate, conflicts);
                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, cancellationToken);
                    }
                }

                assumedNew = false;
                // Catch up from where we were rather than replaying the whole stream.
                entity = await _loader.CatchUpAsync(entity, cancellationToken);
            }
        }
    }

    /// <summary>The decide stage: the handler's events for <paramref name="entity"/>.</summary>
    private async Task<IReadOnlyList<DomainEvent>> DecideAsync(Validated<TState> validated, Entity<TState> entity, CancellationToken cancellationToken)
    {
        var publisher = new CollectingPublisher<TState>(Description.Loader);
        using (_traced ? Source.StartActivity("handler") : null)
        {
            await validated.Decide(publisher, entity, cancellationToken);
        }

        return publisher.Events;
    }

    private void CheckType(AggregateId aggregate)
    {
        if (aggregate.Type != Description.Info.Aggregate)
        {
            throw new ArgumentException($"This service runs '{Description.Info.Aggregate}' entities, not '{aggregate.Type}'.", nameof(aggregate));
        }
    }

    private static EventMetadata MetadataFor(CommandOptions options)
    {
        var current = Activity.Current;
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision conflict on {Aggregate}; re-running the command (retry {Attempt})")]
    private partial void LogConflictRetry(AggregateId aggregate, int attempt);
}
