namespace WeeEvents.Messaging;

/// <summary>The response an HTTP command produced for an <c>Idempotency-Key</c>, kept to answer retries.</summary>
/// <param name="RequestHash">A hash of the request (method, path, body) that used the key.</param>
/// <param name="StatusCode">The response status.</param>
/// <param name="Body">The response body (JSON).</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record IdempotentResponse(string RequestHash, int StatusCode, string Body, DateTimeOffset CreatedAt);

/// <summary>Keeps responses by idempotency key.</summary>
public interface IIdempotencyStore
{
    /// <summary>The stored response for the key in <paramref name="scope"/> (the entity type), if any.</summary>
    Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Stores a response; returns false when the key was taken meanwhile (the caller then re-reads it).</summary>
    Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken);
}

/// <summary>An idempotency store in memory, for tests and the embedded host.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), IdempotentResponse> _responses = new();

    /// <inheritdoc />
    public Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_responses.TryGetValue((scope, key), out var r) ? r : null);

    /// <inheritdoc />
    public Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
        Task.FromResult(_responses.TryAdd((scope, key), response));
}
