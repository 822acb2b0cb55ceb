using System.Text.Json;
using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Inventory.Domain.Events;
using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Inventory.Reservations.Events;
using WeeEvents.Testing;

namespace WeeEvents.Services.Inventory.Tests;

public class OrderStockReservationsTests
{
    private readonly InMemoryEventStore _store = new();
    private readonly OrderStockReservations _reservations;
    private readonly IService<InventoryItemState> _items;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public OrderStockReservationsTests()
    {
        _reservations = OrderStockReservations.On(_store);
        _items = InventoryItemService.Description.CreateService(_store);
    }

    /// <summary>The price every SKU of these tests has, in euros.</summary>
    private const decimal Price = 2.5m;

    private static readonly Money Euros = new(Price, "EUR");

    /// <summary>Stocks a SKU as a stock manager does: units, then the price.</summary>
    private async Task Restock(string sku, int quantity)
    {
        await _items.ExecuteAsync(Domain.Commands.Restock.Name, InventoryItemService.Description.Id(sku), new Restock.Command(quantity), Callers.AsService, _ct);
        await _items.ExecuteAsync(SetPrice.Name, InventoryItemService.Description.Id(sku), new SetPrice.Command(Price, "EUR"), Callers.AsService, _ct);
    }

    private async Task<InventoryItemState.Stocked> Item(string sku) =>
        Assert.IsType<InventoryItemState.Stocked>((await _items.LoadAsync(InventoryItemService.Description.Id(sku), _ct)).State);

    private Task<IReadOnlyList<RecordedEvent<JsonElement>>> ReservationEvents(string orderId) =>
        _store.LoadAsync(StockReservationService.Description.Id(orderId), cancellationToken: _ct);

