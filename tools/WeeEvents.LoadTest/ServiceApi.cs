using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeeEvents.LoadTest;

/// <summary>A SKU's books as Inventory reports them.</summary>
internal sealed record StockLevels(long Available, long Reserved, long Committed)
{
    public static readonly StockLevels None = new(0, 0, 0);
}

/// <summary>The HTTP calls the driver makes: restock, price and read SKUs at Inventory, place orders at Order.</summary>
internal sealed class ServiceApi(HttpClient http, Uri orderUrl, Uri inventoryUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly object Address = new
    {
        name = "Ada Lovelace",
        line1 = "1 Main St",
        city = "London",
        postalCode = "N1 9GU",
        country = "GB",
    };

    /// <summary>Stocks a SKU as a stock manager does: restocks it, then sets its catalogue price in euros.</summary>
    public async Task RestockAsync(string sku, int quantity, decimal price, CancellationToken cancellationToken)
    {
        using (var response = await http.PostAsJsonAsync(new Uri(inventoryUrl, $"inventory-item/{sku}/restock"), new { quantity }, Json, cancellationToken))
        {
            await EnsureAsync(response, $"restock {sku}", cancellationToken);
        }

        using var priced = await http.PostAsJsonAsync(new Uri(inventoryUrl, $"inventory-item/{sku}/set-price"), new { amount = price, currency = "EUR" }, Json, cancellationToken);
        await EnsureAsync(priced, $"set-price {sku}", cancellationToken);
    }

    public async Task PlaceOrderAsync(GeneratedOrder order, CancellationToken cancellationToken)
    {
        var body = new
        {
            customerId = LoadTestToken.Subject, // a customer orders for themselves: the token's subject
            currency = "EUR",
            lines = order.Lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, unitPrice = l.UnitPrice }),
            shippingAddress = Address,
            paymentToken = "tok_visa",
        };
        using var response = await http.PostAsJsonAsync(new Uri(orderUrl, $"order/{order.OrderId}/place-order"), body, Json, cancellationToken);
        await EnsureAsync(response, $"place-order {order.OrderId}", cancellationToken);
    }

    /// <summary>The SKU's levels; <see cref="StockLevels.None"/> when Inventory does not know it.</summary>
    public async Task<StockLevels> StockAsync(string sku, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(inventoryUrl, $"inventory-item/{sku}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return StockLevels.None;
        }

        await EnsureAsync(response, $"read {sku}", cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var state = document.RootElement.GetProperty("state");
        return new StockLevels(state.GetProperty("available").GetInt64(), state.GetProperty("reserved").GetInt64(), state.GetProperty("committed").GetInt64());
    }

    /// <summary>
    /// How long after now the read side lists <paramref name="orderId"/> as it stands (its summary reflecting the order's
    /// last event): the order's revision, then the list asked to reflect it (<c>X-Consistent-With</c>), which waits up to
    /// 2 s a time for the projection; in milliseconds, or -1 when it had not after 30 s.
    /// </summary>
    public async Task<double> ReadLagAsync(string orderId, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var entity = await http.GetAsync(new Uri(orderUrl, $"order/{orderId}"), cancellationToken);
        await EnsureAsync(entity, $"read {orderId}", cancellationToken);
        var revision = (await entity.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("revision").GetInt64();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(orderUrl, $"order?status=completed&limit=1"));
            request.Headers.Add("X-Consistent-With", $"order.{orderId}@{revision}");
            using var listed = await http.SendAsync(request, cancellationToken);
            if (listed.StatusCode == HttpStatusCode.ServiceUnavailable && attempt >= 15)
            {
                return -1; // the read side did not catch up in 30 s (or does not run)
            }

            if (listed.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                await EnsureAsync(listed, "list orders", cancellationToken);
                return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }
    }
}
