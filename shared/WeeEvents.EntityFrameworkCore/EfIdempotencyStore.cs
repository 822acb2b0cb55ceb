using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// HTTP idempotency keys in the <c>idempotency_keys</c> table. The first response stored for a key wins;
/// the caller compares <see cref="IdempotentResponse.RequestHash"/> to refuse the key with a different payload.
/// A claim is a row with status <c>0</c> and no body, inserted before the command runs: the table's primary key lets
/// one request on any instance hold the key, and the row is completed with the response or deleted when the command
/// is refused.
/// </summary>
public sealed class EfIdempotencyStore(IDbContextFactory<WeeEventsDbContext> contexts) : IIdempotencyStore
{
    /// <summary>The status of a claim whose command has not finished.</summary>
    private const int Pending = 0;

    /// <inheritdoc />
    public async Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindRowAsync(db, scope, key, cancellationToken) is { StatusCode: not Pending } response ? response : null;
    }

    /// <inheritdoc />
    public async Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.IdempotencyKeys.Add(Row(scope, key, response));
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

    /// <inheritdoc />
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Read first: a retry finds its key without an insert that fails (which EF Core logs as an error). Only twins
        // that both find nothing race on the insert, and the primary key lets one of them win. A claim released
        // between a lost insert and the read leaves nothing to read: claim again (a few times at most).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var held = await FindRowAsync(db, scope, key, cancellationToken);
            if (held is null)
            {
                db.ChangeTracker.Clear();
                db.IdempotencyKeys.Add(Row(scope, key, new IdempotentResponse(requestHash, Pending, string.Empty, now)));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new IdempotencyClaim(IdempotencyClaimOutcome.Claimed, requestHash);
                }
                catch (DbUpdateException e) when (UniqueViolation.Classify(e) == UniqueGuard.Idempotency)
                {
                    db.ChangeTracker.Clear();
                }

                held = await FindRowAsync(db, scope, key, cancellationToken);
                if (held is null)
                {
                    continue;
                }
            }

            if (held.StatusCode != Pending)
            {
                return new IdempotencyClaim(IdempotencyClaimOutcome.Completed, held.RequestHash, held);
            }

            if (held.CreatedAt >= abandonedBefore || !string.Equals(held.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return new IdempotencyClaim(IdempotencyClaimOutcome.InProgress, held.RequestHash);
            }

            // Abandoned: the one update that still finds it old takes it over, so two resuming twins cannot both run.
            var cutoff = abandonedBefore.ToUniversalTime();
            var at = now.ToUniversalTime();
            var taken = await db.IdempotencyKeys
                .Where(i => i.Scope == scope && i.Key == key && i.StatusCode == Pending && i.CreatedAt < cutoff)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, at), cancellationToken);
            return new IdempotencyClaim(taken == 1 ? IdempotencyClaimOutcome.Resumed : IdempotencyClaimOutcome.InProgress, held.RequestHash);
        }

        return new IdempotencyClaim(IdempotencyClaimOutcome.InProgress, requestHash);
    }

    private static IdempotencyRow Row(string scope, string key, IdempotentResponse response) => new()
    {
        Scope = scope,
        Key = key,
        RequestHash = response.RequestHash,
        StatusCode = response.StatusCode,
        Body = response.Body,
        CreatedAt = response.CreatedAt.ToUniversalTime(),
    };

    private static Task<IdempotentResponse?> FindRowAsync(WeeEventsDbContext db, string scope, string key, CancellationToken cancellationToken) =>
        db.IdempotencyKeys.AsNoTracking()
            .Where(i => i.Scope == scope && i.Key == key)
            .Select(i => new IdempotentResponse(i.RequestHash, i.StatusCode, i.Body, i.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);

    /// <inheritdoc />
    public async Task CompleteAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var createdAt = response.CreatedAt.ToUniversalTime();
        var updated = await db.IdempotencyKeys
            .Where(i => i.Scope == scope && i.Key == key && i.StatusCode == Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.StatusCode, response.StatusCode)
                    .SetProperty(i => i.Body, response.Body)
                    .SetProperty(i => i.RequestHash, response.RequestHash)
                    .SetProperty(i => i.CreatedAt, createdAt),
                cancellationToken);
        if (updated == 0)
        {
            // The claim was purged meanwhile (a command that outlived the retention): store the response afresh.
            await TrySaveAsync(scope, key, response, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyKeys
            .Where(i => i.Scope == scope && i.Key == key && i.StatusCode == Pending)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes keys stored before <paramref name="createdBefore"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        // PostgreSQL's timestamptz parameters must be UTC.
        var cutoff = createdBefore.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyKeys.Where(i => i.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the stored replies that name <paramref name="subject"/> as a JSON string value (a forgotten customer's
    /// orders); returns how many. The replies are masked already; this removes even the masked trace of them.
    /// </summary>
    public async Task<int> PurgeMentioningAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var quoted = System.Text.Json.JsonSerializer.Serialize(subject);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyKeys.Where(i => i.Body.Contains(quoted)).ExecuteDeleteAsync(cancellationToken);
    }
}
