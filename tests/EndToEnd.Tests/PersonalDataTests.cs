using System.Net;
using System.Net.Http.Json;
using Npgsql;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Personal data is encrypted per customer wherever a service keeps it, and forgetting a customer erases it in every
/// service, the one that was down at the time included, while the books still balance and other customers stay readable.
/// </summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class PersonalDataTests(PostgresOrderSystem system)
{
    private static readonly FlowService[] Services = [FlowService.Order, FlowService.Inventory, FlowService.Payment, FlowService.Shipping];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stored_rows_hold_no_plain_personal_data_and_forgetting_erases_it_everywhere()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 5m);
        var ada = await PlaceAsync(sku, Ids.New("customer"), "Ada Lovelace", "1 Main St");
        var bob = await PlaceAsync(sku, Ids.New("customer"), "Bob Babbage", "2 High St");

        // Nothing personal in the clear in any service's events, outbox or inbox.
        foreach (var service in Services)
        {
            foreach (var plain in new[] { ada.Name, ada.Street, ada.Token, bob.Name, bob.Token })
            {
                Assert.Equal(0, await CountAsync(service, "SELECT count(*) FROM events WHERE data LIKE '%' || @v || '%'", plain));
                Assert.Equal(0, await CountAsync(service, "SELECT count(*) FROM outbox WHERE body LIKE '%' || @v || '%'", plain));
                Assert.Equal(0, await CountAsync(service, "SELECT count(*) FROM inbox WHERE consumer LIKE '%' || @v || '%'", plain));
                Assert.Equal(0, await CountAsync(service, "SELECT count(*) FROM idempotency_keys WHERE body LIKE '%' || @v || '%'", plain));
            }
        }

        Assert.Equal(1, await CountAsync(FlowService.Order, "SELECT count(*) FROM idempotency_keys WHERE key LIKE '%:' || @v", ada.OrderId));

        // Every service read the message's personal fields and keeps them, encrypted under its own key.
        Assert.Equal(ada.Name, (await OrderStateAsync(ada.OrderId)).GetProperty("order").GetProperty("shippingAddress").GetProperty("name").GetString());
        Assert.Equal(ada.Name, (await system.EntityAsync(FlowService.Shipping, $"/shipment/{ada.OrderId}"))!.Value.GetProperty("state").GetProperty("address").GetProperty("name").GetString());
        Assert.Equal(1, await CountAsync(FlowService.Shipping, "SELECT count(*) FROM data_keys WHERE subject = @v AND wrapped_key IS NOT NULL", ada.CustomerId));
        Assert.Equal(1, await CountAsync(FlowService.Payment, "SELECT count(*) FROM data_keys WHERE subject = @v AND wrapped_key IS NOT NULL", ada.CustomerId));

        // Shipping is down when the customer is forgotten: it forgets when it comes back (its queue kept the message).
        await system.StopAsync(FlowService.Shipping);
        try
        {
            using var forget = await system.Http(FlowService.Order).PostAsync($"/customer/{ada.CustomerId}/forget", JsonContent.Create(new { }), _ct);
            Assert.Equal(HttpStatusCode.OK, forget.StatusCode);
            foreach (var service in Services.Where(s => s != FlowService.Shipping))
            {
                await AwaitErasedAsync(service, ada.CustomerId);
            }
        }
        finally
        {
            await system.StartAsync(FlowService.Shipping);
        }

        await AwaitErasedAsync(FlowService.Shipping, ada.CustomerId);

        Assert.Equal(0, await CountAsync(FlowService.Order, "SELECT count(*) FROM idempotency_keys WHERE key LIKE '%:' || @v", ada.OrderId)); // purged
        Assert.Equal(1, await CountAsync(FlowService.Order, "SELECT count(*) FROM idempotency_keys WHERE key LIKE '%:' || @v", bob.OrderId));
        var order = await OrderStateAsync(ada.OrderId);
        Assert.Equal("completed", order.Status());
        Assert.Equal("[erased]", order.GetProperty("order").GetProperty("shippingAddress").GetProperty("name").GetString());
        Assert.Equal("[erased]", order.GetProperty("order").GetProperty("shippingAddress").GetProperty("line1").GetString());
        Assert.Equal("GB", order.GetProperty("order").GetProperty("shippingAddress").GetProperty("country").GetString());
        var events = await GetAsync(FlowService.Order, $"/order/{ada.OrderId}/events");
        Assert.DoesNotContain(ada.Name, events, StringComparison.Ordinal);
        Assert.Contains("[erased]", events, StringComparison.Ordinal);
        var shipment = (await system.EntityAsync(FlowService.Shipping, $"/shipment/{ada.OrderId}"))!.Value.GetProperty("state");
        Assert.Equal("[erased]", shipment.GetProperty("address").GetProperty("name").GetString());
        var payment = (await system.EntityAsync(FlowService.Payment, $"/payment/{ada.OrderId}"))!.Value.GetProperty("state");
        Assert.Equal("succeeded", payment.Status());
        Assert.Equal(5m, payment.GetProperty("amount").GetDecimal()); // the books still balance
        Assert.Equal(10, (await system.StockAsync(sku)).Total);

        // The other customer is untouched.
        Assert.Equal(bob.Name, (await OrderStateAsync(bob.OrderId)).GetProperty("order").GetProperty("shippingAddress").GetProperty("name").GetString());
        var bobShipment = (await system.EntityAsync(FlowService.Shipping, $"/shipment/{bob.OrderId}"))!.Value.GetProperty("state");
        Assert.Equal(bob.Name, bobShipment.GetProperty("address").GetProperty("name").GetString());
        // A customer may forget themself, and no one else.
        using (var asBob = new HttpClient { BaseAddress = system.Http(FlowService.Order).BaseAddress })
        {
            asBob.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Issuer.Mint(bob.CustomerId, []));
            using var someoneElse = await asBob.PostAsync($"/customer/{ada.CustomerId}/forget", JsonContent.Create(new { }), _ct);
            Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);
            using var himself = await asBob.PostAsync($"/customer/{bob.CustomerId}/forget", JsonContent.Create(new { }), _ct);
            Assert.Equal(HttpStatusCode.OK, himself.StatusCode);
        }

        Assert.DoesNotContain(ada.Token, system.Log.Tail(2000), StringComparison.Ordinal);
        Assert.DoesNotContain(ada.Name, system.Log.Tail(2000), StringComparison.Ordinal);
    }

    private async Task<Customer> PlaceAsync(string sku, string customerId, string name, string street)
    {
        var token = $"tok_{Guid.NewGuid():N}";
        var orderId = Ids.New("order");
        var order = new PlaceOrder(customerId, "EUR", [new OrderLine(sku, 1, 5m)], new Address(name, street, "London", "N1 9GU", "GB"), token);
        // With an Idempotency-Key: the reply the service keeps for a replay holds the name and address too.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/order/{orderId}/place-order") { Content = JsonContent.Create(order) };
        request.Headers.Add("Idempotency-Key", orderId);
        using var placed = await system.Http(FlowService.Order).SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Contains(name, await placed.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/order/{orderId}/place-order") { Content = JsonContent.Create(order) };
        again.Headers.Add("Idempotency-Key", orderId);
        using var replayed = await system.Http(FlowService.Order).SendAsync(again, _ct);
        Assert.Contains(name, await replayed.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal); // the stored reply decrypts
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded");
        await system.AwaitStateAsync(FlowService.Shipping, $"/shipment/{orderId}", s => s.TryGetProperty("address", out _), "the shipment has its address");
        return new Customer(customerId, orderId, name, street, token);
    }

    private async Task<System.Text.Json.JsonElement> OrderStateAsync(string orderId) =>
        (await system.EntityAsync(FlowService.Order, $"/order/{orderId}"))!.Value.GetProperty("state");

    private async Task<string> GetAsync(FlowService service, string path)
    {
        using var response = await system.Http(service).GetAsync(path, _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(_ct);
    }

    private async Task AwaitErasedAsync(FlowService service, string customerId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        const string Sql = "SELECT count(*) FROM events WHERE aggregate_type = 'customer' AND event_type = 'personal-data-erased' AND aggregate_key = @v";
        while (await CountAsync(service, Sql, customerId) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{service} did not erase {customerId}.{Environment.NewLine}{system.Log.Tail()}");
            await Task.Delay(100, _ct);
        }
    }

    private async Task<long> CountAsync(FlowService service, string sql, string value)
    {
        await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("v", value);
        return (long)(await command.ExecuteScalarAsync(_ct))!;
    }

    private sealed record Customer(string CustomerId, string OrderId, string Name, string Street, string Token);
}
