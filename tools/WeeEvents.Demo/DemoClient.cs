using System.Net;
using System.Net.Http.Json;
using WeeEvents.Demo.Orders;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Order;
using WeeEvents.Services.Order.Domain.Commands;

namespace WeeEvents.Demo;

/// <summary>What came of a customer's cancel-order.</summary>
public enum CancelAnswer
{
    /// <summary>200: the order is cancelled.</summary>
    Accepted,

    /// <summary>409: too late (the payment won the race) or a lost revision race; the order goes on.</summary>
    Refused,
}

/// <summary>The demo's HTTP client: the same requests, through the same pipeline, as any client of the four services.</summary>
public sealed class DemoClient(HttpClient http)
{
    /// <summary>
    /// <c>POST /inventory-item/{sku}/restock</c>, then <c>POST /inventory-item/{sku}/set-price</c>: Inventory owns the
    /// price every order of the SKU is charged.
    /// </summary>
    public async Task RestockAsync(DemoProduct product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        var item = $"{InventoryItemService.EntityType}/{Uri.EscapeDataString(product.Sku)}";
        using (var response = await http.PostAsJsonAsync($"{item}/{Restock.Name}", new Restock.Command(product.Stock), WeeEventsJson.Options, cancellationToken))
        {
            await EnsureAsync(response, $"restock {product.Sku}", cancellationToken);
        }

        using var priced = await http.PostAsJsonAsync($"{item}/{SetPrice.Name}", new SetPrice.Command(product.UnitPrice, DemoCatalogue.Currency), WeeEventsJson.Options, cancellationToken);
        await EnsureAsync(priced, $"set-price {product.Sku}", cancellationToken);
    }

    /// <summary><c>POST /order/{id}/place-order</c>.</summary>
    public async Task PlaceAsync(OrderPlan order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var response = await http.PostAsJsonAsync(OrderPath(order.OrderId, PlaceOrder.Name), order.Command, WeeEventsJson.Options, cancellationToken);
        await EnsureAsync(response, $"place-order {order.OrderId}", cancellationToken);
    }

    /// <summary><c>POST /order/{id}/cancel-order</c>: accepted, or refused with 409.</summary>
    public async Task<CancelAnswer> CancelAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(OrderPath(orderId, CancelOrder.Name), new CancelOrder.Command("changed my mind"), WeeEventsJson.Options, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return CancelAnswer.Refused;
        }

        await EnsureAsync(response, $"cancel-order {orderId}", cancellationToken);
        return CancelAnswer.Accepted;
    }

    private static string OrderPath(string orderId, string command) => $"{OrderService.EntityType}/{Uri.EscapeDataString(orderId)}/{command}";

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new DemoRequestFailed($"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
    }
}

/// <summary>An HTTP request of the demo was refused: the service's answer is in the message.</summary>
public sealed class DemoRequestFailed(string message) : Exception(message);
