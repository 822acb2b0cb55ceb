using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Who may do what on the four services as deployed, and who the audit trail says did it: the caller's subject for
/// what it asked, the service for what its consumers did in answer.
/// </summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class AccessAndAuditTests(PostgresOrderSystem system)
{
    public static TheoryData<FlowService, string, string> RoleProtected => new()
    {
        { FlowService.Inventory, "/inventory-item/{0}/restock", """{ "quantity": 5 }""" },
        { FlowService.Inventory, "/inventory-item/{0}/set-price", """{ "amount": 0.01, "currency": "EUR" }""" },
        { FlowService.Shipping, "/shipment/{0}/dispatch-shipment", "{}" },
        { FlowService.Shipping, "/shipment/{0}/deliver-shipment", "{}" },
    };

    [Theory]
    [MemberData(nameof(RoleProtected))]
    public async Task A_customer_cannot_restock_set_a_price_dispatch_or_deliver(FlowService service, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Ids.New("key")))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Bearer("c-1");

        using var response = await system.Http(service).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("urn:wee-events:problem:forbidden", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_customer_cannot_read_an_orders_raw_history_and_nobody_without_a_token_reads_anything()
    {
        var orderId = Ids.New("order");
        using var history = new HttpRequestMessage(HttpMethod.Get, $"/order/{orderId}/events");
        history.Headers.Authorization = Bearer("c-1");
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, $"/order/{orderId}");
        using var client = new HttpClient { BaseAddress = system.Http(FlowService.Order).BaseAddress };

        using var customer = await system.Http(FlowService.Order).SendAsync(history, TestContext.Current.CancellationToken);
        using var nobody = await client.SendAsync(anonymous, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    [Fact]
    public async Task The_placed_order_names_its_caller_and_what_the_services_did_in_answer_names_the_service()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 5m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)));
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());

        using var response = await system.Http(FlowService.Order).GetAsync($"/order/{orderId}/events", TestContext.Current.CancellationToken);
        var events = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("events").EnumerateArray().ToArray();
        var actors = events.ToDictionary(e => e.GetProperty("type").GetString()!, e => e.GetProperty("metadata").TryGetProperty("actor", out var a) ? a.GetString() : null);
        Assert.Equal(TestTokens.Subject, actors["order-placed"]);
        Assert.All(actors.Where(a => a.Key != "order-placed"), a => Assert.Equal("service:order", a.Value));
    }

    [Fact]
    public async Task A_customer_places_and_reads_their_own_order_and_gets_403_or_404_on_another_customers()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 5m);
        var ada = Ids.New("customer");
        var grace = Ids.New("customer");
        var orderId = Ids.New("order");
        var order = PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)) with { CustomerId = ada };

        using (var placed = await SendAsync(HttpMethod.Post, $"/order/{orderId}/place-order", ada, order))
        {
            Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        }

        using (var own = await SendAsync(HttpMethod.Get, $"/order/{orderId}", ada))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        // Someone else's order reads as one that does not exist; changing it, or ordering in its owner's name, is a 403.
        using var read = await SendAsync(HttpMethod.Get, $"/order/{orderId}", grace);
        using var cancel = await SendAsync(HttpMethod.Post, $"/order/{orderId}/cancel-order", grace, new { reason = "not mine" });
        using var impersonate = await SendAsync(HttpMethod.Post, $"/order/{Ids.New("order")}/place-order", grace, order);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal("urn:wee-events:problem:forbidden", (await cancel.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, impersonate.StatusCode);

        // An operator reads and acts on any order; the order went on untouched by the refused attempts.
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        using var history = await system.Http(FlowService.Order).GetAsync($"/order/{orderId}/events", TestContext.Current.CancellationToken);
        var actors = (await history.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("metadata").GetProperty("actor").GetString()).ToArray();
        Assert.Equal(ada, actors[0]);
        Assert.DoesNotContain(grace, actors);
    }

    [Fact]
    public async Task One_orders_events_across_the_four_services_name_their_actor_and_the_message_that_caused_them()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 5m);
        var orderId = Ids.New("order");
        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)));
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        await system.AwaitStateAsync(FlowService.Inventory, $"/stock-reservation/{orderId}", s => s.Status() == "committed", "the reservation is committed");

        var order = await EventsAsync(FlowService.Order, $"/order/{orderId}");
        var reservation = await EventsAsync(FlowService.Inventory, $"/stock-reservation/{orderId}");
        var payment = await EventsAsync(FlowService.Payment, $"/payment/{orderId}");
        var shipment = await EventsAsync(FlowService.Shipping, $"/shipment/{orderId}");

        // What the client asked names the client; what each service did in answer names the service and the event it heard.
        Assert.Equal(TestTokens.Subject, order["order-placed"].Actor);
        var placed = order["order-placed"].Id;
        Assert.Equal(("service:inventory", placed), (reservation["reservation-confirmed"].Actor, reservation["reservation-confirmed"].Causation));
        Assert.Equal(("service:payment", placed), (payment["payment-requested"].Actor, payment["payment-requested"].Causation));
        Assert.Equal(("service:shipping", placed), (shipment["address-noted"].Actor, shipment["address-noted"].Causation));
        var reserved = reservation["reservation-confirmed"].Id;
        Assert.Equal(("service:order", reserved), (order["order-stock-reserved"].Actor, order["order-stock-reserved"].Causation));
        Assert.Equal(("service:payment", reserved), (payment["payment-succeeded"].Actor, payment["payment-succeeded"].Causation));
        var paid = payment["payment-succeeded"].Id;
        Assert.Equal(("service:order", paid), (order["order-paid"].Actor, order["order-paid"].Causation));
        Assert.Equal(("service:inventory", paid), (reservation["reservation-committed"].Actor, reservation["reservation-committed"].Causation));
        Assert.Equal(("service:shipping", paid), (shipment["shipment-scheduled"].Actor, shipment["shipment-scheduled"].Causation));
        Assert.Equal(("service:order", shipment["shipment-scheduled"].Id), (order["order-completed"].Actor, order["order-completed"].Causation));
    }

    private async Task<Dictionary<string, (string Id, string? Actor, string? Causation)>> EventsAsync(FlowService service, string path)
    {
        using var response = await system.Http(service).GetAsync($"{path}/events", TestContext.Current.CancellationToken);
        var events = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("events").EnumerateArray();
        return events.ToDictionary(
            e => e.GetProperty("type").GetString()!,
            e => (
                e.GetProperty("eventId").GetString()!,
                e.GetProperty("metadata").TryGetProperty("actor", out var actor) ? actor.GetString() : null,
                e.GetProperty("metadata").TryGetProperty("causationId", out var causation) ? causation.GetString() : null));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string customer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: JsonSerializerOptions.Web) };
        request.Headers.Authorization = Bearer(customer);
        return await system.Http(FlowService.Order).SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static AuthenticationHeaderValue Bearer(string subject, params string[] roles) =>
        new("Bearer", TestTokens.Issuer.Mint(subject, roles));
}
