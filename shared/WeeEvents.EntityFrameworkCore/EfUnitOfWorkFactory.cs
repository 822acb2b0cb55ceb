using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// Starts <see cref="IUnitOfWork"/>s on the service's database, each on its own pooled context and with its own view of
/// the stream session. Units take turns on the streams they read (<see cref="StreamTurns"/>), except those of a route
/// that waits on the outside world: they would hold the others up for as long as the outside takes.
/// </summary>
internal sealed class EfUnitOfWorkFactory(StorageParts parts) : IUnitOfWorkFactory
{
    /// <inheritdoc />
    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) => BeginAsync(takesTurns: true, cancellationToken);

    /// <inheritdoc />
    public Task<IUnitOfWork> BeginAsync(MessageRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        return BeginAsync(route.Turn == RouteTurn.InTurn, cancellationToken);
    }

    private async Task<IUnitOfWork> BeginAsync(bool takesTurns, CancellationToken cancellationToken) =>
        new EfUnitOfWork(await parts.Contexts.CreateDbContextAsync(cancellationToken), parts.Mappers, parts.Outbox, parts.Time, parts.Streams.BeginUnit(parts.Protector, takesTurns), parts.Snapshots, parts.Protector);
}
