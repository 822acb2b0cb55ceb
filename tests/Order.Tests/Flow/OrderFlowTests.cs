using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Shipping.Domain;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>
/// The order flow across the four domains, with every message delivered to every consumer in a random
/// order and sometimes twice. Each case runs under many seeds: whatever the interleaving, every race
/// has the same defined end.
/// </summary>
public class OrderFlowTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 25)];

    private static PlaceOrder.Command Order(string token, params OrderLine[] lines) =>
        new("c-1", "EUR", lines.Length == 0 ? [new OrderLine("sku-1", 2, 9.99m), new OrderLine("sku-2", 1, 5m)] : lines, Orders.Address, token);

    private static async Task<OrderFlow> Stocked(int seed, int sku1 = 10, int sku2 = 10)
    {
        var flow = new OrderFlow(seed);
        await flow.Restock("sku-1", sku1, 9.99m);
        await flow.Restock("sku-2", sku2, 5m);
        return flow;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task The_happy_path_ends_completed_with_stock_committed_one_charge_and_one_shipment(int seed)
    {
        var flow = await Stocked(seed);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa"));
        await flow.DeliverAllAsync();

        Assert.IsType<OrderState.Completed>(await flow.OrderOf("o-1"));
        Assert.IsType<StockReservationState.Committed>(await flow.ReservationOf("o-1"));
        Assert.Equal((8, 0, 2), Counts(await flow.ItemOf("sku-1")));
        Assert.Equal((9, 0, 1), Counts(await flow.ItemOf("sku-2")));
        Assert.Equal(24.98m, Assert.Single(flow.Gateway.Charged).Value);
        Assert.Equal(24.98m, Assert.IsType<PaymentState.Succeeded>(await flow.PaymentOf("o-1")).Amount);
        Assert.IsType<ShipmentState.Scheduled>(await flow.ShipmentOf("o-1"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_declined_payment_ends_cancelled_with_stock_released_and_nothing_charged(int seed)
    {
        var flow = await Stocked(seed);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_decline"));
        await flow.DeliverAllAsync();

        Assert.StartsWith("payment failed", Assert.IsType<OrderState.Cancelled>(await flow.OrderOf("o-1")).Reason, StringComparison.Ordinal);
        Assert.Equal((10, 0, 0), Counts(await flow.ItemOf("sku-1")));
        Assert.Empty(flow.Gateway.Charged);
        Assert.IsType<PaymentState.Failed>(await flow.PaymentOf("o-1"));
        Assert.IsType<ShipmentState.Cancelled>(await flow.ShipmentOf("o-1"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_flaky_gateway_still_ends_completed_with_one_charge(int seed)
    {
        var flow = await Stocked(seed);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_flaky"));
        await flow.DeliverAllAsync();

        Assert.IsType<OrderState.Completed>(await flow.OrderOf("o-1"));
        Assert.Single(flow.Gateway.Charged);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task An_out_of_stock_line_ends_rejected_with_nothing_reserved_or_charged(int seed)
    {
        var flow = await Stocked(seed, sku2: 1);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa", new OrderLine("sku-1", 2, 9.99m), new OrderLine("sku-2", 3, 5m)));
        await flow.DeliverAllAsync();

        Assert.Contains("sku-2: 3 requested, 1 available", Assert.IsType<OrderState.Rejected>(await flow.OrderOf("o-1")).Reason, StringComparison.Ordinal);
        Assert.Equal((10, 0, 0), Counts(await flow.ItemOf("sku-1")));
        Assert.Equal((1, 0, 0), Counts(await flow.ItemOf("sku-2")));
        Assert.Empty(flow.Gateway.Charged);
        Assert.IsType<PaymentState.Cancelled>(await flow.PaymentOf("o-1"));
        Assert.IsType<ShipmentState.Cancelled>(await flow.ShipmentOf("o-1"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Cancelling_before_payment_releases_the_stock_and_keeps_no_money(int seed)
    {
        var flow = await Stocked(seed);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa"));
        await flow.Execute("o-1", CancelOrder.Name, new CancelOrder.Command("changed my mind"));
        await flow.DeliverAllAsync();

        Assert.IsType<OrderState.Cancelled>(await flow.OrderOf("o-1"));
        Assert.Equal((10, 0, 0), Counts(await flow.ItemOf("sku-1")));
        Assert.Equal((10, 0, 0), Counts(await flow.ItemOf("sku-2")));
        Assert.True(flow.Gateway.Charged.Keys.All(flow.Gateway.Refunded.Contains));
        Assert.IsType<ShipmentState.Cancelled>(await flow.ShipmentOf("o-1"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_cancel_racing_the_payment_ends_cancelled_and_refunded_or_completed_never_in_between(int seed)
    {
        var flow = await Stocked(seed);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa"));
        for (var i = 0; i < seed % 9; i++)
        {
            await flow.DeliverOneAsync();
        }

        try
        {
            await flow.Execute("o-1", CancelOrder.Name, new CancelOrder.Command("changed my mind"));
        }
        catch (OrderCannotBeCancelled)
        {
            // The payment won: the order goes on to completion.
        }

        await flow.DeliverAllAsync();

        switch (await flow.OrderOf("o-1"))
        {
            case OrderState.Cancelled:
                Assert.Equal((10, 0, 0), Counts(await flow.ItemOf("sku-1")));
                Assert.True(flow.Gateway.Charged.Keys.All(flow.Gateway.Refunded.Contains), "no money is kept for a cancelled order");
                Assert.IsType<ShipmentState.Cancelled>(await flow.ShipmentOf("o-1"));
                break;
            case OrderState.Completed:
                Assert.Equal((8, 0, 2), Counts(await flow.ItemOf("sku-1")));
                Assert.Single(flow.Gateway.Charged);
                Assert.Empty(flow.Gateway.Refunded);
                break;
            case var other:
                Assert.Fail($"The order ended {other.Name}.");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Concurrent_orders_on_scarce_stock_never_oversell_and_account_for_every_unit(int seed)
    {
        var flow = await Stocked(seed, sku1: 6, sku2: 4);
        var random = new Random(seed);
        var orders = Enumerable.Range(1, 8).Select(i => (Id: $"o-{i}", Command: Order(
            i % 5 == 0 ? "tok_decline" : "tok_visa",
            new OrderLine("sku-1", 1 + random.Next(3), 9.99m),
            new OrderLine("sku-2", 1 + random.Next(2), 5m)))).ToArray();
        foreach (var (id, command) in orders)
        {
            await flow.Execute(id, PlaceOrder.Name, command);
            await flow.DeliverOneAsync();
        }

        await flow.DeliverAllAsync();

        var ends = new Dictionary<string, OrderState>();
        foreach (var (id, _) in orders)
        {
            ends[id] = await flow.OrderOf(id);
            Assert.True(ends[id].IsTerminal, $"{id} ended {ends[id].Name}");
        }

        foreach (var (sku, stocked) in new[] { ("sku-1", 6), ("sku-2", 4) })
        {
            var item = await flow.ItemOf(sku);
            var sold = orders.Where(o => ends[o.Id] is OrderState.Completed).Sum(o => o.Command.Lines.Where(l => l.Sku == sku).Sum(l => l.Quantity));
            Assert.Equal((stocked - sold, 0, sold), Counts(item));
        }

        var completed = orders.Where(o => ends[o.Id] is OrderState.Completed).Select(o => $"payment.{o.Id}").Order(StringComparer.Ordinal);
        Assert.Equal(completed, flow.Gateway.Charged.Keys.Except(flow.Gateway.Refunded).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task An_order_quoting_an_old_price_ends_rejected_with_the_new_price_named_and_nothing_charged(int seed)
    {
        var flow = await Stocked(seed);
        await flow.SetPrice("sku-1", 10.49m);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa"));
        await flow.DeliverAllAsync();

        var rejected = Assert.IsType<OrderState.Rejected>(await flow.OrderOf("o-1"));
        Assert.Equal("price-changed: sku-1 costs 10.49 EUR, not 9.99 EUR", rejected.Reason);
        Assert.Equal((10, 0, 0), Counts(await flow.ItemOf("sku-1")));
        Assert.Empty(flow.Gateway.Charged);
        Assert.IsType<PaymentState.Cancelled>(await flow.PaymentOf("o-1"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task An_order_for_a_sku_without_a_price_ends_rejected_and_nothing_charged(int seed)
    {
        var flow = await Stocked(seed);
        await flow.RestockOnly("sku-3", 10);
        await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa", new OrderLine("sku-3", 1, 2m)));
        await flow.DeliverAllAsync();

        Assert.Equal("price-not-set: sku-3 has no price", Assert.IsType<OrderState.Rejected>(await flow.OrderOf("o-1")).Reason);
        Assert.Empty(flow.Gateway.Charged);
    }

    [Fact]
    public async Task The_bus_really_reorders_and_duplicates()
    {
        var overtaken = 0;
        for (var seed = 1; seed <= 25; seed++)
        {
            var flow = await Stocked(seed);
            await flow.Execute("o-1", PlaceOrder.Name, Order("tok_visa"));
            await flow.DeliverAllAsync();
            overtaken += (await flow.PaymentEventsOf("o-1")).Contains(Payment.Domain.Events.StockReservationNoted.Name) ? 1 : 0;
            Assert.True(flow.Delivered >= 9, "every consumer got every message at least once");
        }

        Assert.InRange(overtaken, 1, 24);
    }

    private static (int Available, int Reserved, int Committed) Counts(Inventory.Domain.InventoryItemState.Stocked item) =>
        (item.Available, item.Reserved, item.Committed);
}
