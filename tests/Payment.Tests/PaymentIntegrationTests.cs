using System.Text.Json;
using WeeEvents.Contracts;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Payment.Integration;
using Wire = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Payment.Tests;

public class PaymentIntegrationTests
{
    private readonly InMemoryEventStore _store = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<RecordedEvent<JsonElement>>> Run(string token, params (string Command, object Payload)[] commands)
    {
        var description = PaymentService.Description(new SimulatedPaymentGateway());
        var service = description.CreateService(_store);
        var id = description.Id("o-1");
        await service.ExecuteAsync(RequestPayment.Name, id, new RequestPayment.Command(24.98m, "EUR", token), Callers.AsService, _ct);
        foreach (var (command, payload) in commands)
        {
            await service.ExecuteAsync(command, id, JsonSerializer.SerializeToElement(payload, WeeEventsJson.Options), Callers.AsService, _ct);
        }

        return await _store.LoadAsync(id, cancellationToken: _ct);
    }

    [Fact]
    public async Task A_charge_publishes_payment_succeeded_with_amount_and_transaction()
    {
        var events = await Run("tok_visa", (ChargePayment.Name, new ChargePayment.Command()));

        Assert.Null(PaymentIntegration.Outbound.ContractFor(events[0]));
        var contract = Assert.IsType<Wire.PaymentSucceeded>(PaymentIntegration.Outbound.ContractFor(events[1]));
        Assert.Equal(("o-1", "payment.o-1", 24.98m, "EUR"), (contract.OrderId, contract.PaymentId, contract.Amount, contract.Currency));
        Assert.StartsWith("txn-", contract.TransactionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decline_publishes_payment_failed()
    {
        var events = await Run("tok_decline", (ChargePayment.Name, new ChargePayment.Command()));
        var contract = Assert.IsType<Wire.PaymentFailed>(PaymentIntegration.Outbound.ContractFor(events[1]));
        Assert.Equal(("o-1", "card declined"), (contract.OrderId, contract.Reason));
    }

    [Fact]
    public async Task A_refund_publishes_payment_refunded()
    {
        var events = await Run("tok_visa", (ChargePayment.Name, new ChargePayment.Command()), (RefundPayment.Name, new RefundPayment.Command("cancelled")));
        var contract = Assert.IsType<Wire.PaymentRefunded>(PaymentIntegration.Outbound.ContractFor(events[2]));
        Assert.Equal(("o-1", 24.98m), (contract.OrderId, contract.Amount));
    }

    [Fact]
    public async Task A_payment_cancelled_before_its_charge_publishes_nothing()
    {
        var events = await Run("tok_visa", (RefundPayment.Name, new RefundPayment.Command("cancelled")));
        Assert.All(events, e => Assert.Null(PaymentIntegration.Outbound.ContractFor(e)));
    }

    [Fact]
    public void Payment_contracts_have_stable_versioned_wire_names()
    {
        Assert.Equal("urn:message:weeevents:payment:payment-succeeded:v1", ContractUrns.Of<Wire.PaymentSucceeded>());
        Assert.Equal("urn:message:weeevents:payment:payment-failed:v1", ContractUrns.Of<Wire.PaymentFailed>());
        Assert.Equal("urn:message:weeevents:payment:payment-refunded:v1", ContractUrns.Of<Wire.PaymentRefunded>());
    }
}

public class PaymentWireShapeTests
{
    [Fact]
    public async Task A_payment_shows_its_status_and_amount_on_the_wire()
    {
        var ct = TestContext.Current.CancellationToken;
        var description = PaymentService.Description(new SimulatedPaymentGateway());
        var entity = await description.CreateService(new InMemoryEventStore())
            .ExecuteAsync(RequestPayment.Name, description.Id("o-1"), new RequestPayment.Command(24.98m, "EUR", "tok_visa"), Callers.AsService, ct);

        var json = JsonSerializer.SerializeToElement(entity.State, WeeEventsJson.Options);
        Assert.Equal("requested", json.GetProperty("status").GetString());
        Assert.Equal(24.98m, json.GetProperty("amount").GetDecimal());
    }
}
