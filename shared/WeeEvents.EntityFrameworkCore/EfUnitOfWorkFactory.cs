using Microsoft.EntityFrameworkCore;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>Starts <see cref="IUnitOfWork"/>s on the service's database, each on its own pooled context.</summary>
public sealed class EfUnitOfWorkFactory(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IEnumerable<IOutboxMapper> mappers,
    IOutboxSignal signal,
    TimeProvider? timeProvider = null) : IUnitOfWorkFactory
{
    private readonly IOutboxMapper[] _mappers = [.. mappers];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
        new EfUnitOfWork(await contexts.CreateDbContextAsync(cancellationToken), _mappers, signal, _time);
}
