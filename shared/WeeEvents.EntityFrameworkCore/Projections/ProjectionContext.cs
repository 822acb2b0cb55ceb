using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// What a projection's handler works with: the rows of the service's database, in the transaction that will also move
/// the projection's checkpoint. Rows found or added are tracked and saved together at the end of the batch.
/// </summary>
public sealed class ProjectionContext
{
    private readonly DbContext _db;
    private readonly HashSet<(Type, string)> _absent = [];

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
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(key);
        // A key the batch's prefetch did not find and nothing added since: no round trip to learn it is still absent.
        return key is [string one] && _absent.Contains((typeof(TRow), one))
            ? ValueTask.FromResult<TRow?>(null)
            : _db.Set<TRow>().FindAsync(key, CancellationToken);
    }

    /// <summary>
    /// Loads, in one query, the rows of <typeparamref name="TRow"/> keyed by any of <paramref name="keys"/> (a projection
    /// keyed by aggregate key, as most are, finds them all here), and remembers which keys have none.
    /// </summary>
    internal async Task PrefetchAsync<TRow>(string keyProperty, IReadOnlyCollection<string> keys)
        where TRow : class
    {
        var found = await _db.Set<TRow>().Where(r => keys.Contains(EF.Property<string>(r, keyProperty))).ToListAsync(CancellationToken);
        var present = found.Select(r => (string)_db.Entry(r).Property(keyProperty).CurrentValue!).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!present.Contains(key))
            {
                _absent.Add((typeof(TRow), key));
            }
        }
    }

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
        if (_db.Entry(row).Metadata.FindPrimaryKey() is { Properties: [{ ClrType: var type } keyProperty] } && type == typeof(string))
        {
            _absent.Remove((typeof(TRow), (string)_db.Entry(row).Property(keyProperty.Name).CurrentValue!));
        }

        return row;
    }

    /// <summary>Removes a row, with the batch.</summary>
    public void Remove<TRow>(TRow row)
        where TRow : class => _db.Set<TRow>().Remove(row);
}
