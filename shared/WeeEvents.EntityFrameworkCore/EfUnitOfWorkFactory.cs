using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>Starts <see cref="IUnitOfWork"/>s on the service's database, each on its own pooled context.</summary>
/// <param name="contexts">The pooled context factory.</param>
/// <param name="mappers">Outbox mappers run on every append.</param>
/// <param name="signal">Wakes the relay after a commit that wrote outbox rows.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="dispatcher">When given (with <paramref name="outbox"/>), publishes a commit's outbox rows as soon as it returns.</param>
/// <param name="outbox">The outbox store whose lease the rows dispatched on commit carry.</param>
/// <param name="session">Where units of work fetch and commit their streams.</param>
internal sealed class EfUnitOfWorkFactory(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IEnumerable<IOutboxMapper> mappers,
    IOutboxSignal signal,
    StreamSession session,
    TimeProvider? timeProvider = null,
    IOutboxDispatcher? dispatcher = null,
    EfOutboxStore? outbox = null) : IUnitOfWorkFactory
{
    private readonly IOutboxMapper[] _mappers = [.. mappers];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly CommitDispatch _dispatch = new(dispatcher, outbox, signal);

    /// <inheritdoc />
    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
        new EfUnitOfWork(await contexts.CreateDbContextAsync(cancellationToken), _mappers, _dispatch, _time, session.BeginUnit());
}
