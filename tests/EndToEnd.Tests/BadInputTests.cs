using System.Net;
using System.Text;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>Input the Order service refuses at its door: problem details naming the fields, never a 500, nothing recorded.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class BadInputTests(PostgresOrderSystem system)
{
    public static TheoryData<string, string> InvalidOrders => new()
    {
        { "quantity 0", "lines[0].quantity" },
        { "51 lines", "lines" },
        { "a price with 3 decimals", "lines[0].unitPrice" },
        { "a negative price", "lines[0].unitPrice" },
        { "a lower-case currency", "currency" },
        { "a four-letter currency", "currency" },
        { "a country that is not ISO", "shippingAddress.country" },
        { "no payment token", "paymentToken" },
    };

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public async Task An_invalid_order_is_refused_with_400_naming_the_field_and_nothing_is_recorded(string what, string field)
    {
        var orderId = Ids.New("order");

        using var response = await system.PlaceOrderAsync(orderId, Invalid(what));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Null(await system.EntityAsync(FlowService.Order, $"/order/{orderId}"));
    }

    [Fact]
    public async Task Every_broken_field_is_named_at_once()
    {
        var order = PlaceOrder.Of("tok_visa", new OrderLine("sku-1", 1, 1m), new OrderLine("sku-2", 0, 1.001m)) with { Currency = "euro" };

        using var response = await system.PlaceOrderAsync(Ids.New("order"), order);

        var fields = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields();
        Assert.Contains("currency", fields);
        Assert.Contains("lines[1].quantity", fields);
        Assert.Contains("lines[1].unitPrice", fields);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_400_not_500()
    {
        using var body = new StringContent("{ \"customerId\": \"c-1\", \"lines\": [ { \"quantity\": \"two\" } ] }", Encoding.UTF8, "application/json");

        using var response = await system.Http(FlowService.Order).PostAsync($"/order/{Ids.New("order")}/place-order", body, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_404()
    {
        using var response = await system.PostAsync(FlowService.Order, $"/order/{Ids.New("order")}/refund-everything", new { });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restocking_zero_units_is_refused_with_400()
    {
        using var response = await system.PostAsync(FlowService.Inventory, $"/inventory-item/{Ids.New("sku")}/restock", new { quantity = 0 });

        Assert.Contains("quantity", (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    private static PlaceOrder Invalid(string what)
    {
        var valid = PlaceOrder.Of("tok_visa", new OrderLine("sku-1", 1, 9.99m));
        return what switch
        {
            "quantity 0" => valid with { Lines = [new OrderLine("sku-1", 0, 9.99m)] },
            "51 lines" => valid with { Lines = Enumerable.Range(0, 51).Select(i => new OrderLine($"sku-{i}", 1, 1m)).ToArray() },
            "a price with 3 decimals" => valid with { Lines = [new OrderLine("sku-1", 1, 9.999m)] },
            "a negative price" => valid with { Lines = [new OrderLine("sku-1", 1, -1m)] },
            "a lower-case currency" => valid with { Currency = "eur" },
            "a four-letter currency" => valid with { Currency = "EURO" },
            "a country that is not ISO" => valid with { ShippingAddress = valid.ShippingAddress with { Country = "England" } },
            "no payment token" => valid with { PaymentToken = "" },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }
}
