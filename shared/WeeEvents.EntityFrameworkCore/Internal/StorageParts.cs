using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore.Outbox;
using Microsoft.Extensions.Options;
using WeeEvents.Messaging;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// What the event store and the units of work of one database share: the pooled contexts, the outbox mappers run on
/// every append, the hand-over of a commit's outbox rows, the clock, the stream session, and the writer of snapshots.
/// </summary>
internal sealed record StorageParts(
    IDbContextFactory<WeeEventsDbContext> Contexts,
    IReadOnlyList<IOutboxMapper> Mappers,
    CommitDispatch Dispatch,
    TimeProvider Time,
    StreamSession Streams,
    SnapshotWriter Snapshots,
    IPersonalDataProtector? Protector = null)
{
    /// <summary>The parts as registered in a host's container.</summary>
    public static StorageParts From(IServiceProvider services) => new(
        services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>(),
        [.. services.GetServices<IOutboxMapper>()],
        new CommitDispatch(services.GetService<IOutboxDispatcher>(), services.GetService<EfOutboxStore>(), services.GetRequiredService<IOutboxSignal>()),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetRequiredService<StreamSession>(),
        services.GetRequiredService<SnapshotWriter>(),
        ProtectorOf(services));

    // Protection needs a KEK: with protection off and none configured, events are written and read as they are.
    private static IPersonalDataProtector? ProtectorOf(IServiceProvider services) =>
        services.GetService<IOptions<ProtectionOptions>>()?.Value is { Current: not null }
            ? services.GetService<IPersonalDataProtector>()
            : null;
}
