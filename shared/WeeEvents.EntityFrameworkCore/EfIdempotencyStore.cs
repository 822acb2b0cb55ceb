using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// HTTP idempotency keys in the <c>idempotency_keys</c> table. The first response stored for a key wins;
/// the caller compares <see cref="IdempotentResponse.RequestHash"/> to refuse the key with a different payload.
/// </summary>
public sealed class EfIdempotencyStore(IDbContextFactory<WeeEventsDbContext> contexts) : IIdempotencyStore
{
    /// <inheritdoc />
    public async Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyKeys.AsNoTracking()
            .Where(i => i.Scope == scope && i.Key == key)
            .Select(i => new IdempotentResponse(i.RequestHash, i.StatusCode, i.Body, i.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.IdempotencyKeys.Add(new IdempotencyRow
        {
            Scope = scope,
            Key = key,
            RequestHash = response.RequestHash,
            StatusCode = response.StatusCode,
            Body = response.Body,
            CreatedAt = response.CreatedAt.ToUniversalTime(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Classify(e) == UniqueGuard.Idempotency)
        {
            return false;
        }
    }

    /// <summary>Deletes keys stored before <paramref name="createdBefore"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        // PostgreSQL's timestamptz parameters must be UTC.
        var cutoff = createdBefore.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyKeys.Where(i => i.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
