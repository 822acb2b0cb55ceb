using MassTransit;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Transport;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit;

/// <summary>What <see cref="WeeEventsMessagingServiceCollectionExtensions.AddWeeEventsMessaging"/> sets up, gathered before registration.</summary>
public sealed class WeeEventsMessagingBuilder
{
    private readonly List<Action<IBusRegistrationConfigurator>> _bus = [];
    private readonly List<Action<IBusRegistrationContext, IBusFactoryConfigurator>> _factory = [];
    private readonly List<OutboxMapper> _mappers = [];

    /// <summary>The transport when <c>WeeEvents:Transport</c> is not set (RabbitMq for services, InMemory for the embedded host).</summary>
    public MessagingTransport DefaultTransport { get; set; } = MessagingTransport.RabbitMq;

    /// <summary>
    /// The name of the service this host runs (<c>order</c>), or null. On RabbitMQ it names the bus's own temporary queue
    /// and exchange <c>{name}_bus_{unique id}</c> instead of MassTransit's <c>{machine}_{process}_bus_{id}</c>, so a
    /// broker user can be given its own service's bus queue only (<c>scripts/rabbitmq-users.sh</c>), not every one.
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>The outbox mappers of the services this host runs.</summary>
    public IReadOnlyList<OutboxMapper> Mappers => _mappers;

    /// <summary>Every contract the relay can publish.</summary>
    public MessageTypeRegistry Contracts { get; private set; } = MessageTypeRegistry.Empty;

    /// <summary>The routes this host's services consume by (one endpoint each).</summary>
    public MessageRoutes Routes { get; private set; } = MessageRoutes.Empty;

    /// <summary>True when something was registered to publish: the relay then runs.</summary>
    public bool Publishes => _mappers.Count > 0 || Contracts.Types.Count > 0;

    internal IReadOnlyList<Action<IBusRegistrationConfigurator>> BusConfiguration => _bus;

    internal IReadOnlyList<Action<IBusRegistrationContext, IBusFactoryConfigurator>> FactoryConfiguration => _factory;

    /// <summary>Publishes the contracts <paramref name="mapper"/> maps domain events to (registers it as an <see cref="WeeEvents.Messaging.IOutboxMapper"/>).</summary>
    public WeeEventsMessagingBuilder Publish(OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        if (mapper.Contracts.Types.Count == 0)
        {
            return this;
        }

        _mappers.Add(mapper);
        Contracts = Contracts.Merge(mapper.Contracts);
        return this;
    }

    /// <summary>Publishes <typeparamref name="TContract"/> too (for messages enqueued by hand rather than mapped).</summary>
    public WeeEventsMessagingBuilder Publish<TContract>() where TContract : class
    {
        Contracts = Contracts.Add<TContract>();
        return this;
    }

    /// <summary>Consumes by <paramref name="routes"/>: each route gets its endpoint, its inbox and the retry policy.</summary>
    public WeeEventsMessagingBuilder Consume(MessageRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        Routes = Routes.Merge(routes);
        return this;
    }

    /// <summary>
    /// Registers plain MassTransit consumers (observers with no inbox, such as a test's recorder) and anything else on
    /// MassTransit's registration. A service's own handling belongs in its routes (<see cref="Consume"/>).
    /// </summary>
    public WeeEventsMessagingBuilder Consumers(Action<IBusRegistrationConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _bus.Add(configure);
        return this;
    }

    /// <summary>Adjusts the bus itself (either transport), after endpoints are configured from the registrations.</summary>
    public WeeEventsMessagingBuilder ConfigureBus(Action<IBusRegistrationContext, IBusFactoryConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _factory.Add(configure);
        return this;
    }
}
