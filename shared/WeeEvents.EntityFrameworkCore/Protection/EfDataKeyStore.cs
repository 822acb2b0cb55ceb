using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Protection;

/// <summary>
/// The <see cref="IDataKeyStore"/> in the service's own database: the <c>data_keys</c> table, beside the events whose
/// personal fields its keys encrypt. Each call takes a pooled context and commits on its own.
/// </summary>
public sealed class EfDataKeyStore(IDbContextFactory<WeeEventsDbContext> contexts) : IDataKeyStore
{
    /// <inheritdoc />
    public async Task<DataKeyRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DataKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <inheritdoc />
    public async Task<DataKeyRecord?> FindForSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DataKeys.AsNoTracking().Where(k => k.Subject == subject).ToListAsync(cancellationToken);
        // Once any key of the subject is destroyed the subject is forgotten, whatever a racing instance added since.
        var row = rows.FirstOrDefault(r => r.WrappedKey is null) ?? rows.OrderByDescending(r => r.CreatedAt).FirstOrDefault();
        return row is null ? null : ToRecord(row);
    }

    /// <inheritdoc />
    public async Task AddAsync(DataKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.DataKeys.Add(new DataKeyRow
        {
            KeyId = key.KeyId,
            Subject = key.Subject,
            KekId = key.KekId,
            WrappedKey = key.WrappedKey,
            CreatedAt = key.CreatedAt,
            DestroyedAt = key.DestroyedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> DestroyAsync(string subject, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var destroyed = await db.DataKeys
            .Where(k => k.Subject == subject && k.WrappedKey != null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey, (byte[]?)null).SetProperty(k => k.DestroyedAt, at), cancellationToken);
        if (!await db.DataKeys.AnyAsync(k => k.Subject == subject, cancellationToken))
        {
            // A subject with no key yet (forgotten before this service saw it) is remembered as forgotten.
            db.DataKeys.Add(new DataKeyRow { KeyId = Guid.CreateVersion7(at), Subject = subject, KekId = "", CreatedAt = at, DestroyedAt = at });
            await db.SaveChangesAsync(cancellationToken);
        }

        return destroyed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Subject, DateTimeOffset DestroyedAt)>> DestroyedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        // PostgreSQL's timestamptz parameters must be UTC.
        var from = since.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DataKeys.Where(k => k.DestroyedAt != null && k.DestroyedAt >= from)
            .Select(k => new { k.Subject, k.DestroyedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Subject, r.DestroyedAt!.Value))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DataKeyRecord>> WrappedByOtherThanAsync(string kekId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DataKeys.AsNoTracking()
            .Where(k => k.WrappedKey != null && k.KekId != kekId)
            .OrderBy(k => k.KeyId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    /// <inheritdoc />
    public async Task RewrapAsync(Guid keyId, string kekId, byte[] wrappedKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only a live key: one destroyed meanwhile stays destroyed.
        await db.DataKeys
            .Where(k => k.KeyId == keyId && k.WrappedKey != null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.KekId, kekId).SetProperty(k => k.WrappedKey, wrappedKey), cancellationToken);
    }

    private static DataKeyRecord ToRecord(DataKeyRow row) =>
        new(row.KeyId, row.Subject, row.KekId, row.WrappedKey, row.CreatedAt, row.DestroyedAt);
}
