using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// The read side: the lists each service projects from its events (<c>GET /order?…</c>, <c>/inventory-item?…</c>,
/// <c>/payment?…</c>, <c>/shipment?…</c>), filtered, paged, and shown
/// only to whom they belong.
/// </summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class ReadSideTests(PostgresOrderSystem system)
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_flow_the_completed_orders_of_a_customer_are_exactly_those_listed_as_completed()
    {
        var (customer, sku) = (Ids.New("customer"), Ids.New("sku"));
        await system.StockAndPriceAsync(sku, 20, 2m);
        var orders = Enumerable.Range(0, 5).ToDictionary(
            _ => Ids.New("order"),
            i => PlaceOrder.Of(i == 4 ? "tok_decline" : "tok_visa", new OrderLine(sku, 1, 2m)) with { CustomerId = customer });
        await Task.WhenAll(orders.Select(o => system.PlaceAsync(o.Key, o.Value)));
        var ends = await system.AwaitEndsAsync(orders.Keys, FlowTimeout);
        var completed = ends.Where(e => e.Value.Status() == "completed").Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, completed.Length);

        var listed = await AwaitListAsync($"/order?customerId={customer}&status=completed", rows => rows.Count == completed.Length);
        Assert.Equal(completed, listed.Select(r => r.GetProperty("orderId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(listed, r => Assert.Equal(2m, r.GetProperty("total").GetDecimal()));

        var all = await AwaitListAsync($"/order?customerId={customer}", rows => rows.All(r => r.GetProperty("terminal").GetBoolean()) && rows.Count == orders.Count);
        Assert.Equal(orders.Keys.Order(StringComparer.Ordinal), all.Select(r => r.GetProperty("orderId").GetString()));
        Assert.Equal("cancelled", all.Single(r => r.GetProperty("orderId").GetString() == ends.Single(e => e.Value.Status() == "cancelled").Key).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stock_levels_payments_and_shipments_are_listed_as_their_aggregates_have_them()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 9, 3m);
        var orders = Enumerable.Range(0, 3).ToDictionary(_ => Ids.New("order"), i => PlaceOrder.Of(i == 2 ? "tok_decline" : "tok_visa", new OrderLine(sku, 2, 3m)));
        await Task.WhenAll(orders.Select(o => system.PlaceAsync(o.Key, o.Value)));
        var ends = await system.AwaitEndsAsync(orders.Keys, FlowTimeout);
        var stock = await system.StockAsync(sku);

        await Eventually(async () =>
        {
            var level = (await ListAllAsync(FlowService.Inventory, "/inventory-item?belowAvailable=6")).SingleOrDefault(r => r.GetProperty("sku").GetString() == sku);
            return level.ValueKind == JsonValueKind.Object
                && (level.GetProperty("available").GetInt32(), level.GetProperty("reserved").GetInt32(), level.GetProperty("committed").GetInt32()) == (stock.Available, stock.Reserved, stock.Committed)
                && level.GetProperty("price").GetDecimal() == 3m && level.GetProperty("currency").GetString() == "EUR";
        }, $"{sku} is listed with {stock}");
        await Eventually(async () =>
        {
            var succeeded = (await ListAllAsync(FlowService.Payment, "/payment?status=succeeded")).Select(r => r.GetProperty("paymentId").GetString()).ToHashSet();
            return ends.All(e => succeeded.Contains(e.Key) == (e.Value.Status() == "completed"));
        }, "the completed orders' payments, and only theirs, are listed as succeeded");
        await Eventually(async () =>
        {
            var scheduled = (await ListAllAsync(FlowService.Shipping, "/shipment?status=scheduled")).Select(r => r.GetProperty("shipmentId").GetString()).ToHashSet();
            return ends.All(e => scheduled.Contains(e.Key) == (e.Value.Status() == "completed"));
        }, "the completed orders' shipments, and only theirs, are listed as scheduled");
    }

    [Fact]
    public async Task Pages_follow_one_another_by_cursor_until_the_last_says_there_is_no_next()
    {
        var customer = Ids.New("customer");
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 1m);
        var orderIds = Enumerable.Range(0, 5).Select(_ => Ids.New("order")).ToArray();
        await Task.WhenAll(orderIds.Select(id => system.PlaceAsync(id, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 1m)) with { CustomerId = customer })));
        await AwaitListAsync($"/order?customerId={customer}", rows => rows.Count == 5);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await system.Http(FlowService.Order).GetFromJsonAsync<JsonElement>($"/order?customerId={customer}&limit=2" + (after is null ? "" : $"&after={after}"), Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("orderId").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(orderIds.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task A_list_asked_to_reflect_a_write_shows_it_at_once_and_refuses_a_write_that_never_was()
    {
        var (customer, sku, orderId) = (Ids.New("customer"), Ids.New("sku"), Ids.New("order"));
        await system.StockAndPriceAsync(sku, 5, 1m);
        using var placed = await system.PlaceOrderAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 1m)) with { CustomerId = customer });
        var revision = (await placed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("revision").GetInt64();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/order?customerId={customer}");
        request.Headers.Add("X-Consistent-With", $"order.{orderId}@{revision}");
        using var response = await system.Http(FlowService.Order).SendAsync(request, Ct);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([orderId], page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("orderId").GetString()));

        foreach (var (write, what) in new[] { ($"order.{orderId}@{revision + 1000}", "a revision never reached"), ("order-without-revision", "no revision"), ("", "an empty header"), (" ", "a blank one") })
        {
            using var bad = new HttpRequestMessage(HttpMethod.Get, "/order");
            bad.Headers.Add("X-Consistent-With", write);
            using var refused = await system.Http(FlowService.Order).SendAsync(bad, Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)refused.StatusCode}");
        }
    }

    [Theory]
    [InlineData("status=shipped", "status")]
    [InlineData("placedFrom=yesterday", "placedFrom")]
    [InlineData("limit=0", "limit")]
    [InlineData("after=%%%", "after")]
    [InlineData("colour=red", "colour")]
    public async Task A_malformed_or_unknown_parameter_is_a_400_naming_it(string query, string parameter)
    {
        using var response = await system.Http(FlowService.Order).GetAsync($"/order?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name == parameter);
    }

    [Fact]
    public async Task A_customer_sees_only_their_own_orders_whatever_they_ask_for()
    {
        var (mine, theirs, sku) = (Ids.New("customer"), Ids.New("customer"), Ids.New("sku"));
        await system.StockAndPriceAsync(sku, 10, 1m);
        var (myOrder, theirOrder) = (Ids.New("order"), Ids.New("order"));
        await system.PlaceAsync(myOrder, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 1m)) with { CustomerId = mine });
        await system.PlaceAsync(theirOrder, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 1m)) with { CustomerId = theirs });
        await AwaitListAsync($"/order?customerId={theirs}", rows => rows.Count == 1);

        using var customer = new HttpClient { BaseAddress = system.Http(FlowService.Order).BaseAddress };
        customer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issuer.Mint(mine, []));
        var asked = await customer.GetFromJsonAsync<JsonElement>($"/order?customerId={theirs}", Ct);
        var own = await customer.GetFromJsonAsync<JsonElement>("/order", Ct);

        Assert.Empty(asked.GetProperty("items").EnumerateArray());
        Assert.Equal([myOrder], own.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("orderId").GetString()));
    }

    /// <summary>Every row of a list, page after page.</summary>
    private async Task<IReadOnlyList<JsonElement>> ListAllAsync(FlowService service, string path)
    {
        var rows = new List<JsonElement>();
        for (string? after = null; ;)
        {
            var page = await system.Http(service).GetFromJsonAsync<JsonElement>($"{path}&limit=200" + (after is null ? "" : $"&after={after}"), Ct);
            rows.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.Clone()));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            if (after is null)
            {
                return rows;
            }
        }
    }

    /// <summary>Waits for <paramref name="condition"/> (the projections catch up), failing with <paramref name="what"/>.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Lists every row of <paramref name="path"/> until <paramref name="done"/> holds (the projection catches up).</summary>
    private async Task<IReadOnlyList<JsonElement>> AwaitListAsync(string path, Func<IReadOnlyList<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var page = await system.Http(FlowService.Order).GetFromJsonAsync<JsonElement>(path + "&limit=200", Ct);
            var rows = page.GetProperty("items").EnumerateArray().ToArray();
            if (done(rows) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(rows), $"{path} still lists {rows.Length} rows: {page}");
                return rows;
            }

            await Task.Delay(100, Ct);
        }
    }
}
