namespace WeeEvents.Messaging;

/// <summary>The response an HTTP command produced for an <c>Idempotency-Key</c>, kept to answer retries.</summary>
/// <param name="RequestHash">A hash of the request (method, path, body) that used the key.</param>
/// <param name="StatusCode">The response status.</param>
/// <param name="Body">The response body (JSON).</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record IdempotentResponse(string RequestHash, int StatusCode, string Body, DateTimeOffset CreatedAt);

/// <summary>
/// Keeps responses by idempotency key. A request claims its key before its command runs
/// (<see cref="ClaimAsync"/>), so a twin on any instance sharing the store finds the claim and waits for the response
/// instead of running the command again; the claim is then completed with the response or released.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>The stored response for the key in <paramref name="scope"/> (the entity type), if any.</summary>
    Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Stores a response; returns false when the key was taken meanwhile (the caller then re-reads it).</summary>
    Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the key for a request with <paramref name="requestHash"/> at <paramref name="now"/>, unless another request
    /// holds it or finished with it. A claim older than <paramref name="abandonedBefore"/> whose request never finished
    /// is taken over (<see cref="IdempotencyClaimOutcome.Resumed"/>) by exactly one request.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken);

    /// <summary>Completes this request's claim with its response; a twin waiting on the key then replays it.</summary>
    Task CompleteAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>Gives a claimed key back unanswered (the command was refused and changed nothing), so a retry runs it again.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken);
}

/// <summary>An idempotency store in memory, for tests and the embedded host (one process).</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), IdempotentResponse> _responses = new();
    private readonly Dictionary<(string, string), (string Hash, DateTimeOffset At)> _claims = [];

    /// <inheritdoc />
    public Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_responses.TryGetValue((scope, key), out var r) ? r : null);

    /// <inheritdoc />
    public Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
        Task.FromResult(_responses.TryAdd((scope, key), response));

    /// <inheritdoc />
    public Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            if (_responses.TryGetValue((scope, key), out var response))
            {
                return Task.FromResult(new IdempotencyClaim(IdempotencyClaimOutcome.Completed, response.RequestHash, response));
            }

            if (_claims.TryGetValue((scope, key), out var held) && (held.At >= abandonedBefore || held.Hash != requestHash))
            {
                return Task.FromResult(new IdempotencyClaim(IdempotencyClaimOutcome.InProgress, held.Hash));
            }

            _claims[(scope, key)] = (requestHash, now);
            return Task.FromResult(new IdempotencyClaim(held.Hash is null ? IdempotencyClaimOutcome.Claimed : IdempotencyClaimOutcome.Resumed, requestHash));
        }
    }

    /// <inheritdoc />
    public Task CompleteAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            _responses.TryAdd((scope, key), response);
            _claims.Remove((scope, key));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            _claims.Remove((scope, key));
        }

        return Task.CompletedTask;
    }
}
