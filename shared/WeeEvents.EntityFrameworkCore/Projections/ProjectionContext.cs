using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// What a projection's handler works with: the rows of the service's database, in the transaction that will also move
/// the projection's checkpoint. Rows found or added are tracked and saved together at the end of the batch.
/// </summary>
public sealed class ProjectionContext
{
    private readonly DbContext _db;

    internal ProjectionContext(DbContext db, CancellationToken cancellationToken)
    {
        _db = db;
        CancellationToken = cancellationToken;
    }

    /// <summary>Cancelled when the service stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The rows of <typeparamref name="TRow"/>, to query (tracked: changes are saved with the batch).</summary>
    public IQueryable<TRow> Rows<TRow>()
        where TRow : class => _db.Set<TRow>();

    /// <summary>The row with <paramref name="key"/>, from this batch or the database; null when there is none.</summary>
    public ValueTask<TRow?> FindAsync<TRow>(params object[] key)
        where TRow : class => _db.Set<TRow>().FindAsync(key, CancellationToken);

    /// <summary>The row with <paramref name="key"/>, or a new one made by <paramref name="create"/> and added: an upsert.</summary>
    public async ValueTask<TRow> FindOrAddAsync<TRow>(object key, Func<TRow> create)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(create);
        return await FindAsync<TRow>(key) ?? Add(create());
    }

    /// <summary>Adds a new row, saved with the batch.</summary>
    public TRow Add<TRow>(TRow row)
        where TRow : class
    {
        _db.Set<TRow>().Add(row);
        return row;
    }

    /// <summary>Removes a row, with the batch.</summary>
    public void Remove<TRow>(TRow row)
        where TRow : class => _db.Set<TRow>().Remove(row);
}
