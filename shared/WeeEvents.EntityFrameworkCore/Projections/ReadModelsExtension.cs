using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// Carries a host's projections into the <see cref="WeeEventsDbContext"/> model, so their rows live in the service's
/// own database, are created with its schema and share its transactions. Hosts with other projections (the tests run
/// several in one process) get models of their own: see <see cref="ReadModelsCacheKeyFactory"/>.
/// </summary>
internal sealed class ReadModelsExtension(IReadOnlyList<ProjectionDescription> projections) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public IReadOnlyList<ProjectionDescription> Projections { get; } = projections;

    /// <summary>What tells one set of read models from another.</summary>
    public string Key { get; } = string.Join("|", projections.Select(p => p.Name));

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    public void Configure(ModelBuilder modelBuilder)
    {
        foreach (var projection in Projections)
        {
            projection.ConfigureModel(modelBuilder);
        }
    }

    private sealed class ExtensionInfo(ReadModelsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"ReadModels={extension.Key} ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["WeeEvents:ReadModels"] = extension.Key;
    }
}

/// <summary>Caches one model per set of read models (EF Core's default caches one per context type).</summary>
internal sealed class ReadModelsCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.GetService<IDbContextOptions>().FindExtension<ReadModelsExtension>()?.Key ?? string.Empty, designTime);
}
