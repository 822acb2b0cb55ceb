using System.Text.Json;
using MassTransit;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.MassTransit.Transport;
using Wire = WeeEvents.Contracts.Payment;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Consumers check what they are told against their own state: a payment nobody made, published straight to the broker,
/// is refused by every service that hears it, parked in each route's error queue with the reason, and never applied.
/// </summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class ForgedMessageTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task A_forged_payment_succeeded_with_a_wrong_amount_leaves_the_order_unpaid_and_is_parked_with_its_reason()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 5m);
        var orderId = Ids.New("order");
        var paymentId = $"payment.{orderId}";
        // The real charge waits at the gateway, so the order sits at stock-reserved, unpaid, when the forgery arrives.
        await system.PlaceAsync(orderId, PlaceOrder.Of(HoldingPaymentGateway.HoldToken, new OrderLine(sku, 2, 5m)));
        await system.Gateway.ChargeStarted(paymentId).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await system.AwaitStatusAsync(FlowService.Order, $"/order/{orderId}", "stock-reserved");

        await PublishAsync(new Wire.PaymentSucceeded(orderId, paymentId, 0.01m, "EUR", "txn-forged", DateTimeOffset.UtcNow), cancellationToken);

        var parked = await AwaitParkedAsync("order.mark-paid_error", orderId);
        Assert.Contains("expects a payment of 10.00 EUR; the payment says 0.01 EUR", FaultOf(parked), StringComparison.Ordinal);
        Assert.Contains("was reserved for 10.00 EUR; the payment says 0.01 EUR", FaultOf(await AwaitParkedAsync("inventory.commit-stock_error", orderId)), StringComparison.Ordinal);
        Assert.Contains("ships an order of 10.00 EUR", FaultOf(await AwaitParkedAsync("shipping.schedule_error", orderId)), StringComparison.Ordinal);
        Assert.Equal("stock-reserved", (await system.EntityAsync(FlowService.Order, $"/order/{orderId}"))!.Value.GetProperty("state").Status());
        Assert.Equal(new Stock(Available: 8, Reserved: 2, Committed: 0), await system.StockAsync(sku));
        Assert.Equal("awaiting-payment", (await system.EntityAsync(FlowService.Shipping, $"/shipment/{orderId}"))!.Value.GetProperty("state").Status());

        // The real payment still goes through, for the catalogue total.
        system.Gateway.Release(paymentId);
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        Assert.Equal(10m, Assert.Single(system.Gateway.Simulated.Charged, c => c.Key == paymentId).Value);
    }

    [Fact]
    public async Task A_service_cannot_publish_another_services_contract_with_its_own_credentials()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var paymentSucceeded = (await RabbitMqBroker.ExchangesAsync(system.VirtualHost, cancellationToken)).Single(e => e.EndsWith(":PaymentSucceeded", StringComparison.Ordinal));

        // Order's user may publish Order's contracts only: the broker refuses the rest (access refused, 403) and closes
        // the channel. Payment's user may publish it.
        var asOrder = await PublishRawAsync(system.VirtualHost.AmqpUrlFor(FlowService.Order), paymentSucceeded, cancellationToken);
        var asPayment = await PublishRawAsync(system.VirtualHost.AmqpUrlFor(FlowService.Payment), paymentSucceeded, cancellationToken);

        Assert.Contains("ACCESS_REFUSED", asOrder?.ToString() ?? "published", StringComparison.Ordinal);
        Assert.Null(asPayment);
    }

    /// <summary>Publishes an empty body to <paramref name="exchange"/> as the user of <paramref name="url"/>, with confirms; the error, or null.</summary>
    private static async Task<Exception?> PublishRawAsync(Uri url, string exchange, CancellationToken cancellationToken)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = url };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        try
        {
            await using var channel = await connection.CreateChannelAsync(
                new RabbitMQ.Client.CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            await channel.BasicPublishAsync(exchange, "", mandatory: false, new RabbitMQ.Client.BasicProperties(), "{}"u8.ToArray(), cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }

    private static string FaultOf(JsonElement message) =>
        message.GetProperty("properties").GetProperty("headers").GetProperty("MT-Fault-Message").GetString() ?? "";

    /// <summary>Waits until <paramref name="queue"/> holds a message about <paramref name="orderId"/>, and returns it.</summary>
    private async Task<JsonElement> AwaitParkedAsync(string queue, string orderId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var parked = await RabbitMqBroker.PeekAsync(system.VirtualHost, queue, TestContext.Current.CancellationToken);
            if (parked.FirstOrDefault(m => m.GetProperty("payload").GetString()!.Contains(orderId, StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } message)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Nothing about {orderId} was parked in {queue}.{Environment.NewLine}{system.Log.Tail()}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Publishes <paramref name="message"/> straight to the broker, as its administrator unless <paramref name="as"/> says who.</summary>
    private async Task PublishAsync<T>(T message, CancellationToken cancellationToken, Uri? @as = null)
        where T : class
    {
        Assert.True(RabbitMqAddress.TryParse((@as ?? system.VirtualHost.AmqpUrl).ToString(), out var address, out var error), error);
        var bus = Bus.Factory.CreateUsingRabbitMq(bus => bus.Host(address.Host, (ushort)address.Port, address.VirtualHost, h =>
        {
            h.Username(address.Username);
            h.Password(address.Password);
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(cancellationToken);
        try
        {
            await bus.Publish(message, c => c.MessageId = NewId.NextGuid(), cancellationToken);
        }
        finally
        {
            await bus.StopAsync(cancellationToken);
        }
    }
}
