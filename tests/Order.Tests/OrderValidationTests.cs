using System.Text.Json;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

public class OrderValidationTests
{
    private static async Task<IReadOnlyList<FieldError>> Refused(PlaceOrder.Command command) =>
        (await New().When(PlaceOrder.Name, command).ThenFails<CommandValidationFailed>()).Errors;

    [Fact]
    public async Task An_order_needs_at_least_one_line()
    {
        var errors = await Refused(Place() with { Lines = [] });
        Assert.Contains(errors, e => e.Field == "lines");
    }

    [Fact]
    public async Task An_order_has_at_most_fifty_lines()
    {
        var lines = Enumerable.Range(1, 51).Select(i => new OrderLine($"sku-{i}", 1, 1m)).ToArray();
        var errors = await Refused(Place(lines));
        Assert.Contains(errors, e => e.Field == "lines");
    }

    [Fact]
    public async Task Fifty_lines_are_accepted()
    {
        var lines = Enumerable.Range(1, 50).Select(i => new OrderLine($"sku-{i}", 1, 1m)).ToArray();
        var entity = await New().When(PlaceOrder.Name, Place(lines)).Then(
            Domain.Events.OrderPlaced.Name, new Domain.Events.OrderPlaced.Data(Place(lines).ToDetails(), 50m));
        Assert.Equal(50, entity.State.Details!.Lines.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_quantity_outside_one_to_a_thousand_is_refused_with_the_line_named(int quantity)
    {
        var errors = await Refused(Place(new OrderLine("sku-1", 1, 1m), new OrderLine("sku-2", quantity, 1m)));
        Assert.Contains(errors, e => e.Field == "lines[1].quantity");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("9.999")]
    public async Task A_unit_price_not_above_zero_or_with_more_than_two_decimals_is_refused(string price)
    {
        var errors = await Refused(Place(new OrderLine("sku-1", 1, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains(errors, e => e.Field == "lines[0].unitPrice");
    }

    [Theory]
    [InlineData("1000000.01")]
    [InlineData("79228162514264337593543950335")]
    public async Task A_unit_price_above_the_highest_is_refused_so_no_total_can_overflow(string price)
    {
        var line = new OrderLine("sku-1", PlaceOrder.MaxQuantity, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));
        var errors = await Refused(Place(Enumerable.Repeat(line, PlaceOrder.MaxLines).ToArray()));
        Assert.Contains(errors, e => e.Field == "lines[0].unitPrice");
    }

    [Fact]
    public async Task The_largest_order_the_rules_allow_totals_without_overflow()
    {
        var line = new OrderLine("sku-1", PlaceOrder.MaxQuantity, PlaceOrder.MaxUnitPrice);
        var service = OrderService.Description.CreateService(new InMemoryEventStore());
        var entity = await service.ExecuteAsync(
            PlaceOrder.Name, OrderService.Description.Id("o-1"), Place(Enumerable.Repeat(line, PlaceOrder.MaxLines).ToArray()), Callers.AsService, TestContext.Current.CancellationToken);
        Assert.Equal(PlaceOrder.MaxTotal, Assert.IsType<OrderState.Placed>(entity.State).Total);
    }

    [Theory]
    [InlineData(" sku-1")]
    [InlineData("sku/1")]
    [InlineData("sku\n1")]
    public async Task A_sku_that_is_not_a_valid_inventory_key_is_refused_at_the_door(string sku)
    {
        var errors = await Refused(Place(new OrderLine(sku, 1, 1m)));
        Assert.Contains(errors, e => e.Field == "lines[0].sku");
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("")]
    public async Task A_currency_that_is_not_three_upper_case_letters_is_refused(string currency)
    {
        var errors = await Refused(Place() with { Currency = currency });
        Assert.Contains(errors, e => e.Field == "currency");
    }

    [Fact]
    public async Task Every_broken_field_is_reported_at_once()
    {
        var errors = await Refused(Place(new OrderLine("", 0, 0m)) with
        {
            CustomerId = "",
            PaymentToken = "",
            ShippingAddress = Address with { Country = "gb", City = "" },
        });
        var fields = errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "customerId", "paymentToken", "lines[0].sku", "lines[0].quantity", "lines[0].unitPrice", "shippingAddress.country", "shippingAddress.city" },
            fields);
    }

    [Fact]
    public async Task A_json_order_with_a_missing_address_is_refused_as_invalid_not_as_an_error()
    {
        var json = JsonSerializer.SerializeToElement(new { customerId = "c-1", currency = "EUR", lines = new[] { new { sku = "a", quantity = 1, unitPrice = 1m } }, paymentToken = "t" });
        var service = OrderService.Description.CreateService(new InMemoryEventStore());
        var error = await Assert.ThrowsAsync<CommandValidationFailed>(() =>
            service.ExecuteAsync(PlaceOrder.Name, OrderService.Description.Id("o-1"), json, Callers.AsService, TestContext.Current.CancellationToken));
        Assert.NotEmpty(error.Errors);
    }

    [Fact]
    public async Task The_wire_shape_of_place_order_is_accepted()
    {
        const string body = """
            { "customerId": "c-1", "currency": "EUR",
              "lines": [ { "sku": "sku-1", "quantity": 2, "unitPrice": 9.99 } ],
              "shippingAddress": { "name": "Ada Lovelace", "line1": "1 Main St", "city": "London",
                                   "postalCode": "N1 9GU", "country": "GB" },
              "paymentToken": "tok_visa" }
            """;
        var service = OrderService.Description.CreateService(new InMemoryEventStore());
        var entity = await service.ExecuteAsync(PlaceOrder.Name, OrderService.Description.Id("o-1"), JsonDocument.Parse(body).RootElement, Callers.AsService, TestContext.Current.CancellationToken);

        var json = JsonSerializer.SerializeToElement(entity.State, WeeEventsJson.Options);
        Assert.Equal("placed", json.GetProperty("status").GetString());
        Assert.Equal(19.98m, json.GetProperty("total").GetDecimal());
    }
}
