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

    public Task<Entity<TState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions options, CancellationToken cancellationToken = default) =>
        AuditAsync(command, aggregate, options, () => inner.ExecuteAsync(command, aggregate, payload, options, cancellationToken));

    public Task<Entity<TState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions options, CancellationToken cancellationToken = default) =>
        AuditAsync(command, aggregate, options, () => inner.ExecuteAsync(command, aggregate, payload, options, cancellationToken));

    public Task<Entity<TState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, cancellationToken);

    public Task<Entity<TState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadOrInitialAsync(aggregate, cancellationToken);

    public Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, revision, cancellationToken);

    private async Task<Entity<TState>> AuditAsync(string command, AggregateId aggregate, CommandOptions options, Func<Task<Entity<TState>>> run)
    {
        if (!Description.Dispatcher.IsAudited(command))
        {
            return await run();
        }

        // The caller as it named itself: an anonymous one (or a command that named nobody, which the command path
        // refuses) is written as anonymous, never as the service.
        var actor = options?.Caller?.Actor;
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
