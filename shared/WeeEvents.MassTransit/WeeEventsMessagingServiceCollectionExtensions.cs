using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeeEvents.MassTransit.Routing;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Transport;
using WeeEvents.Messaging;
using WeeEvents.Operator;

namespace WeeEvents.MassTransit;

/// <summary>Registers WeeEvents messaging: MassTransit on the configured transport, the outbox relay and the inbox.</summary>
public static class WeeEventsMessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds MassTransit on <c>WeeEvents:Transport</c> (RabbitMq at <c>ConnectionStrings:RabbitMq</c>, or InMemory),
    /// the routes, consumers and contracts given to <paramref name="configure"/>, the outbox relay when anything is
    /// published (it publishes what the commits of the storage's <see cref="IOutboxStore"/> hand it, and claims what is
    /// left behind), and an endpoint with inbox deduplication and the retry policy of <see cref="ConsumerOptions"/>
    /// (<c>WeeEvents:Messaging</c>) for each route. Settings that cannot work, or relay keys that no longer exist, stop
    /// start-up with a message naming the key. The storage (<see cref="IUnitOfWorkFactory"/>, <see cref="IOutboxStore"/>)
    /// comes from the storage package. MassTransit's anonymous usage telemetry is switched off.
    /// </summary>
    public static IServiceCollection AddWeeEventsMessaging(this IServiceCollection services, IConfiguration configuration, Action<WeeEventsMessagingBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = new WeeEventsMessagingBuilder();
        configure?.Invoke(builder);

        var transport = new TransportOptions
        {
            Transport = configuration[TransportOptions.TransportKey],
            RabbitMq = configuration[TransportOptions.RabbitMqKey],
            DefaultTransport = builder.DefaultTransport,
        };
        services.AddWeeEventsOptions<TransportOptions, TransportOptionsValidator>(configuration)
            .Configure(o =>
            {
                o.RabbitMq = transport.RabbitMq;
                o.DefaultTransport = transport.DefaultTransport;
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ServiceOptions>();
        services.AddWeeEventsOptions<ConsumerOptions, ConsumerOptionsValidator>(configuration);
        services.TryAddSingleton<ReadinessProbe>();
        services.TryAddSingleton<RouteProcessor>();
        services.AddSingleton(builder.Contracts);
        // The routes' names are the inbox's consumers: what the operator's conversation look-up asks the inbox by.
        services.AddSingleton(builder.Routes);
        // And, with the contracts named as the outboxes name what they send, what GET /operator/routes tells the console.
        services.AddSingleton(RouteContracts.Of(builder.Routes, MessageTypeRegistry.UrnOf));
        foreach (var mapper in builder.Mappers)
        {
            services.AddSingleton<IOutboxMapper>(mapper);
        }

        if (builder.Publishes)
        {
            services.AddWeeEventsOptions<OutboxRelayOptions, OutboxRelayOptionsValidator>(configuration);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxRelayOptions>>(new RetiredOutboxSettings(configuration)));
            services.TryAddSingleton<OutboxMessagePublisher>();
            services.AddHostedService<OutboxRelay>();
        }

        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            foreach (var configureBus in builder.BusConfiguration)
            {
                configureBus(x);
            }

            // An unusable setting fails options validation before the bus starts; the choice here only has to not throw.
            if (transport.Resolve() == MessagingTransport.RabbitMq && RabbitMqAddress.TryParse(transport.RabbitMq, out var address, out _))
            {
                x.UsingRabbitMq((context, bus) =>
                {
                    bus.Host(address.Host, (ushort)address.Port, address.VirtualHost, h =>
                    {
                        h.Username(address.Username);
                        h.Password(address.Password);
                        // The relay marks rows dispatched only after the broker confirmed them.
                        h.PublisherConfirmation = true;
                        if (address.UseTls)
                        {
                            h.UseSsl(_ => { });
                        }
                    });
                    if (!string.IsNullOrWhiteSpace(builder.ServiceName))
                    {
                        // Unique per instance (a scaled-out service runs several), prefixed so permissions can name it.
                        bus.OverrideDefaultBusEndpointQueueName(BusEndpointName(builder.ServiceName));
                    }

                    bus.ConfigureEndpoints(context);
                    Finish(context, bus, builder);
                });
            }
            else
            {
                x.UsingInMemory((context, bus) =>
                {
                    bus.ConfigureEndpoints(context);
                    Finish(context, bus, builder);
                });
            }
        });

        return services;
    }

    /// <summary>
    /// The bus's own temporary queue (and exchange) for a host of <paramref name="serviceName"/>:
    /// <c>{service}_bus_{unique id}</c>. MassTransit reads the <c>_bus_</c> in it as "the bus endpoint" in its telemetry.
    /// </summary>
    public static string BusEndpointName(string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        return $"{serviceName}_bus_{Guid.NewGuid():N}";
    }

    private static void Finish(IBusRegistrationContext context, IBusFactoryConfigurator bus, WeeEventsMessagingBuilder builder)
    {
        var endpoints = new RouteEndpoints(context, bus);
        foreach (var route in builder.Routes.Routes)
        {
            route.Accept(endpoints);
        }

        foreach (var configure in builder.FactoryConfiguration)
        {
            configure(context, bus);
        }
    }
}
