using MassTransit;
using WeeEvents.AspNetCore;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Consumers;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Payment.Integration;
using Wire = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Payment;

/// <summary>The Payment service as a module: registered in any host (its own, or the all-in-one demo).</summary>
public static class PaymentModule
{
    /// <summary>
    /// Registers the payment service over the host's event store, charging through <paramref name="gateway"/>
    /// (the simulated gateway when none is given).
    /// </summary>
    public static IServiceCollection AddPaymentService(this IServiceCollection services, IPaymentGateway? gateway = null)
    {
        gateway ??= new SimulatedPaymentGateway();
        services.AddSingleton(gateway);
        return services.AddWeeEventsService(PaymentService.Description(gateway));
    }

    /// <summary>Adds what the payment service publishes: outcomes of charges and refunds.</summary>
    public static OutboxMapper MapPaymentEvents(this OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper
            .Map<PaymentSucceeded.Data, Wire.PaymentSucceeded>(PaymentSucceeded.Name, PaymentIntegration.ToContract)
            .Map<PaymentFailed.Data, Wire.PaymentFailed>(PaymentFailed.Name, PaymentIntegration.ToContract)
            .Map<PaymentRefunded.Data, Wire.PaymentRefunded>(PaymentRefunded.Name, PaymentIntegration.ToContract);
    }

    /// <summary>Adds the consumers that request, charge and refund payments.</summary>
    public static WeeEventsMessagingBuilder AddPaymentConsumers(this WeeEventsMessagingBuilder messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        return messaging.Consumers(x =>
        {
            x.AddConsumer<RequestPaymentForOrder, WeeEventsConsumerDefinition<RequestPaymentForOrder>>();
            x.AddConsumer<ChargeReservedOrder, ChargeReservedOrderDefinition>();
            x.AddConsumer<RefundCancelledOrder, WeeEventsConsumerDefinition<RefundCancelledOrder>>();
            x.AddConsumer<VoidPaymentOfRejectedOrder, WeeEventsConsumerDefinition<VoidPaymentOfRejectedOrder>>();
        });
    }

    /// <summary>Maps <c>/payment/...</c>.</summary>
    public static IEndpointRouteBuilder MapPaymentService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapService(endpoints.ServiceProvider.GetRequiredService<ServiceDescription<PaymentState>>());
        return endpoints;
    }
}
