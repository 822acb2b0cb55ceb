using Microsoft.Extensions.Options;
using WeeEvents.OperationsConsole.Backends;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Failed;

/// <summary>
/// Every parked message of every service, read from the <c>_error</c> queues the management API lists (up to
/// <see cref="ConsoleOptions.ParkedPerQueue"/> each), and the actions on them, through the same
/// <see cref="ParkedQueues"/> the admin tool uses.
/// </summary>
public sealed class ParkedInventory(BrokerApi broker, IOptions<ConsoleOptions> options)
{
    private const string ClientName = "weeevents-operations-console";

    /// <summary>The parked messages now, and the error queues that hold more than were read.</summary>
    public async Task<ParkedSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        // Every error queue is read, whatever the management API counts in it: its counts are sampled every few seconds
        // (longer under load), so a message parked a moment ago may not be counted yet.
        var errorQueues = (await broker.QueuesAsync(cancellationToken).ConfigureAwait(false))
            .Where(q => ErrorQueues.IsErrorQueue(q.Name)).ToArray();
        var messages = new List<ParkedMessage>();
        var truncated = new List<string>();
        if (errorQueues.Length == 0)
        {
            return new ParkedSnapshot([], []);
        }

        await using var queues = await ParkedQueues.ConnectAsync(broker.AmqpUrl, ClientName, cancellationToken).ConfigureAwait(false);
        foreach (var queue in errorQueues)
        {
            var read = await queues.PeekAsync(queue.Name, options.Value.ParkedPerQueue, cancellationToken).ConfigureAwait(false);
            messages.AddRange(read);
            if (queue.Messages > read.Count || read.Count >= options.Value.ParkedPerQueue)
            {
                truncated.Add(queue.Name);
            }
        }

        return new ParkedSnapshot(messages, truncated);
    }

    /// <summary>Returns the messages of <paramref name="errorQueue"/> that <paramref name="select"/> picks to their queue.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> ReturnAsync(string errorQueue, Func<ParkedMessage, bool> select, CancellationToken cancellationToken)
    {
        await using var queues = await ParkedQueues.ConnectAsync(broker.AmqpUrl, ClientName, cancellationToken).ConfigureAwait(false);
        return await queues.ReturnAsync(errorQueue, ErrorQueues.SourceOf(errorQueue), select, static _ => { }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the messages of <paramref name="errorQueue"/> that <paramref name="select"/> picks for good.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> DiscardAsync(string errorQueue, Func<ParkedMessage, bool> select, CancellationToken cancellationToken)
    {
        await using var queues = await ParkedQueues.ConnectAsync(broker.AmqpUrl, ClientName, cancellationToken).ConfigureAwait(false);
        return await queues.DiscardAsync(errorQueue, select, static _ => { }, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Parked messages as read at one moment.</summary>
/// <param name="Messages">Every message read.</param>
/// <param name="Truncated">Error queues holding more messages than were read.</param>
public sealed record ParkedSnapshot(IReadOnlyList<ParkedMessage> Messages, IReadOnlyList<string> Truncated)
{
    /// <summary>The messages grouped by fingerprint, the largest group first.</summary>
    public IReadOnlyList<FailureGroup> Groups => [.. Messages.GroupBy(Fingerprint.Of)
        .Select(g => new FailureGroup(g.Key, [.. g.OrderBy(m => m.FailedAt)]))
        .OrderByDescending(g => g.Messages.Count).ThenBy(g => g.Fingerprint.Service, StringComparer.Ordinal)];
}

/// <summary>Parked messages that failed the same way.</summary>
/// <param name="Fingerprint">What they share.</param>
/// <param name="Messages">They, oldest first.</param>
public sealed record FailureGroup(Fingerprint Fingerprint, IReadOnlyList<ParkedMessage> Messages)
{
    /// <summary>When the first was parked.</summary>
    public DateTimeOffset? FirstSeen => Messages.Min(m => m.FailedAt);

    /// <summary>When the last was parked.</summary>
    public DateTimeOffset? LastSeen => Messages.Max(m => m.FailedAt);
}
