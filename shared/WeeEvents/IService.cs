using System.Text.Json;

namespace WeeEvents;

/// <summary>A running service: executes commands against aggregates and loads their state.</summary>
public interface IService<TState>
{
    /// <summary>The description the service runs.</summary>
    ServiceDescription<TState> Description { get; }

    /// <summary>
    /// Runs a command given as JSON (from HTTP or a message): validate, load, handle, append with the
    /// entity's revision as the expected revision, retrying on a lost race.
    /// </summary>
    /// <returns>The entity after the command.</returns>
    /// <exception cref="HandlerNotFound">No command of that name.</exception>
    /// <exception cref="CommandValidationFailed">The payload is malformed or invalid.</exception>
    /// <exception cref="DomainRuleViolation">The entity's state does not allow the command.</exception>
    /// <exception cref="RevisionConflict">The race was lost more often than the retries allow, or <see cref="CommandOptions.ExpectedRevision"/> did not match.</exception>
    Task<Entity<TState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions options, CancellationToken cancellationToken = default);

    /// <summary>Runs a command given as its typed payload. Same rules as the JSON form.</summary>
    Task<Entity<TState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions options, CancellationToken cancellationToken = default);

    /// <summary>Loads the entity at its latest revision.</summary>
    /// <exception cref="EntityNotAvailable">The aggregate has no events.</exception>
    Task<Entity<TState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the entity at its latest revision, or at revision 0 in the loader's initial state when it has no events:
    /// for a handler that decides on an aggregate that may not exist yet, without an exception for the common case.
    /// </summary>
    Task<Entity<TState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default);

    /// <summary>Loads the entity as it was at <paramref name="revision"/> (time travel).</summary>
    /// <exception cref="EntityNotAvailable">The aggregate has not reached that revision.</exception>
    Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default);
}
