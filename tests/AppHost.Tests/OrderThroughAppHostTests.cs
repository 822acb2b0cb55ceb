using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AppHost.Tests;

/// <summary>
/// The AppHost as a developer starts it (<c>dotnet run --project WeeEvents.AppHost</c>), under Aspire's test host: its
/// broker and database (installed ones here, containers where a Docker engine answers), the topology, the four services.
/// </summary>
public sealed class OrderThroughAppHostTests
{
    // Four services, their broker users, the topology and the orchestrator start on two shared cores.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_order_placed_through_the_Order_service_it_started_completes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // The test is the identity provider: the AppHost takes its key instead of making one.
        var tokens = DevelopmentTokens.CreateRandom();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.WeeEvents_AppHost>(
            [$"--WeeEvents:AppHost:SigningKey={tokens.SigningKey}", "--WeeEvents:AppHost:RunName=weeevents-apphost-tests"],
            cancellationToken);
        await using var app = await builder.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        foreach (var service in new[] { "order", "inventory", "payment", "shipping" })
        {
            // Healthy: its /health/live and /health/ready answer 200, after the broker users and the topology were made.
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }

        var bearer = new AuthenticationHeaderValue("Bearer", tokens.Mint("apphost-tests", ["inventory-manager", WeeEventsRoles.Operator]));
        using var inventory = app.CreateHttpClient("inventory", "http");
        using var order = app.CreateHttpClient("order", "http");
        inventory.DefaultRequestHeaders.Authorization = order.DefaultRequestHeaders.Authorization = bearer;
        var sku = $"sku-{Guid.NewGuid():N}";
        var orderId = $"o-{Guid.NewGuid():N}";

        (await inventory.PostAsJsonAsync($"/inventory-item/{sku}/restock", new { quantity = 10 }, cancellationToken)).EnsureSuccessStatusCode();
        (await inventory.PostAsJsonAsync($"/inventory-item/{sku}/set-price", new { amount = 9.99m, currency = "EUR" }, cancellationToken)).EnsureSuccessStatusCode();
        using var placed = await order.PostAsJsonAsync($"/order/{orderId}/place-order", new
        {
            customerId = "c-apphost",
            currency = "EUR",
            lines = new[] { new { sku, quantity = 2, unitPrice = 9.99m } },
            shippingAddress = new { name = "Ada Lovelace", line1 = "1 Main St", city = "London", postalCode = "N1 9GU", country = "GB" },
            paymentToken = "tok_visa",
        }, cancellationToken);
        Assert.True(placed.IsSuccessStatusCode, $"place-order answered {(int)placed.StatusCode}: {await placed.Content.ReadAsStringAsync(cancellationToken)}");

        // Inventory reserves, Payment charges, Shipping schedules, Order completes: every hop through the run's broker.
        var deadline = DateTime.UtcNow + FlowTimeout;
        string? status;
        while ((status = await StatusAsync(order, orderId, cancellationToken)) != "completed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} is '{status}', not completed, after {FlowTimeout}.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static async Task<string?> StatusAsync(HttpClient order, string orderId, CancellationToken cancellationToken)
    {
        var entity = await order.GetFromJsonAsync<JsonElement>($"/order/{orderId}", cancellationToken);
        return entity.GetProperty("state").GetProperty("status").GetString();
    }
}
