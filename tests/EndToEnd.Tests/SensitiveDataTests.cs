using System.Net;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>The payment token goes in with the order and never comes out: every response of the flow shows it masked at most.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class SensitiveDataTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task No_response_of_the_flow_shows_the_payment_token()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = $"tok_{Guid.NewGuid():N}";
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 4m);
        var orderId = Ids.New("order");

        using var placed = await system.PlaceOrderAsync(orderId, PlaceOrder.Of(token, new OrderLine(sku, 1, 4m)));
        var bodies = new Dictionary<string, string> { ["POST place-order"] = await placed.Content.ReadAsStringAsync(cancellationToken) };
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded");

        (FlowService Service, string Path)[] reads =
        [
            (FlowService.Order, $"/order/{orderId}"),
            (FlowService.Order, $"/order/{orderId}?revision=1"),
            (FlowService.Order, $"/order/{orderId}/events"),
            (FlowService.Payment, $"/payment/{orderId}"),
            (FlowService.Payment, $"/payment/{orderId}?revision=1"),
            (FlowService.Payment, $"/payment/{orderId}/events"),
            (FlowService.Shipping, $"/shipment/{orderId}"),
            (FlowService.Shipping, $"/shipment/{orderId}/events"),
            (FlowService.Inventory, $"/inventory-item/{sku}"),
            (FlowService.Inventory, $"/inventory-item/{sku}/events"),
            (FlowService.Inventory, $"/stock-reservation/{orderId}"),
            (FlowService.Inventory, $"/stock-reservation/{orderId}/events"),
        ];
        foreach (var (service, path) in reads)
        {
            using var response = await system.Http(service).GetAsync(path, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies[$"GET {path}"] = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        Assert.All(bodies, body => Assert.False(body.Value.Contains(token, StringComparison.Ordinal), $"{body.Key} shows the payment token: {body.Value}"));
        var masked = $"tok_…{token[^3..]}";
        Assert.Equal(masked, Json(bodies[$"GET /order/{orderId}?revision=1"]).GetProperty("state").GetProperty("order").GetProperty("paymentToken").GetString());
        Assert.Equal(masked, Json(bodies[$"GET /payment/{orderId}?revision=1"]).GetProperty("state").GetProperty("paymentToken").GetString());
        Assert.Equal(masked, Json(bodies[$"GET /order/{orderId}/events"]).GetProperty("events")[0].GetProperty("data").GetProperty("order").GetProperty("paymentToken").GetString());
        Assert.DoesNotContain(token, system.Log.Tail(500), StringComparison.Ordinal);
    }

    private static System.Text.Json.JsonElement Json(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
}
