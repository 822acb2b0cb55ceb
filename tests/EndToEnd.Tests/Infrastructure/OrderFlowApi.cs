using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>What a client of the four services does over HTTP, and the waits the tests need.</summary>
public static class OrderFlowApi
{
    /// <summary>The states an order never leaves.</summary>
    public static readonly IReadOnlySet<string> TerminalOrderStatuses = new HashSet<string>(StringComparer.Ordinal) { "completed", "rejected", "cancelled" };

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Adds units of a SKU, and nothing else: a SKU stocked so has no price and cannot be ordered.</summary>
    public static async Task RestockAsync(this OrderSystem system, string sku, int quantity)
    {
        using var response = await system.PostAsync(FlowService.Inventory, $"/inventory-item/{sku}/restock", new { quantity });
        Assert.True(response.IsSuccessStatusCode, $"restock {sku}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Stocks a SKU for orders as a stock manager does: restocks it and sets its catalogue price in euros (what orders
    /// must quote). An Inventory that keeps no prices (<see cref="OrderSystem.InventoryKeepsPrices"/>) is only restocked.
    /// </summary>
    public static async Task StockAndPriceAsync(this OrderSystem system, string sku, int quantity, decimal price)
    {
        await system.RestockAsync(sku, quantity);
        if (system.InventoryKeepsPrices)
        {
            await system.SetPriceAsync(sku, price);
        }
    }

    /// <summary>Sets a SKU's catalogue price in euros.</summary>
    public static async Task SetPriceAsync(this OrderSystem system, string sku, decimal price)
    {
        using var response = await system.PostAsync(FlowService.Inventory, $"/inventory-item/{sku}/set-price", new { amount = price, currency = "EUR" });
        Assert.True(response.IsSuccessStatusCode, $"set-price {sku}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> PlaceOrderAsync(this OrderSystem system, string orderId, PlaceOrder order) =>
        system.PostAsync(FlowService.Order, $"/order/{orderId}/place-order", order);

    public static Task<HttpResponseMessage> CancelOrderAsync(this OrderSystem system, string orderId, string reason = "changed my mind") =>
        system.PostAsync(FlowService.Order, $"/order/{orderId}/cancel-order", new { reason });

    /// <summary>Places <paramref name="order"/> and fails unless the service took it.</summary>
    public static async Task PlaceAsync(this OrderSystem system, string orderId, PlaceOrder order)
    {
        using var response = await system.PlaceOrderAsync(orderId, order);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"place-order {orderId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Posts as a well-behaved client does: a 503 (the service's database away, nothing decided) is sent again after its
    /// <c>Retry-After</c>, a few times.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(this OrderSystem system, FlowService service, string path, object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await system.Http(service).PostAsJsonAsync(path, body, JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }

            var pause = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(pause, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The entity at <paramref name="path"/> (<c>{ aggregate, type, revision, state }</c>), or null when there is none yet.</summary>
    public static async Task<JsonElement?> EntityAsync(this OrderSystem system, FlowService service, string path)
    {
        using var response = await system.Http(service).GetAsync(path, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            // The service's database away (503 storage-unavailable): a poller asks again, anyone else fails saying so.
            throw new HttpRequestException($"GET {path}: 503 {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            // A server error's cause is in the service's log (the exception handler logs it), not in the problem it answers.
            Assert.Fail($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}Service log:{Environment.NewLine}{system.Log.Tail()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>The recorded events' types at <paramref name="path"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> EventTypesAsync(this OrderSystem system, FlowService service, string path)
    {
        var page = await system.Http(service).GetFromJsonAsync<JsonElement>($"{path}/events", TestContext.Current.CancellationToken);
        return page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();
    }

    public static async Task<Stock> StockAsync(this OrderSystem system, string sku)
    {
        var state = (await system.EntityAsync(FlowService.Inventory, $"/inventory-item/{sku}"))?.GetProperty("state")
            ?? throw new InvalidOperationException($"{sku} is unknown.");
        return new Stock(state.GetProperty("available").GetInt32(), state.GetProperty("reserved").GetInt32(), state.GetProperty("committed").GetInt32());
    }

    /// <summary>Polls <paramref name="path"/> until its state satisfies <paramref name="condition"/>; fails after a deadline saying what it last saw.</summary>
    public static Task<JsonElement> AwaitStateAsync(
        this OrderSystem system, FlowService service, string path, Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null) =>
        system.PollAsync(
            async () => (await system.EntityAsync(service, path))?.GetProperty("state") is { } state ? (true, state) : (false, default),
            condition, s => s.GetRawText(), what, path, timeout);

    /// <summary>
    /// Polls the history at <paramref name="path"/> until its event types satisfy <paramref name="condition"/>. History, unlike
    /// state, keeps what already happened: a hold that a later event released still counts.
    /// </summary>
    public static Task<IReadOnlyList<string>> AwaitEventTypesAsync(
        this OrderSystem system, FlowService service, string path, Func<IReadOnlyList<string>, bool> condition, string what, TimeSpan? timeout = null) =>
        system.PollAsync(async () => (true, await system.EventTypesAsync(service, path)), condition, types => string.Join(", ", types), what, path, timeout);

    private static async Task<T> PollAsync<T>(
        this OrderSystem system, Func<Task<(bool Seen, T Value)>> read, Func<T, bool> condition, Func<T, string> describe, string what, string path, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T? last = default;
        var seen = false;
        while (true)
        {
            try
            {
                (seen, last) = await read();
            }
            catch (HttpRequestException)
            {
                // The service is restarting, or its database is away; ask again.
            }

            if (seen && condition(last!))
            {
                return last!;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what} ({path}). Last seen: {(seen ? describe(last!) : "none")}.{Environment.NewLine}Service log:{Environment.NewLine}{system.Log.Tail()}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task<JsonElement> AwaitStatusAsync(this OrderSystem system, FlowService service, string path, string status, TimeSpan? timeout = null) =>
        system.AwaitStateAsync(service, path, s => s.Status() == status, $"{path} is {status}", timeout);

    /// <summary>Waits until the order is completed, rejected or cancelled, and returns its state.</summary>
    public static Task<JsonElement> AwaitOrderEndAsync(this OrderSystem system, string orderId, TimeSpan? timeout = null) =>
        system.AwaitStateAsync(FlowService.Order, $"/order/{orderId}", s => TerminalOrderStatuses.Contains(s.Status()), $"order {orderId} ends", timeout);

    /// <summary>The <c>status</c> discriminator of a state.</summary>
    public static string Status(this JsonElement state) => state.GetProperty("status").GetString()!;
}
