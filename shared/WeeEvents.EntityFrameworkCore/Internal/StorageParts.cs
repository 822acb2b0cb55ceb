using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.Messaging;
using Microsoft.Extensions.Options;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// What the event store and the units of work of one database share: the pooled contexts, the outbox mappers run on
/// every append, the outbox (which leases a commit's rows to this process's relay and hands them over), the clock, the stream session, and the writer of snapshots.
/// </summary>
internal sealed record StorageParts(
    IDbContextFactory<WeeEventsDbContext> Contexts,
    IReadOnlyList<IOutboxMapper> Mappers,
    EfOutboxStore Outbox,
    TimeProvider Time,
    StreamSession Streams,
    SnapshotWriter Snapshots,
    IPersonalDataProtector? Protector = null)
{
    /// <summary>The parts as registered in a host's container.</summary>
    public static StorageParts From(IServiceProvider services) => new(
        services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>(),
        [.. services.GetServices<IOutboxMapper>()],
        services.GetRequiredService<EfOutboxStore>(),
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
