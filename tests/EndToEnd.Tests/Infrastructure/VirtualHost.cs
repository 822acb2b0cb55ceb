namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>One order system's RabbitMQ virtual host: its AMQP URL for <c>ConnectionStrings:RabbitMq</c>.</summary>
public sealed class VirtualHost(string name, Uri amqpUrl, Func<Task> delete) : IAsyncDisposable
{
    public string Name { get; } = name;

    public Uri AmqpUrl { get; } = amqpUrl;

    public async ValueTask DisposeAsync() => await delete();
}
