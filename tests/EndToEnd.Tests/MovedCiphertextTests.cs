using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// A ciphertext is bound to its customer, its entity type and its field. One copied out of a customer's stored event (a
/// backup, a broker capture) into another customer's order, into another field or into another entity type never comes
/// back decrypted: not from Order's API, not in Payment's or Shipping's state. Sent by a client, it is text and is
/// encrypted like any other value; written past the API into a stored row, it reads as erased. The four services run
/// as processes, as deployed.
/// </summary>
public sealed class MovedCiphertextTests(ProcessOrderSystem system) : IClassFixture<ProcessOrderSystem>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ciphertext_copied_from_another_customer_never_comes_back_decrypted()
    {
        // Short values: their ciphertexts must still fit the fields' length limits to reach the services at all.
        var victim = new Victim(Ids.New("customer"), Ids.New("order"), $"Vic {Guid.NewGuid():N}"[..12], $"9 Secret {Guid.NewGuid():N}"[..14], $"tok_{Guid.NewGuid():N}"[..12]);
        await PlaceAsync(victim.OrderId, victim.CustomerId, new Address(victim.Name, victim.Street, "London", "N1 9GU", "GB"), victim.Token);
        await system.AwaitStateAsync(FlowService.Shipping, $"/shipment/{victim.OrderId}", s => s.TryGetProperty("address", out _), "the victim's shipment has its address");

        // What a thief holds: the victim's ciphertexts as Order and Shipping store them.
        var placed = JsonDocument.Parse(await ScalarAsync(FlowService.Order, "SELECT data FROM events WHERE aggregate_type = 'order' AND event_type = 'order-placed' AND aggregate_key = @v", victim.OrderId)).RootElement;
        var orderName = placed.GetProperty("order").GetProperty("shippingAddress").GetProperty("name").GetString()!;
        var orderToken = placed.GetProperty("order").GetProperty("paymentToken").GetString()!;
        var noted = JsonDocument.Parse(await ScalarAsync(FlowService.Shipping, "SELECT data FROM events WHERE aggregate_type = 'shipment' AND event_type = 'address-noted' AND aggregate_key = @v", victim.OrderId)).RootElement;
        var shipmentName = noted.GetProperty("address").GetProperty("name").GetString()!;
        Assert.All(new[] { orderName, orderToken, shipmentName }, c => Assert.StartsWith("pd2.", c, StringComparison.Ordinal));

        // 1. Through the API: another customer's order carries them, in the same field, in another field, and one from
        //    another entity type. A value shaped like a ciphertext is text: accepted, encrypted, read back as sent.
        var attacker = Ids.New("customer");
        var attackerOrder = Ids.New("order");
        var carried = new Address(orderName, orderName, shipmentName, "N1 9GU", "GB");
        await PlaceAsync(attackerOrder, attacker, carried, orderToken);
        await system.AwaitStateAsync(FlowService.Shipping, $"/shipment/{attackerOrder}", s => s.TryGetProperty("address", out _), "the attacker's shipment has its address");
        await system.AwaitStateAsync(FlowService.Payment, $"/payment/{attackerOrder}", s => s.Status() is "succeeded" or "failed", "the attacker's payment is settled");

        var order = await GetAsync(FlowService.Order, $"/order/{attackerOrder}");
        var address = JsonDocument.Parse(order).RootElement.GetProperty("state").GetProperty("order").GetProperty("shippingAddress");
        Assert.Equal(orderName, address.GetProperty("name").GetString());
        Assert.Equal(shipmentName, address.GetProperty("city").GetString());
        AssertNoneOf(victim,
            order,
            await GetAsync(FlowService.Order, $"/order/{attackerOrder}/events"),
            await GetAsync(FlowService.Payment, $"/payment/{attackerOrder}"),
            await GetAsync(FlowService.Payment, $"/payment/{attackerOrder}/events"),
            await GetAsync(FlowService.Shipping, $"/shipment/{attackerOrder}"),
            await GetAsync(FlowService.Shipping, $"/shipment/{attackerOrder}/events"));

        // 2. Past the API (a restored backup, a hand-edited row): the victim's ciphertexts written into the attacker's
        //    stored events as they are — another customer's, another field's, another entity type's and service's.
        await ExecuteAsync(FlowService.Order,
            "UPDATE events SET data = jsonb_set(jsonb_set(data::jsonb, '{order,shippingAddress,name}', to_jsonb(@name::text)), '{order,shippingAddress,line1}', to_jsonb(@name::text))::text WHERE aggregate_type = 'order' AND event_type = 'order-placed' AND aggregate_key = @key",
            ("name", orderName), ("key", attackerOrder));
        await ExecuteAsync(FlowService.Shipping,
            "UPDATE events SET data = jsonb_set(jsonb_set(data::jsonb, '{address,name}', to_jsonb(@name::text)), '{address,line1}', to_jsonb(@other::text))::text WHERE aggregate_type = 'shipment' AND event_type = 'address-noted' AND aggregate_key = @key",
            ("name", shipmentName), ("other", orderName), ("key", attackerOrder));
        // The victim's own shipment, given the ciphertext Order keeps of the victim: same customer, another entity type.
        await ExecuteAsync(FlowService.Shipping,
            "UPDATE events SET data = jsonb_set(data::jsonb, '{address,line1}', to_jsonb(@name::text))::text WHERE aggregate_type = 'shipment' AND event_type = 'address-noted' AND aggregate_key = @key",
            ("name", orderName), ("key", victim.OrderId));
        // Their stream sessions hold what they read before: a restart reads the rows.
        foreach (var service in new[] { FlowService.Order, FlowService.Shipping })
        {
            await system.StopAsync(service);
            await system.StartAsync(service);
        }

        await system.AwaitStateAsync(FlowService.Order, $"/order/{attackerOrder}", _ => true, "Order answers again");
        await system.AwaitStateAsync(FlowService.Shipping, $"/shipment/{attackerOrder}", _ => true, "Shipping answers again");
        order = await GetAsync(FlowService.Order, $"/order/{attackerOrder}");
        address = JsonDocument.Parse(order).RootElement.GetProperty("state").GetProperty("order").GetProperty("shippingAddress");
        Assert.Equal("[erased]", address.GetProperty("name").GetString());
        Assert.Equal("[erased]", address.GetProperty("line1").GetString());
        var attackerShipment = await GetAsync(FlowService.Shipping, $"/shipment/{attackerOrder}");
        var shipped = JsonDocument.Parse(attackerShipment).RootElement.GetProperty("state").GetProperty("address");
        Assert.Equal("[erased]", shipped.GetProperty("name").GetString());
        Assert.Equal("[erased]", shipped.GetProperty("line1").GetString());
        var victimShipment = JsonDocument.Parse(await GetAsync(FlowService.Shipping, $"/shipment/{victim.OrderId}")).RootElement.GetProperty("state").GetProperty("address");
        Assert.Equal("[erased]", victimShipment.GetProperty("line1").GetString());
        Assert.Equal(victim.Name, victimShipment.GetProperty("name").GetString()); // the victim's own value, where it belongs, still reads
        AssertNoneOf(victim,
            order,
            await GetAsync(FlowService.Order, $"/order/{attackerOrder}/events"),
            attackerShipment,
            await GetAsync(FlowService.Shipping, $"/shipment/{attackerOrder}/events"));
        Assert.Equal(victim.Name, JsonDocument.Parse(await GetAsync(FlowService.Order, $"/order/{victim.OrderId}")).RootElement
            .GetProperty("state").GetProperty("order").GetProperty("shippingAddress").GetProperty("name").GetString());
    }

    private async Task PlaceAsync(string orderId, string customerId, Address address, string token)
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 5m);
        using var placed = await system.Http(FlowService.Order).PostAsJsonAsync(
            $"/order/{orderId}/place-order", new PlaceOrder(customerId, "EUR", [new OrderLine(sku, 1, 5m)], address, token), _ct);
        Assert.True(placed.StatusCode == HttpStatusCode.OK, $"place-order: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync(_ct)}");
        await system.AwaitOrderEndAsync(orderId);
    }

    private static void AssertNoneOf(Victim victim, params string[] documents)
    {
        foreach (var document in documents)
        {
            foreach (var plain in new[] { victim.Name, victim.Street, victim.Token })
            {
                Assert.DoesNotContain(plain, document, StringComparison.Ordinal);
            }
        }
    }

    private async Task<string> GetAsync(FlowService service, string path)
    {
        using var response = await system.Http(service).GetAsync(path, _ct);
        var body = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private async Task<string> ScalarAsync(FlowService service, string sql, string value)
    {
        await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("v", value);
        return (string)(await command.ExecuteScalarAsync(_ct))!;
    }

    private async Task ExecuteAsync(FlowService service, string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync(_ct));
    }

    private sealed record Victim(string CustomerId, string OrderId, string Name, string Street, string Token);
}
