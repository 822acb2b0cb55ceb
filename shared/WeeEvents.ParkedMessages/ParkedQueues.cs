using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WeeEvents.ParkedMessages;

/// <summary>
/// Reads and empties <c>_error</c> queues over AMQP, with the same connection string the services use. Listing takes
/// messages without acknowledging them and gives them all back to the queue when it is done. Returning publishes a message to its source queue through the default exchange, waits for the broker's
/// confirm, and only then acknowledges it off the error queue: a crash in between leaves a copy in both queues, never
/// in neither, and the consumer's inbox makes the copy harmless. Discarding acknowledges a message off the error queue
/// without publishing it anywhere.
/// </summary>
public sealed class ParkedQueues(IConnection connection) : IAsyncDisposable
{
    /// <summary>Opens a connection to <paramref name="amqpUrl"/>, named <paramref name="clientName"/> in the broker's connection list.</summary>
    public static async Task<ParkedQueues> ConnectAsync(Uri amqpUrl, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = amqpUrl, ClientProvidedName = clientName };
        return new ParkedQueues(await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>How many messages wait in <paramref name="queue"/>, or null when there is no such queue (nothing was ever parked there).</summary>
    public async Task<uint?> CountAsync(string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel: one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return null;
        }
    }

    /// <summary>Up to <paramref name="limit"/> of <paramref name="queue"/>'s messages, oldest first, left in the queue.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> PeekAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        var messages = new List<ParkedMessage>();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        while (messages.Count < limit && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken).ConfigureAwait(false) is { } delivery)
        {
            messages.Add(ParkedMessage.From(queue, delivery));
        }

        // Unacknowledged, they all go back to the queue when the channel closes.
        await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        return messages;
    }

    /// <summary>
    /// Moves the messages of <paramref name="errorQueue"/> that <paramref name="select"/> picks back to
    /// <paramref name="sourceQueue"/>, calling <paramref name="moved"/> after each; the others stay parked.
    /// Stops at the first message it could not deliver (the source queue gone, the broker refusing): that one stays too.
    /// </summary>
    /// <returns>The messages moved.</returns>
    public Task<IReadOnlyList<ParkedMessage>> ReturnAsync(
        string errorQueue, string sourceQueue, Func<ParkedMessage, bool> select, Action<ParkedMessage> moved, CancellationToken cancellationToken) =>
        // Mandatory: a source queue that no longer exists returns the message instead of dropping it, and the
        // publish then fails, leaving the message parked.
        TakeAsync(errorQueue, select, moved, (channel, delivery, ct) =>
            channel.BasicPublishAsync(string.Empty, sourceQueue, mandatory: true, Unfaulted(delivery.BasicProperties), delivery.Body, ct), cancellationToken);

    /// <summary>
    /// Removes the messages of <paramref name="errorQueue"/> that <paramref name="select"/> picks for good, calling
    /// <paramref name="discarded"/> after each; the others stay parked.
    /// </summary>
    /// <returns>The messages discarded.</returns>
    public Task<IReadOnlyList<ParkedMessage>> DiscardAsync(
        string errorQueue, Func<ParkedMessage, bool> select, Action<ParkedMessage> discarded, CancellationToken cancellationToken) =>
        TakeAsync(errorQueue, select, discarded, static (_, _, _) => ValueTask.CompletedTask, cancellationToken);

    // Takes each message of the error queue that select picks, does what it asks (publishing, or nothing) and only
    // then acknowledges it off the error queue.
    private async Task<IReadOnlyList<ParkedMessage>> TakeAsync(
        string errorQueue, Func<ParkedMessage, bool> select, Action<ParkedMessage> taken, Func<IChannel, BasicGetResult, CancellationToken, ValueTask> before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(select);
        ArgumentNullException.ThrowIfNull(taken);
        var done = new List<ParkedMessage>();
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        // The error queue's length now: messages that fault again while this runs are not taken a second time.
        var remaining = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken).ConfigureAwait(false)).MessageCount;
        while (remaining-- > 0 && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken).ConfigureAwait(false) is { } delivery)
        {
            var message = ParkedMessage.From(errorQueue, delivery);
            if (!select(message))
            {
                continue; // left unacknowledged: back in the error queue when the channel closes
            }

            await before(channel, delivery, cancellationToken).ConfigureAwait(false);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
            done.Add(message);
            taken(message);
        }

        await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await connection.DisposeAsync().ConfigureAwait(false);

    // The message as it was first sent: without the fault headers, so a message back in its queue does not read as
    // parked, and MassTransit writes fresh ones if it fails again.
    private static BasicProperties Unfaulted(IReadOnlyBasicProperties parked)
    {
        var properties = new BasicProperties(parked);
        if (properties.Headers is { } headers)
        {
            properties.Headers = headers
                .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value);
        }

        return properties;
    }
}
