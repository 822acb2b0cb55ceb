using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore.Inbox;
using Microsoft.Extensions.Hosting;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.EntityFrameworkCore.Schema;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The same storage <see cref="StorageServiceCollectionExtensions.AddWeeEventsStorage(IServiceCollection, Action{StorageOptions})"/>
/// registers, built without a host: for tests, benchmarks and tools. Nothing runs in the background; call
/// <see cref="EnsureSchemaAsync"/> before use.
/// </summary>
public sealed class WeeEventsStorage : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WeeEventsStorage(ServiceProvider services)
    {
        _services = services;
        // Resolving the options validates them: a bad setting fails here, as it would at host start.
        Options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Events = services.GetRequiredService<IEventStore>();
        UnitsOfWork = services.GetRequiredService<IUnitOfWorkFactory>();
        Outbox = services.GetRequiredService<EfOutboxStore>();
        Idempotency = services.GetRequiredService<EfIdempotencyStore>();
        Inbox = services.GetRequiredService<EfInboxStore>();
        Schema = services.GetRequiredService<SchemaInitializer>();
    }

    /// <summary>The validated options.</summary>
    public StorageOptions Options { get; }

    /// <summary>The event store (<see cref="EfEventStore"/>).</summary>
    public IEventStore Events { get; }

    /// <summary>Units of work.</summary>
    public IUnitOfWorkFactory UnitsOfWork { get; }

    /// <summary>The outbox, as the relay uses it (commits are handed to whatever subscribes to it).</summary>
    public EfOutboxStore Outbox { get; }

    /// <summary>HTTP idempotency keys.</summary>
    public EfIdempotencyStore Idempotency { get; }

    /// <summary>Inbox maintenance.</summary>
    public EfInboxStore Inbox { get; }

    /// <summary>Schema creation and migration.</summary>
    public SchemaInitializer Schema { get; }

    /// <summary>The container behind it, for anything else registered.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Builds the storage for <paramref name="provider"/> and <paramref name="connectionString"/>.</summary>
    /// <param name="provider">The database.</param>
    /// <param name="connectionString">Its connection string.</param>
    /// <param name="configure">Further options.</param>
    /// <param name="mappers">Outbox mappers run on every append.</param>
    /// <param name="timeProvider">The clock (the system's by default).</param>
    /// <param name="projections">Read models kept in the database (applied by <see cref="CatchUpAsync"/>).</param>
    public static WeeEventsStorage Create(
        DatabaseProvider provider,
        string connectionString,
        Action<StorageOptions>? configure = null,
        IEnumerable<IOutboxMapper>? mappers = null,
        TimeProvider? timeProvider = null,
        IEnumerable<ProjectionDescription>? projections = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        foreach (var mapper in mappers ?? [])
        {
            services.AddSingleton(mapper);
        }

        services.AddWeeEventsStorage(o =>
        {
            o.Provider = provider.ToString();
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        });
        foreach (var projection in projections ?? [])
        {
            services.AddWeeEventsProjection(projection);
        }

        var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            return new WeeEventsStorage(built);
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    /// <summary>Creates the schema if absent (see <see cref="SchemaInitializer"/>).</summary>
    public Task<int> EnsureSchemaAsync(CancellationToken cancellationToken = default) => Schema.EnsureSchemaAsync(cancellationToken);

    /// <summary>
    /// Applies the projection named <paramref name="projection"/> batch after batch, as its hosted subscription would,
    /// until it has applied every event committed when it was called; returns how many events it read. On PostgreSQL the
    /// read horizon is the server's oldest open transaction, in any of its databases: while one that began before the
    /// last commit is still open, this waits for it.
    /// </summary>
    public async Task<long> CatchUpAsync(string projection, CancellationToken cancellationToken = default)
    {
        var worker = _services.GetServices<IHostedService>().OfType<ProjectionWorker>().FirstOrDefault(w => w.Projection == projection)
            ?? throw new ArgumentException($"No projection is named {projection}.", nameof(projection));
        var contexts = _services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();
        FeedCursor? target;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            target = await EventFeed.LastAsync(db, cancellationToken);
        }

        long read = 0;
        while (true)
        {
            var batch = await worker.RunBatchAsync(cancellationToken);
            read += batch;
            if (batch > 0)
            {
                continue;
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (target is not { } last || await last.ReachedByAsync(db, projection, cancellationToken))
            {
                return read;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
