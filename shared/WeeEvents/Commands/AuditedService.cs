using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WeeEvents;

/// <summary>
/// The audit trail of sensitive operations, around any <see cref="IService{TState}"/>: every attempt at a command the
/// description declares audited (<see cref="DispatcherDescriptionBuilder{TState}.Audited"/>) writes one entry, whatever
/// came of it, denied attempts included.
/// </summary>
internal sealed class AuditedService<TState>(IService<TState> inner, ILoggerFactory loggers) : IService<TState>
{
    private readonly Telemetry.AuditTrail _audit = new(loggers);

    public ServiceDescription<TState> Description => inner.Description;

    public Task<Entity<TState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        AuditAsync(command, aggregate, options, () => inner.ExecuteAsync(command, aggregate, payload, options, cancellationToken));

    public Task<Entity<TState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        AuditAsync(command, aggregate, options, () => inner.ExecuteAsync(command, aggregate, payload, options, cancellationToken));

    public Task<Entity<TState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, cancellationToken);

    public Task<Entity<TState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadOrInitialAsync(aggregate, cancellationToken);

    public Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, revision, cancellationToken);

    private async Task<Entity<TState>> AuditAsync(string command, AggregateId aggregate, CommandOptions? options, Func<Task<Entity<TState>>> run)
    {
        if (!Description.Dispatcher.IsAudited(command))
        {
            return await run();
        }

        // An in-process call without options runs as the service itself.
        var actor = options?.Caller.Actor ?? Caller.ServicePrefix + Description.Info.Aggregate;
        try
        {
            var entity = await run();
            _audit.Record(actor, command, aggregate, CommandOutcome.Success, options?.CorrelationId);
            return entity;
        }
        catch (Exception e)
        {
            _audit.Record(actor, command, aggregate, CommandOutcome.Of(e), options?.CorrelationId);
            throw;
        }
    }
}
