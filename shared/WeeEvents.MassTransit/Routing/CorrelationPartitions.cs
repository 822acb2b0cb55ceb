using System.Text;
using MassTransit;
using MassTransit.Middleware;
using WeeEvents.MassTransit.Tracing;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// One partitioner shared by every route of a service: messages of one correlation (one order's flow) are handled one at
/// a time, across all the service's endpoints, while other correlations run in parallel. A service that hears an order's
/// payment and its shipment at once handles them in turn on the order's aggregate instead of racing, losing the revision
/// race and handling the loser again; and a stream cached by the first is then current for the second. Correctness never
/// depends on it: the unique stream index still settles every race.
/// </summary>
internal sealed class CorrelationPartitions : IAsyncDisposable
{
    public CorrelationPartitions(int count) => Partitioner = new Partitioner(count, new Murmur3UnsafeHashGenerator());

    /// <summary>MassTransit's partitioner, for <c>UsePartitioner</c>.</summary>
    public IPartitioner Partitioner { get; }

    /// <summary>The encoding of <see cref="KeyOf"/>'s keys.</summary>
    public static Encoding KeyEncoding => Encoding.UTF8;

    /// <summary>
    /// A delivery's partition key: its WeeEvents correlation id (the command that started the flow), else MassTransit's
    /// CorrelationId, else its MessageId (no partitioning beyond the message itself).
    /// </summary>
    public static string KeyOf(ConsumeContext context) =>
        context.Headers.Get<string>(WeeEventsHeaders.CorrelationId)
        ?? context.CorrelationId?.ToString()
        ?? context.MessageId?.ToString()
        ?? string.Empty;

    public ValueTask DisposeAsync() => Partitioner.DisposeAsync();
}
