using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore.Hosting;
using WeeEvents.EntityFrameworkCore.Inbox;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.EntityFrameworkCore.Schema;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>Registers the durable storage in a host's container.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the EF Core storage configured by <c>WeeEvents:Database</c> and <c>ConnectionStrings:Events</c>:
    /// <see cref="IEventStore"/>, <see cref="IUnitOfWorkFactory"/>, <see cref="IOutboxStore"/> (whose commits a relay
    /// subscribes to) and <see cref="IIdempotencyStore"/> (singletons over a pooled context factory), schema creation at
    /// start-up and the purges. A missing or malformed setting stops start-up
    /// with a message naming its key. Register <see cref="IOutboxMapper"/>s to have appends fill the outbox.
    /// </summary>
    public static IServiceCollection AddWeeEventsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddWeeEventsStorage(options =>
        {
            configuration.GetSection(StorageOptions.Section).Bind(options);
            options.ConnectionString = configuration.GetConnectionString("Events");
        });
    }

    /// <summary>Registers the EF Core storage with options set in code (see the configuration overload).</summary>
    public static IServiceCollection AddWeeEventsStorage(this IServiceCollection services, Action<StorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddWeeEventsOptions<StorageOptions, StorageOptionsValidator>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<WeeEventsDbContext>((sp, builder) =>
            WithReadModels(Configure(builder, sp.GetRequiredService<IOptions<StorageOptions>>().Value), [.. sp.GetServices<ProjectionDescription>()]));

        services.TryAddSingleton(sp => new StreamSession(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(sp => new SnapshotWriter(
            sp.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<SnapshotWriter>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SnapshotWriter>.Instance));
        services.TryAddSingleton(StorageParts.From);
        services.TryAddSingleton(sp => new EfEventStore(sp.GetRequiredService<StorageParts>()));
        // Replaces a default registered before (the in-memory store of AddWeeEventsService).
        services.Replace(ServiceDescriptor.Singleton<IEventStore>(sp => sp.GetRequiredService<EfEventStore>()));
        services.TryAddSingleton<IUnitOfWorkFactory>(sp => new EfUnitOfWorkFactory(sp.GetRequiredService<StorageParts>()));
        services.TryAddSingleton<EfOutboxStore>();
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<EfOutboxStore>());
        services.TryAddSingleton<EfIdempotencyStore>();
        services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore>(sp => sp.GetRequiredService<EfIdempotencyStore>()));
        services.TryAddSingleton<EfInboxStore>();
        services.TryAddSingleton<SchemaInitializer>();

        services.AddHostedService<SchemaHostedService>();
        services.AddHostedService<StorageMaintenanceService>();
        return services;
    }

    /// <summary>Adds a readiness check (tagged <c>ready</c>) that the events database answers.</summary>
    public static IHealthChecksBuilder AddWeeEventsStorageCheck(this IHealthChecksBuilder builder, string name = "database", params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<StorageHealthCheck>(name, HealthStatus.Unhealthy, tags.Length == 0 ? ["ready"] : tags);
    }

    /// <summary>Adds the rows of <paramref name="projections"/> to the model of the contexts <paramref name="builder"/> makes.</summary>
    internal static DbContextOptionsBuilder WithReadModels(DbContextOptionsBuilder builder, IReadOnlyList<ProjectionDescription> projections)
    {
        if (projections.Count > 0)
        {
            ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ReadModelsExtension(projections));
        }

        return builder;
    }

    /// <summary>Points <paramref name="builder"/> at the configured database, with the provider's settings WeeEvents relies on.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ConnectionString;
        switch (options.DatabaseProvider)
        {
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionDefaults.Apply(connectionString));
                break;
            default:
                builder.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(options.SqliteBusyTimeout));
                break;
        }

        // A failed insert is how a revision conflict or a duplicate delivery shows itself: routine under load, and
        // turned into RevisionConflict / DuplicateMessage for the caller, who logs what matters. EF Core's own
        // error-level lines for it (the statement and the exception, twice) would be a log storm, so they go to debug.
        return builder
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .ReplaceService<IModelCacheKeyFactory, ReadModelsCacheKeyFactory>();
    }
}
