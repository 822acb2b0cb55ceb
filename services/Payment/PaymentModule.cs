using WeeEvents.Hosting;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Payment.Integration;
using WeeEvents.Services.Payment.ReadModel;

namespace WeeEvents.Services.Payment;

/// <summary>The Payment service as one value, for its own host, the all-in-one demo and the tests.</summary>
public static class PaymentModule
{
    /// <summary>
    /// Serves <c>/payment</c>, publishes the outcomes of charges and refunds, and requests, charges and refunds payments
    /// as orders go, charging through <paramref name="gateway"/> (the simulated gateway when none is given) behind a
    /// timeout and a circuit breaker (<paramref name="resilience"/>, defaults when none is given).
    /// </summary>
    public static ServiceModule Create(IPaymentGateway? gateway = null, PaymentGatewayOptions? resilience = null)
    {
        gateway ??= new SimulatedPaymentGateway();
        var payments = PaymentService.Description(new ResilientPaymentGateway(gateway, resilience ?? new PaymentGatewayOptions()));
        return ServiceModule.Create("payment")
            .Serves(payments)
            .Publishes(PaymentIntegration.Outbound)
            .Consumes(PaymentInbound.Routes(payments))
            .Projects(PaymentSummaries.Projection)
            .Queries(PaymentSummaries.Query)
            .With(services => services.AddSingleton(gateway))
            .ForgetsCustomers(); // CustomerForgotten: destroy the customer's keys here
    }
}
