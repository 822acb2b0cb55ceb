using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// Starts a projection over: empties its rows and sets its checkpoint back to position zero in one transaction, under
/// the checkpoint's row lock (a batch in flight on any instance finishes first). Its subscription then replays every
/// event; <see cref="ProgressAsync"/> says how far it is.
/// </summary>
public sealed partial class ProjectionRebuilder(IEnumerable<ProjectionDescription> projections, IDbContextFactory<WeeEventsDbContext> contexts, ILogger<ProjectionRebuilder> logger)
{
    /// <summary>Empties the projection named <paramref name="name"/> and rewinds its subscription.</summary>
    public async Task RebuildAsync(string name, CancellationToken cancellationToken)
    {
        var projection = Find(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var checkpoint = db.Checkpoints.Where(c => c.Name == projection.Name);
        await checkpoint.ExecuteUpdateAsync(s => s.SetProperty(c => c.CommitOrder, 0L).SetProperty(c => c.Position, 0L), cancellationToken);
        foreach (var rowType in projection.RowTypes)
        {
            var table = db.Model.FindEntityType(rowType)?.GetTableName() ?? throw new InvalidOperationException($"{rowType.Name} is not in the model.");
            // The table's name comes from the model, delimited by the provider: nothing from outside reaches the SQL.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table)}", cancellationToken);
#pragma warning restore EF1002
        }

        await transaction.CommitAsync(cancellationToken);
        LogRebuilding(projection.Name);
    }

    /// <summary>The position the projection has reached and the last position there is.</summary>
    public async Task<(long Reached, long Last)> ProgressAsync(string name, CancellationToken cancellationToken)
    {
        var projection = Find(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reached = await db.Checkpoints.Where(c => c.Name == projection.Name).Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var last = await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
        return (reached, last);
    }

    private ProjectionDescription Find(string name) =>
        projections.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"No projection is named {name}.", nameof(name));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} emptied; its subscription replays from position zero")]
    private partial void LogRebuilding(string projection);
}
