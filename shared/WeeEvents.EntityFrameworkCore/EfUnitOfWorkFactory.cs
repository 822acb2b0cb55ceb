using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>Starts <see cref="IUnitOfWork"/>s on the service's database, each on its own pooled context and with its own view of the stream session.</summary>
internal sealed class EfUnitOfWorkFactory(StorageParts parts) : IUnitOfWorkFactory
{
    /// <inheritdoc />
    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
        new EfUnitOfWork(await parts.Contexts.CreateDbContextAsync(cancellationToken), parts.Mappers, parts.Outbox, parts.Time, parts.Streams.BeginUnit(parts.Protector), parts.Snapshots, parts.Protector);
}
