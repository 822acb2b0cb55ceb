using WeeEvents.AspNetCore.Problems;
using WeeEvents.Messaging;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// Runs a command under an <c>Idempotency-Key</c> exactly once across every instance that shares the
/// <see cref="IIdempotencyStore"/>: the key is claimed in the store before the command runs, so a twin on any instance
/// waits for the first one's response and replays it (or, when it does not come within
/// <see cref="WeeEventsHttpOptions.IdempotencyWait"/>, answers 409 <c>idempotency-key-in-progress</c>). A refused
/// command gives the key back. A claim whose request never finished (its instance crashed, or the outcome of its commit
/// is unknown) is resumed after <see cref="WeeEventsHttpOptions.IdempotencyClaimTimeout"/> only once the aggregate's
/// events show that no command with the key committed; when one did, its entity is the response. The key is the
/// caller's, for one command route (<see cref="IdempotencyScope"/>): another caller's identical key is another key.
/// </summary>
internal sealed class IdempotentCommand(IIdempotencyStore store, IEventStore events, TimeProvider time, WeeEventsHttpOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>What became of the request: the response kept for its key, and whether it is a replay of an earlier run.</summary>
    public readonly record struct Outcome(IdempotentResponse Response, bool Replayed, long? Revision);

    /// <param name="service">The service the command runs in.</param>
    /// <param name="aggregate">The aggregate it runs against.</param>
    /// <param name="scope">The store's scope: the entity type.</param>
    /// <param name="key">The key the store keeps: the client's key owned by its caller and command (<see cref="IdempotencyScope"/>).</param>
    /// <param name="request">The key as the client sent it (named in problems, recorded on events) and its caller (the actor).</param>
    /// <param name="hash">The request's hash (<see cref="IdempotencyScope.RequestHash"/>).</param>
    /// <param name="command">Runs the command.</param>
    /// <param name="cancellationToken">Cancels the wait and the run.</param>
    public async Task<Outcome> RunAsync<TState>(
        IService<TState> service,
        AggregateId aggregate,
        string scope,
        string key,
        (string ClientKey, string? Actor) request,
        string hash,
        Func<Task<Entity<TState>>> command,
        CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(scope, key, hash, cancellationToken);
        if (claim.Outcome == IdempotencyClaimOutcome.Completed)
        {
            return new(claim.Response!, Replayed: true, null);
        }

        if (!string.Equals(claim.RequestHash, hash, StringComparison.Ordinal))
        {
            throw HttpRequestProblem.IdempotencyKeyReused(request.ClientKey);
        }

        if (claim.Outcome == IdempotencyClaimOutcome.InProgress)
        {
            throw HttpRequestProblem.IdempotencyKeyInProgress(request.ClientKey);
        }

        if (claim.Outcome == IdempotencyClaimOutcome.Resumed && await CommittedAsync(service, aggregate, request, cancellationToken) is { } committed)
        {
            var json = EntityResponses.Serialize(committed);
            var response = new IdempotentResponse(hash, StatusCodes.Status200OK, json, time.GetUtcNow());
            await store.CompleteAsync(scope, key, response, cancellationToken);
            return new(response, Replayed: true, null);
        }

        Entity<TState> entity;
        try
        {
            entity = await command();
        }
        catch (Exception e) when (e is WeeEventsException or HttpRequestProblem)
        {
            // Refused before anything was written: running it again is harmless, so the key is free again. Any other
            // failure (a commit whose outcome is unknown) keeps the claim until it is resumed from the events.
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }

        var completed = new IdempotentResponse(hash, StatusCodes.Status200OK, EntityResponses.Serialize(entity), time.GetUtcNow());
        await store.CompleteAsync(scope, key, completed, CancellationToken.None);
        return new(completed, Replayed: false, entity.Revision.Value);
    }

    /// <summary>Claims the key, waiting while a twin holds it, up to <see cref="WeeEventsHttpOptions.IdempotencyWait"/>.</summary>
    private async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        var claim = await TryClaimAsync(scope, key, hash, cancellationToken);
        var giveUpAt = time.GetUtcNow() + options.IdempotencyWait;
        while (claim.Outcome == IdempotencyClaimOutcome.InProgress
            && string.Equals(claim.RequestHash, hash, StringComparison.Ordinal)
            && time.GetUtcNow() < giveUpAt)
        {
            await Task.Delay(PollInterval, time, cancellationToken);
            // Reading is cheaper than claiming, and the twin usually answers; claim again only when it has not.
            if (await store.FindAsync(scope, key, cancellationToken) is { } response)
            {
                return new IdempotencyClaim(IdempotencyClaimOutcome.Completed, response.RequestHash, response);
            }

            if (time.GetUtcNow() >= giveUpAt)
            {
                // The twin may have been refused and given the key back: a last claim settles it.
                claim = await TryClaimAsync(scope, key, hash, cancellationToken);
            }
        }

        return claim;
    }

    private Task<IdempotencyClaim> TryClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return store.ClaimAsync(scope, key, hash, now, now - options.IdempotencyClaimTimeout, cancellationToken);
    }

    /// <summary>
    /// The entity after the last event a command with the client's key recorded for the same caller, if one committed:
    /// another caller's events with the same key are not this request's.
    /// </summary>
    private async Task<Entity<TState>?> CommittedAsync<TState>(IService<TState> service, AggregateId aggregate, (string ClientKey, string? Actor) request, CancellationToken cancellationToken)
    {
        var recorded = await events.LoadAsync(aggregate, null, cancellationToken);
        var last = recorded.LastOrDefault(e => string.Equals(e.Metadata.IdempotencyKey, request.ClientKey, StringComparison.Ordinal)
            && string.Equals(e.Metadata.Actor, request.Actor, StringComparison.Ordinal));
        return last is null ? null : await service.LoadAsync(aggregate, last.Revision, cancellationToken);
    }
}
