using RabbitMQ.Client;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>One test's virtual host: its AMQP URL, and ways to cut it off from its clients.</summary>
public sealed class TestVirtualHost(RabbitMqBroker broker, string name, string amqpUrl) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>The connection string for <c>ConnectionStrings:RabbitMq</c>.</summary>
    public string AmqpUrl { get; } = amqpUrl;

    /// <summary>Refuses new connections and closes the open ones: the broker is gone for this vhost's clients.</summary>
    public async Task CutOffAsync(CancellationToken cancellationToken)
    {
        await broker.SetMaxConnectionsAsync(Name, 0, cancellationToken);
        await CloseConnectionsAsync(cancellationToken);
    }

    /// <summary>Lets clients connect again.</summary>
    public Task RestoreAsync(CancellationToken cancellationToken) => broker.SetMaxConnectionsAsync(Name, null, cancellationToken);

    /// <summary>
    /// Closes every client connection (clients reconnect at once). The management API lists a connection only once its
    /// statistics were first emitted (every few seconds), so this waits until it lists some.
    /// </summary>
    public async Task<int> CloseConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<string> connections;
        while ((connections = await broker.ConnectionsAsync(Name, cancellationToken)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        foreach (var connection in connections)
        {
            await broker.CloseConnectionAsync(connection, cancellationToken);
        }

        return connections.Count;
    }

    public Task<IReadOnlyList<string>> ConnectionsAsync(CancellationToken cancellationToken) => broker.ConnectionsAsync(Name, cancellationToken);

    /// <summary>Takes one message off <paramref name="queue"/> with a plain AMQP client, or null when it is empty.</summary>
    public async Task<BasicGetResult?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(AmqpUrl) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: true, cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null; // the queue does not exist yet
        }
    }

    public async ValueTask DisposeAsync() => await broker.DeleteVirtualHostAsync(Name);
}
