namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One order system's RabbitMQ virtual host: the administrator's AMQP URL (what a test publishes with, as an attacker
/// with the broker's keys would) and each service's own, for <c>ConnectionStrings:RabbitMq</c>.
/// </summary>
public sealed class VirtualHost(string name, Uri amqpUrl, IReadOnlyDictionary<FlowService, Uri> serviceUrls, Func<Task> delete) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>The virtual host as the broker's administrator reaches it.</summary>
    public Uri AmqpUrl { get; } = amqpUrl;

    /// <summary>The virtual host as <paramref name="service"/>'s own user reaches it, with only its permissions.</summary>
    public Uri AmqpUrlFor(FlowService service) => serviceUrls[service];

    public async ValueTask DisposeAsync() => await delete();
}
