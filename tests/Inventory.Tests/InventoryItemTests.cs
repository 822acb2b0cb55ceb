using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Inventory.Domain.Events;
using WeeEvents.Testing;

namespace WeeEvents.Services.Inventory.Tests;

public class InventoryItemTests
{
    private static ScenarioGiven<InventoryItemState> Sku() => Scenario.For(InventoryItemService.Description, "sku-1");

    private static readonly Money Euros = new(2.5m, "EUR");

    private static ScenarioGiven<InventoryItemState> Stocked(int quantity = 10) =>
        Sku().Given(ItemRestocked.Name, new ItemRestocked.Data(quantity)).Given(PriceSet.Name, new PriceSet.Data(Euros.Amount, Euros.Currency));

    private static InventoryItemState.Stocked Stock(Entity<InventoryItemState> entity) => Assert.IsType<InventoryItemState.Stocked>(entity.State);

    [Fact]
    public async Task The_first_restock_makes_a_sku_known_with_that_much_available()
    {
        var entity = await Sku().When(Restock.Name, new Restock.Command(100)).Then(ItemRestocked.Name, new ItemRestocked.Data(100));
        Assert.Equal((100, 0, 0), (Stock(entity).Available, Stock(entity).Reserved, Stock(entity).Committed));
    }

    [Fact]
    public async Task Restocking_adds_to_what_is_available()
    {
        var entity = await Stocked(10).When(Restock.Name, new Restock.Command(5)).Then(ItemRestocked.Name, new ItemRestocked.Data(5));
        Assert.Equal(15, Stock(entity).Available);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task A_restock_of_nothing_or_less_is_refused(int quantity)
    {
        var error = await Sku().When(Restock.Name, new Restock.Command(quantity)).ThenFails<CommandValidationFailed>();
        Assert.Contains(error.Errors, e => e.Field == "quantity");
    }

    [Fact]
    public async Task A_restock_above_the_most_one_restock_may_bring_is_refused()
    {
        var error = await Sku().When(Restock.Name, new Restock.Command(Restock.MaxQuantity + 1)).ThenFails<CommandValidationFailed>();
        Assert.Contains(error.Errors, e => e.Field == "quantity");
    }

    [Fact]
    public async Task A_restock_up_to_the_stock_limit_is_taken()
    {
        var entity = await Stocked(InventoryItemState.Stocked.MaxStock - 5).When(Restock.Name, new Restock.Command(5))
            .Then(ItemRestocked.Name, new ItemRestocked.Data(5));
        Assert.Equal(InventoryItemState.Stocked.MaxStock, Stock(entity).Available);
    }

    [Fact]
    public async Task A_restock_past_the_stock_limit_is_a_broken_rule_counting_reserved_and_committed_units_too()
    {
        // Available is 5 below the limit, but one unit is reserved and one committed: the SKU holds 3 below it.
        var error = await Stocked(InventoryItemState.Stocked.MaxStock - 3)
            .Given(StockReserved.Name, new StockReserved.Data("order-1", 1))
            .Given(StockReserved.Name, new StockReserved.Data("order-2", 1))
            .Given(StockCommitted.Name, new StockCommitted.Data("order-2", 1))
            .When(Restock.Name, new Restock.Command(4))
            .ThenFails<StockLimitExceeded>();

        Assert.Equal(InventoryItemState.Stocked.MaxStock - 3, error.Stock);
        Assert.Equal("stock-limit-exceeded", error.Rule);
    }

    [Fact]
    public async Task Reserving_moves_units_from_available_to_reserved_for_the_order()
    {
        var entity = await Stocked(10).When(ReserveStock.Name, new ReserveStock.Command("o-1", 3, Euros)).Then(StockReserved.Name, new StockReserved.Data("o-1", 3));
        Assert.Equal((7, 3), (Stock(entity).Available, Stock(entity).Reserved));
        Assert.Equal(3, Stock(entity).Reservations["o-1"]);
    }

    [Fact]
    public async Task Reserving_for_the_same_order_twice_is_a_no_op()
    {
        var entity = await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3))
            .When(ReserveStock.Name, new ReserveStock.Command("o-1", 3, Euros)).ThenNothing();
        Assert.Equal(7, Stock(entity).Available);
    }

    [Fact]
    public async Task Reserving_more_than_is_available_is_refused_and_available_never_goes_negative()
    {
        var error = await Stocked(2).When(ReserveStock.Name, new ReserveStock.Command("o-1", 3, Euros)).ThenFails<InsufficientStock>();
        Assert.Equal((2, 3), (error.Available, error.Requested));
        Assert.Equal("reserve-stock", error.Operation);
    }

    [Fact]
    public async Task Reserving_exactly_what_is_available_leaves_zero()
    {
        var entity = await Stocked(3).When(ReserveStock.Name, new ReserveStock.Command("o-1", 3, Euros)).Then(StockReserved.Name, new StockReserved.Data("o-1", 3));
        Assert.Equal(0, Stock(entity).Available);
    }

    [Fact]
    public async Task An_unknown_sku_refuses_a_reservation()
    {
        var error = await Sku().When(ReserveStock.Name, new ReserveStock.Command("o-1", 1, Euros)).ThenFails<UnknownSku>();
        Assert.Equal("uninitialized", error.State);
    }

    [Fact]
    public async Task Releasing_gives_the_orders_reserved_units_back()
    {
        var entity = await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3))
            .When(ReleaseStock.Name, new ReleaseStock.Command("o-1")).Then(StockReleased.Name, new StockReleased.Data("o-1", 3));
        Assert.Equal((10, 0), (Stock(entity).Available, Stock(entity).Reserved));
        Assert.Empty(Stock(entity).Reservations);
    }

    [Fact]
    public async Task Releasing_an_order_that_holds_nothing_is_a_no_op()
    {
        await Stocked(10).When(ReleaseStock.Name, new ReleaseStock.Command("o-1")).ThenNothing();
        await Sku().When(ReleaseStock.Name, new ReleaseStock.Command("o-1")).ThenNothing();
        await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3)).Given(StockReleased.Name, new StockReleased.Data("o-1", 3))
            .When(ReleaseStock.Name, new ReleaseStock.Command("o-1")).ThenNothing();
    }

    [Fact]
    public async Task Committing_sells_the_orders_reserved_units()
    {
        var entity = await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3))
            .When(CommitStock.Name, new CommitStock.Command("o-1")).Then(StockCommitted.Name, new StockCommitted.Data("o-1", 3));
        Assert.Equal((7, 0, 3), (Stock(entity).Available, Stock(entity).Reserved, Stock(entity).Committed));
        Assert.Equal(10, Stock(entity).Stock);
    }

    [Fact]
    public async Task Committing_twice_is_a_no_op() =>
        await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3)).Given(StockCommitted.Name, new StockCommitted.Data("o-1", 3))
            .When(CommitStock.Name, new CommitStock.Command("o-1")).ThenNothing();

    [Fact]
    public async Task A_commit_after_the_release_changes_nothing()
    {
        var entity = await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3)).Given(StockReleased.Name, new StockReleased.Data("o-1", 3))
            .When(CommitStock.Name, new CommitStock.Command("o-1")).ThenNothing();
        Assert.Equal((10, 0, 0), (Stock(entity).Available, Stock(entity).Reserved, Stock(entity).Committed));
    }

    [Fact]
    public async Task Returning_an_order_cancelled_after_its_commit_takes_back_the_sold_units()
    {
        var entity = await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3)).Given(StockCommitted.Name, new StockCommitted.Data("o-1", 3))
            .When(ReturnStock.Name, new ReturnStock.Command("o-1", 3)).Then(StockReturned.Name, new StockReturned.Data("o-1", 3));
        Assert.Equal((10, 0, 0), (Stock(entity).Available, Stock(entity).Reserved, Stock(entity).Committed));
    }

    [Fact]
    public async Task Releasing_a_sold_order_records_nothing_its_units_come_back_by_return_stock() =>
        await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3)).Given(StockCommitted.Name, new StockCommitted.Data("o-1", 3))
            .When(ReleaseStock.Name, new ReleaseStock.Command("o-1")).ThenNothing();

    [Fact]
    public async Task Returning_more_than_is_committed_records_nothing()
    {
        await Stocked(10).Given(StockReserved.Name, new StockReserved.Data("o-1", 3)).Given(StockCommitted.Name, new StockCommitted.Data("o-1", 3))
            .When(ReturnStock.Name, new ReturnStock.Command("o-1", 4)).ThenNothing();
        await Sku().When(ReturnStock.Name, new ReturnStock.Command("o-1", 1)).ThenNothing();
    }

    [Fact]
    public async Task A_stock_returned_event_beyond_what_is_committed_leaves_the_counts_as_they_were()
    {
        var entity = await Stocked(10).Given(StockReturned.Name, new StockReturned.Data("o-9", 2)).When(Restock.Name, new Restock.Command(1))
            .Then(ItemRestocked.Name, new ItemRestocked.Data(1));
        Assert.Equal((11, 0, 0), (Stock(entity).Available, Stock(entity).Reserved, Stock(entity).Committed));
    }

    [Fact]
    public async Task A_sku_keeps_its_open_reservations_only_not_every_order_it_sold()
    {
        var sku = Stocked(1000);
        for (var i = 0; i < 200; i++)
        {
            sku = sku.Given(StockReserved.Name, new StockReserved.Data($"o-{i}", 1)).Given(StockCommitted.Name, new StockCommitted.Data($"o-{i}", 1));
        }

        var entity = await sku.Given(StockReserved.Name, new StockReserved.Data("open", 2))
            .When(ReserveStock.Name, new ReserveStock.Command("another", 1, Euros)).Then(StockReserved.Name, new StockReserved.Data("another", 1));

        Assert.Equal((797, 3, 200), (Stock(entity).Available, Stock(entity).Reserved, Stock(entity).Committed));
        Assert.Equal(["another", "open"], Stock(entity).Reservations.Keys);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(entity.State, WeeEventsJson.Options);
        Assert.Equal(["available", "committed", "price", "reservations", "reserved", "status"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reservations_need_an_order_id_and_a_positive_quantity()
    {
        var error = await Stocked().When(ReserveStock.Name, new ReserveStock.Command("", 0, Euros)).ThenFails<CommandValidationFailed>();
        Assert.Equal(["orderId", "quantity"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}

public class SkuPriceTests
{
    private static readonly Money Euros = new(2.5m, "EUR");

    private static ScenarioGiven<InventoryItemState> Sku() => Scenario.For(InventoryItemService.Description, "sku-1");

    private static ScenarioGiven<InventoryItemState> Stocked() => Sku().Given(ItemRestocked.Name, new ItemRestocked.Data(10));

    private static InventoryItemState.Stocked Stock(Entity<InventoryItemState> entity) => Assert.IsType<InventoryItemState.Stocked>(entity.State);

    [Fact]
    public async Task Setting_a_price_records_it_in_the_skus_events_and_state()
    {
        var entity = await Stocked().When(SetPrice.Name, new SetPrice.Command(2.5m, "EUR")).Then(PriceSet.Name, new PriceSet.Data(2.5m, "EUR"));
        Assert.Equal(Euros, Stock(entity).Price);
        Assert.Equal(10, Stock(entity).Available);
    }

    [Fact]
    public async Task A_new_price_replaces_the_old_one_and_the_same_price_again_records_nothing()
    {
        var priced = Stocked().Given(PriceSet.Name, new PriceSet.Data(2.5m, "EUR"));
        var entity = await priced.When(SetPrice.Name, new SetPrice.Command(3m, "EUR")).Then(PriceSet.Name, new PriceSet.Data(3m, "EUR"));
        Assert.Equal(new Money(3m, "EUR"), Stock(entity).Price);
        await Stocked().Given(PriceSet.Name, new PriceSet.Data(2.5m, "EUR")).When(SetPrice.Name, new SetPrice.Command(2.50m, "EUR")).ThenNothing();
    }

    [Fact]
    public async Task A_price_set_before_any_restock_makes_the_sku_known_with_nothing_available()
    {
        var entity = await Sku().When(SetPrice.Name, new SetPrice.Command(2.5m, "EUR")).Then(PriceSet.Name, new PriceSet.Data(2.5m, "EUR"));
        Assert.Equal((0, Euros), (Stock(entity).Available, Stock(entity).Price));
    }

    [Theory]
    [InlineData(0, "EUR", "amount")]
    [InlineData(-1, "EUR", "amount")]
    [InlineData(1_000_000.01, "EUR", "amount")]
    [InlineData(1.001, "EUR", "amount")]
    [InlineData(1, "eur", "currency")]
    [InlineData(1, "", "currency")]
    public async Task A_price_out_of_bounds_is_refused_naming_the_field(decimal amount, string currency, string field)
    {
        var error = await Stocked().When(SetPrice.Name, new SetPrice.Command(amount, currency)).ThenFails<CommandValidationFailed>();
        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public async Task A_sku_without_a_price_cannot_be_reserved()
    {
        var error = await Stocked().When(ReserveStock.Name, new ReserveStock.Command("o-1", 1, Euros)).ThenFails<PriceNotSet>();
        Assert.Equal("price-not-set", error.Rule);
    }

    [Fact]
    public async Task A_reservation_at_a_price_that_changed_since_it_was_read_is_refused_naming_both_prices()
    {
        var error = await Stocked().Given(PriceSet.Name, new PriceSet.Data(3m, "EUR"))
            .When(ReserveStock.Name, new ReserveStock.Command("o-1", 1, Euros)).ThenFails<PriceChanged>();
        Assert.Equal((new Money(3m, "EUR"), Euros), (error.Catalogue, error.Quoted));
        Assert.Contains("costs 3.00 EUR, not 2.50 EUR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_in_another_currency_is_a_changed_price()
    {
        await Stocked().Given(PriceSet.Name, new PriceSet.Data(2.5m, "GBP"))
            .When(ReserveStock.Name, new ReserveStock.Command("o-1", 1, Euros)).ThenFails<PriceChanged>();
    }
}

public class InventoryWireShapeTests
{
    [Fact]
    public async Task An_item_shows_available_reserved_and_committed_on_the_wire()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = InventoryItemService.Description.CreateService(new InMemoryEventStore());
        var id = InventoryItemService.Description.Id("sku-1");
        await service.ExecuteAsync(Restock.Name, id, System.Text.Json.JsonDocument.Parse("""{ "quantity": 100 }""").RootElement, Callers.AsService, ct);
        await service.ExecuteAsync(SetPrice.Name, id, System.Text.Json.JsonDocument.Parse("""{ "amount": 2.5, "currency": "EUR" }""").RootElement, Callers.AsService, ct);
        await service.ExecuteAsync(ReserveStock.Name, id, new ReserveStock.Command("o-1", 3, new Money(2.5m, "EUR")), Callers.AsService, ct);
        var entity = await service.ExecuteAsync(ReserveStock.Name, id, new ReserveStock.Command("o-2", 2, new Money(2.5m, "EUR")), Callers.AsService, ct);
        entity = await service.ExecuteAsync(CommitStock.Name, id, new CommitStock.Command("o-2"), Callers.AsService, ct);

        var json = System.Text.Json.JsonSerializer.SerializeToElement(entity.State, WeeEventsJson.Options);
        Assert.Equal("stocked", json.GetProperty("status").GetString());
        Assert.Equal(95, json.GetProperty("available").GetInt32());
        Assert.Equal(3, json.GetProperty("reserved").GetInt32());
        Assert.Equal(2, json.GetProperty("committed").GetInt32());
        Assert.Equal(2.5m, json.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", json.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(3, json.GetProperty("reservations").GetProperty("o-1").GetInt32());
    }
}