    [Fact]
    public async Task Every_line_is_reserved_and_one_reservation_is_confirmed()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 5);

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-2", 5, Price), new("sku-1", 2, Price)], cancellationToken: _ct);

        var reserved = Assert.IsType<StockReservationState.Reserved>(state);
        Assert.Equal([new ReservationLine("sku-1", 2), new ReservationLine("sku-2", 5)], reserved.Lines);
        Assert.Equal((8, 2), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
        Assert.Equal((0, 5), ((await Item("sku-2")).Available, (await Item("sku-2")).Reserved));
        Assert.Equal([ReservationConfirmed.Name], (await ReservationEvents("o-1")).Select(e => e.Type));
        Assert.Equal(new Money(17.5m, "EUR"), reserved.Total);
    }

    [Fact]
    public async Task A_line_quoting_another_price_reserves_nothing_and_fails_naming_the_catalogue_price()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 10);

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 1, Price), new("sku-2", 1, 1.99m)], cancellationToken: _ct);

        var failed = Assert.IsType<StockReservationState.Failed>(state);
        Assert.Equal(ReservationFailureReasons.PriceChanged, failed.Reason);
        Assert.Equal([new PriceDifference("sku-2", new Money(1.99m, "EUR"), Euros)], failed.Prices);
        Assert.Equal((0, 0), ((await Item("sku-1")).Reserved, (await Item("sku-2")).Reserved));
    }

    [Fact]
    public async Task An_order_in_another_currency_than_the_catalogue_fails_as_a_changed_price()
    {
        await Restock("sku-1", 10);
        var state = await _reservations.ReserveAsync("o-1", "GBP", [new("sku-1", 1, Price)], cancellationToken: _ct);
        Assert.Equal(ReservationFailureReasons.PriceChanged, Assert.IsType<StockReservationState.Failed>(state).Reason);
    }

    [Fact]
    public async Task A_sku_without_a_price_is_never_reserved()
    {
        await _items.ExecuteAsync(Domain.Commands.Restock.Name, InventoryItemService.Description.Id("sku-1"), new Restock.Command(10), Callers.AsService, _ct);

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 1, Price)], cancellationToken: _ct);

        var failed = Assert.IsType<StockReservationState.Failed>(state);
        Assert.Equal(ReservationFailureReasons.PriceNotSet, failed.Reason);
        Assert.Equal("sku-1 has no price", Assert.Single(failed.Prices!).ToString());
        Assert.Equal(0, (await Item("sku-1")).Reserved);
    }

    [Fact]
    public async Task A_price_set_between_the_check_and_the_reservation_fails_the_order_holding_nothing()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 10);
        var raced = 0;
        var racing = new TestEventStore(_store)
        {
            AfterAppend = async recorded =>
            {
                if (recorded[0].Aggregate == InventoryItemService.Description.Id("sku-1") && Interlocked.Exchange(ref raced, 1) == 0)
                {
                    await _items.ExecuteAsync(SetPrice.Name, InventoryItemService.Description.Id("sku-2"), new SetPrice.Command(4m, "EUR"), Callers.AsService, _ct);
                }
            },
        };

        var state = await OrderStockReservations.On(racing).ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-2", 1, Price)], cancellationToken: _ct);

        var failed = Assert.IsType<StockReservationState.Failed>(state);
        Assert.Equal([new PriceDifference("sku-2", Euros, new Money(4m, "EUR"))], failed.Prices);
        Assert.Equal((10, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
    }

    [Fact]
    public async Task Lines_of_the_same_sku_are_reserved_together()
    {
        await Restock("sku-1", 10);
        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-1", 3, Price)], cancellationToken: _ct);
        Assert.Equal([new ReservationLine("sku-1", 5)], Assert.IsType<StockReservationState.Reserved>(state).Lines);
        Assert.Equal(5, (await Item("sku-1")).Reserved);
    }

    [Fact]
    public async Task One_short_line_reserves_nothing_at_all()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 1);

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-2", 3, Price)], cancellationToken: _ct);

        var failed = Assert.IsType<StockReservationState.Failed>(state);
        Assert.Equal([new Shortage("sku-2", 3, 1, Known: true)], failed.Shortages);
        Assert.Equal((10, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
        Assert.Equal((1, 0), ((await Item("sku-2")).Available, (await Item("sku-2")).Reserved));
        Assert.Equal(2, (await _store.LoadAsync(InventoryItemService.Description.Id("sku-1"), cancellationToken: _ct)).Count); // only its restock and its price
    }

    [Fact]
    public async Task An_unknown_sku_fails_the_order()
    {
        await Restock("sku-1", 10);
        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 1, Price), new("nope", 1, Price)], cancellationToken: _ct);
        Assert.Equal([new Shortage("nope", 1, 0, Known: false)], Assert.IsType<StockReservationState.Failed>(state).Shortages);
        Assert.Equal(0, (await Item("sku-1")).Reserved);
    }

    [Fact]
    public async Task Reserving_the_same_order_again_records_nothing()
    {
        await Restock("sku-1", 10);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);
        var again = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);

        Assert.IsType<StockReservationState.Reserved>(again);
        Assert.Equal(8, (await Item("sku-1")).Available);
        Assert.Single(await ReservationEvents("o-1"));
    }

    [Fact]
    public async Task A_failed_order_heard_again_stays_failed_even_after_a_restock()
    {
        await Restock("sku-1", 1);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);
        await Restock("sku-1", 10);

        Assert.IsType<StockReservationState.Failed>(await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct));
        Assert.Equal(0, (await Item("sku-1")).Reserved);
    }

    [Fact]
    public async Task A_cancellation_heard_before_the_order_means_nothing_is_ever_reserved()
    {
        await Restock("sku-1", 10);
        Assert.IsType<StockReservationState.Voided>(await _reservations.ReleaseAsync("o-1", "order cancelled", cancellationToken: _ct));

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);

        Assert.IsType<StockReservationState.Voided>(state);
        Assert.Equal(10, (await Item("sku-1")).Available);
    }

    [Fact]
    public async Task Payment_commits_every_line()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 10);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-2", 1, Price)], cancellationToken: _ct);

        Assert.IsType<StockReservationState.Committed>(await _reservations.CommitAsync("o-1", new Money(7.5m, "EUR"), cancellationToken: _ct));
        Assert.IsType<StockReservationState.Committed>(await _reservations.CommitAsync("o-1", new Money(7.5m, "EUR"), cancellationToken: _ct));

        Assert.Equal((8, 0, 2), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved, (await Item("sku-1")).Committed));
        Assert.Equal((9, 0, 1), ((await Item("sku-2")).Available, (await Item("sku-2")).Reserved, (await Item("sku-2")).Committed));
    }

    [Fact]
    public async Task A_failed_payment_releases_every_line()
    {
        await Restock("sku-1", 10);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);

        Assert.IsType<StockReservationState.Released>(await _reservations.ReleaseAsync("o-1", "payment failed", cancellationToken: _ct));
        Assert.IsType<StockReservationState.Released>(await _reservations.ReleaseAsync("o-1", "order cancelled", cancellationToken: _ct));

        Assert.Equal((10, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
    }

    [Fact]
    public async Task A_payment_heard_after_the_cancellation_commits_nothing()
    {
        await Restock("sku-1", 10);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);
        await _reservations.ReleaseAsync("o-1", "order cancelled", cancellationToken: _ct);

        Assert.IsType<StockReservationState.Released>(await _reservations.CommitAsync("o-1", new Money(5m, "EUR"), cancellationToken: _ct));
        Assert.Equal((10, 0, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved, (await Item("sku-1")).Committed));
    }

    [Fact]
    public async Task A_cancellation_of_a_paid_order_heard_twice_returns_its_units_once_by_the_quantities_its_reservation_recorded()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 10);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-2", 3, Price)], cancellationToken: _ct);
        await _reservations.ReserveAsync("o-2", "EUR", [new("sku-1", 1, Price)], cancellationToken: _ct);
        await _reservations.CommitAsync("o-1", new Money(12.5m, "EUR"), cancellationToken: _ct);
        await _reservations.CommitAsync("o-2", new Money(2.5m, "EUR"), cancellationToken: _ct);

        await _reservations.ReleaseAsync("o-1", "order cancelled", cancellationToken: _ct);
        await _reservations.ReleaseAsync("o-1", "order cancelled", cancellationToken: _ct);

        Assert.Equal((9, 0, 1), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved, (await Item("sku-1")).Committed));
        Assert.Equal((10, 0, 0), ((await Item("sku-2")).Available, (await Item("sku-2")).Reserved, (await Item("sku-2")).Committed));
        var returned = (await _store.LoadAsync(InventoryItemService.Description.Id("sku-2"), cancellationToken: _ct)).Where(e => e.Type == StockReturned.Name).ToList();
        Assert.Equal(3, Assert.Single(returned).Data.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task A_cancellation_heard_after_the_payment_returns_the_sold_units()
    {
        await Restock("sku-1", 10);
        await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);
        await _reservations.CommitAsync("o-1", new Money(5m, "EUR"), cancellationToken: _ct);

        Assert.IsType<StockReservationState.Released>(await _reservations.ReleaseAsync("o-1", "order cancelled", cancellationToken: _ct));
        Assert.Equal((10, 0, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved, (await Item("sku-1")).Committed));
    }

    [Fact]
    public async Task Stock_taken_by_another_order_mid_reservation_leaves_this_order_holding_nothing()
    {
        await Restock("sku-1", 10);
        await Restock("sku-2", 3);
        // Once this order has reserved sku-1, another order takes all of sku-2.
        var raced = 0;
        var racing = new TestEventStore(_store)
        {
            AfterAppend = async recorded =>
            {
                if (recorded[0].Aggregate == InventoryItemService.Description.Id("sku-1") && Interlocked.Exchange(ref raced, 1) == 0)
                {
                    await _items.ExecuteAsync(ReserveStock.Name, InventoryItemService.Description.Id("sku-2"), new ReserveStock.Command("o-other", 3, Euros), Callers.AsService, _ct);
                }
            },
        };

        var state = await OrderStockReservations.On(racing).ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-2", 3, Price)], cancellationToken: _ct);

        Assert.Equal([new Shortage("sku-2", 3, 0, Known: true)], Assert.IsType<StockReservationState.Failed>(state).Shortages);
        Assert.Equal((10, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
        Assert.Equal(3, (await Item("sku-2")).Reservations["o-other"]);
    }

    [Fact]
    public async Task Units_held_from_an_interrupted_attempt_are_kept_for_a_retry_that_succeeds()
    {
        await Restock("sku-1", 2);
        await _items.ExecuteAsync(ReserveStock.Name, InventoryItemService.Description.Id("sku-1"), new ReserveStock.Command("o-1", 2, Euros), Callers.AsService, _ct);

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price)], cancellationToken: _ct);

        Assert.IsType<StockReservationState.Reserved>(state);
        Assert.Equal((0, 2), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
    }

    [Fact]
    public async Task Units_held_from_an_interrupted_attempt_go_back_when_the_retry_fails()
    {
        await Restock("sku-1", 2);
        await Restock("sku-2", 1);
        await _items.ExecuteAsync(ReserveStock.Name, InventoryItemService.Description.Id("sku-1"), new ReserveStock.Command("o-1", 2, Euros), Callers.AsService, _ct);

        var state = await _reservations.ReserveAsync("o-1", "EUR", [new("sku-1", 2, Price), new("sku-2", 5, Price)], cancellationToken: _ct);

        Assert.IsType<StockReservationState.Failed>(state);
        Assert.Equal((2, 0), ((await Item("sku-1")).Available, (await Item("sku-1")).Reserved));
    }

    [Fact]
    public async Task Concurrent_orders_on_scarce_stock_never_oversell_and_every_unit_is_accounted_for()
    {
        string[] skus = ["a", "b", "c"];
        foreach (var sku in skus)
        {
            await Restock(sku, 20);
        }

        var orders = Enumerable.Range(0, 40).Select(i => (Id: $"o-{i}", Lines: new[] { new OrderedLine(skus[i % 3], 1 + (i % 4), Price), new OrderedLine(skus[(i + 1) % 3], 2, Price) })).ToArray();
        var outcomes = await Task.WhenAll(orders.Select(o => Task.Run(() => _reservations.ReserveAsync(o.Id, "EUR", o.Lines, cancellationToken: _ct), _ct)));

        Assert.Contains(outcomes, o => o is StockReservationState.Failed);
        Assert.Contains(outcomes, o => o is StockReservationState.Reserved);
        foreach (var sku in skus)
        {
            var item = await Item(sku);
            var held = orders.Zip(outcomes).Where(p => p.Second is StockReservationState.Reserved)
                .SelectMany(p => p.First.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            Assert.True(item.Available >= 0);
            Assert.Equal(held, item.Reserved);
            Assert.Equal(20, item.Available + item.Reserved + item.Committed);
            Assert.All(orders.Zip(outcomes).Where(p => p.Second is StockReservationState.Failed), p => Assert.False(item.Reservations.ContainsKey(p.First.Id)));
        }
    }

    /// <summary>Lets another writer act right after the first append to one aggregate: a race, on cue.</summary>
}
