using System.Net;
using System.Text;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Input the services refuse at their door: problem details naming the field or parameter, never a 500, nothing recorded
/// (each category of the bad-input report: blank, long and odd keys, paging and revisions at their extremes, overflowing numbers).
/// </summary>
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

    /// <summary>The requests the bad-input report answered with 500, and their neighbours: (service, path, status, parameter named).</summary>
    public static TheoryData<FlowService, string, int, string?> BadKeysAndQueries => new()
    {
        // A blank key, with or without /events or ?revision=.
        { FlowService.Payment, "/payment/%20", 400, "key" },
        { FlowService.Inventory, "/inventory-item/%20", 400, "key" },
        { FlowService.Inventory, "/inventory-item/%20/events", 400, "key" },
        { FlowService.Payment, "/payment/%20/events?after=1", 400, "key" },
        { FlowService.Inventory, "/inventory-item/%20?revision=1", 400, "key" },
        { FlowService.Order, "/order/%09%20", 400, "key" },
        // Paging past the largest revision, and paging values out of range.
        { FlowService.Inventory, "/inventory-item/{sku}/events?after=9223372036854775807", 200, null },
        { FlowService.Inventory, "/inventory-item/{sku}/events?after=9223372036854775806&limit=1000", 200, null },
        { FlowService.Order, "/order/nobody/events?after=9223372036854775807", 200, null },
        { FlowService.Inventory, "/inventory-item/{sku}/events?after=-5&limit=0", 400, "after" },
        { FlowService.Inventory, "/inventory-item/{sku}/events?limit=0", 400, "limit" },
        { FlowService.Inventory, "/inventory-item/{sku}/events?after=9223372036854775808", 400, "after" },
        { FlowService.Payment, "/payment/p-1?revision=99999999999999999999", 400, "revision" },
        { FlowService.Inventory, "/inventory-item/{sku}?revision=99999999999999999999", 400, "revision" },
        // Keys longer than the database column.
        { FlowService.Inventory, "/inventory-item/" + new string('k', 201), 400, "key" },
        { FlowService.Inventory, "/inventory-item/" + new string('k', 201) + "/events?after=", 400, "key" },
        { FlowService.Payment, "/payment/" + new string('k', 5_000) + "/events?after=1", 400, "key" },
        { FlowService.Order, "/order/" + Escaped(new string('ü', 201)), 400, "key" },
        // Odd keys that are still keys: found (or not) like any other.
        { FlowService.Inventory, "/inventory-item/" + Escaped(new string('ü', 100)), 404, null },
        { FlowService.Inventory, "/inventory-item/" + Escaped(new string('ü', 100)) + "/events?after=1", 200, null },
        { FlowService.Payment, "/payment/-/events?after=1", 200, null },
        { FlowService.Payment, "/payment/-", 404, null },
        { FlowService.Shipping, "/shipment/..%2F../events?after=1", 200, null },
        { FlowService.Shipping, "/shipment/" + Escaped("😀") + "/events?after=1", 200, null },
        { FlowService.Order, "/order/" + Escaped(string.Concat(Enumerable.Repeat("😀", 100))), 404, null },
        // Control characters in a key.
        { FlowService.Order, "/order/a%0Ab", 400, "key" },
        { FlowService.Inventory, "/inventory-item/a%7Fb/events", 400, "key" },
    };

    [Theory]
    [MemberData(nameof(BadKeysAndQueries))]
    public async Task A_bad_key_or_query_value_is_a_4xx_naming_the_parameter_never_a_500(FlowService service, string path, int status, string? parameter)
    {
        // An existing SKU, so that paging "past the end" is asked of a real stream.
        var sku = Ids.New("sku");
        await system.RestockAsync(sku, 5);
        path = path.Replace("{sku}", sku, StringComparison.Ordinal);

        using var response = await system.Http(service).GetAsync(path, TestContext.Current.CancellationToken);

        if (status == 200)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(0, (await response.EntityAsync()).GetProperty("events").GetArrayLength());
        }
        else
        {
            var problem = await response.AssertProblemAsync((HttpStatusCode)status);
            if (parameter is not null)
            {
                Assert.Equal([parameter], problem.ErrorFields());
            }
        }

        Assert.DoesNotContain("Unexpected error", system.Log.Tail(200), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restock_past_what_a_sku_may_hold_is_a_broken_rule_not_an_overflow()
    {
        var sku = Ids.New("sku");
        await system.RestockAsync(sku, 1_000_000);

        // 1,000 restocks of a million would pass int.MaxValue twice over; the SKU's limit stops them at a billion.
        HttpResponseMessage? refused = null;
        for (var i = 1; i < 1_001 && refused is null; i++)
        {
            var response = await system.PostAsync(FlowService.Inventory, $"/inventory-item/{sku}/restock", new { quantity = 1_000_000 });
            if (response.StatusCode == HttpStatusCode.OK)
            {
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        using var _ = refused;
        Assert.NotNull(refused);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("stock-limit-exceeded", problem.GetProperty("rule").GetString());
        Assert.Equal(1_000_000_000, (await system.StockAsync(sku)).Available);
    }

    [Theory]
    [InlineData("a price above the highest", "lines[0].unitPrice")]
    [InlineData("a price past what decimal holds", "lines[0].unitPrice")]
    [InlineData("a SKU that is not a key", "lines[0].sku")]
    public async Task Numbers_and_keys_that_would_break_a_state_are_refused_at_the_door(string what, string field)
    {
        var valid = PlaceOrder.Of("tok_visa", new OrderLine("sku-1", 1, 9.99m));
        var order = what switch
        {
            "a price above the highest" => valid with { Lines = Enumerable.Repeat(new OrderLine("sku-1", 1_000, 1_000_000.01m), 50).ToArray() },
            "a price past what decimal holds" => valid with { Lines = [new OrderLine("sku-1", 1_000, decimal.MaxValue)] },
            "a SKU that is not a key" => valid with { Lines = [new OrderLine(" sku-1", 1, 9.99m)] },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };

        using var response = await system.PlaceOrderAsync(Ids.New("order"), order);

        Assert.Contains(field, (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    private static string Escaped(string key) => Uri.EscapeDataString(key);

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
