using System.Text.Json;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Whether a batch of orders adds up once every order has ended: each SKU's units are all accounted for
/// (available + reserved + committed = stocked), none is held (reserved = 0), exactly the completed orders' units are
/// committed, and exactly the completed orders were charged, each once, for its total.
/// </summary>
public static class Books
{
    public static async Task AssertBalancedAsync(
        this OrderSystem system, IReadOnlyDictionary<string, int> stocked, IReadOnlyDictionary<string, PlaceOrder> orders, IReadOnlyDictionary<string, JsonElement> ends)
    {
        var completed = orders.Where(o => ends[o.Key].Status() == "completed").ToArray();
        foreach (var (sku, units) in stocked)
        {
            var sold = completed.SelectMany(o => o.Value.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            await system.AwaitStateAsync(
                FlowService.Inventory,
                $"/inventory-item/{sku}",
                s => s.GetProperty("reserved").GetInt32() == 0 && s.GetProperty("committed").GetInt32() == sold,
                $"{sku} holds nothing and has the {sold} units of completed orders committed");
            var stock = await system.StockAsync(sku);
            Assert.True(stock.Available >= 0, $"{sku} oversold: {stock}");
            Assert.Equal(units, stock.Total);
        }

        foreach (var (orderId, order) in orders)
        {
            var (kept, amount) = await KeptAsync(system, orderId);
            if (ends[orderId].Status() == "completed")
            {
                Assert.True(kept, $"completed order {orderId} was not charged");
                Assert.Equal(order.Lines.Sum(l => l.Quantity * l.UnitPrice), amount);
            }
            else
            {
                Assert.False(kept, $"{ends[orderId].Status()} order {orderId} kept {amount}");
            }
        }
    }

    /// <summary>Whether the money of an order was taken and kept: from the gateway when the test can see it, else from Payment's API.</summary>
    private static async Task<(bool Kept, decimal Amount)> KeptAsync(OrderSystem system, string orderId)
    {
        var paymentId = $"payment.{orderId}";
        if (system.GatewayIsObservable)
        {
            var charged = system.Gateway.Simulated.Charged.TryGetValue(paymentId, out var amount);
            return (charged && !system.Gateway.Simulated.Refunded.Contains(paymentId), amount);
        }

        var payment = (await system.EntityAsync(FlowService.Payment, $"/payment/{orderId}"))?.GetProperty("state");
        return payment is { } state && state.Status() == "succeeded"
            ? (true, state.GetProperty("amount").GetDecimal())
            : (false, 0m);
    }

    /// <summary>Waits for every order to end; returns each one's final state.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> AwaitEndsAsync(this OrderSystem system, IEnumerable<string> orderIds, TimeSpan timeout)
    {
        var ends = new Dictionary<string, JsonElement>();
        foreach (var orderId in orderIds)
        {
            ends[orderId] = await system.AwaitOrderEndAsync(orderId, timeout);
        }

        return ends;
    }
}
