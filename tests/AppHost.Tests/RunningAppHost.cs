using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AppHost.Tests;

/// <summary>
/// The AppHost as a developer starts it (<c>dotnet run --project WeeEvents.AppHost</c>), under Aspire's test host (ports
/// chosen at random, no dashboard): its broker and database (installed ones here, containers where a Docker engine
/// answers), the broker users, the topology and the four services, healthy. One per test class: it takes minutes to start.
/// </summary>
public sealed class RunningAppHost : IAsyncLifetime
{
    // Four services, their broker users, the topology and the orchestrator start on two shared cores.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(2);

    // The test is the identity provider: the AppHost takes its key instead of making one.
    private readonly DevelopmentTokens _tokens = DevelopmentTokens.CreateRandom();
    private DistributedApplication? _app;

    private DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.WeeEvents_AppHost>(
            [$"--WeeEvents:AppHost:SigningKey={_tokens.SigningKey}", "--WeeEvents:AppHost:RunName=weeevents-apphost-tests"],
            cancellationToken);
        _app = await builder.BuildAsync(cancellationToken);
        await _app.StartAsync(cancellationToken);
        foreach (var service in new[] { "order", "inventory", "payment", "shipping" })
        {
            // Healthy: its /health/live and /health/ready answer 200, after the broker users and the topology were made.
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }
    }

    /// <summary>A client of <paramref name="service"/>'s API with a token holding the stock manager's and the operator's roles.</summary>
    public HttpClient Client(string service)
    {
        var client = App.CreateHttpClient(service, "http");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", _tokens.Mint("apphost-tests", ["inventory-manager", WeeEventsRoles.Operator]));
        return client;
    }

    /// <summary>Waits until <paramref name="resource"/>'s <paramref name="path"/> answers 200 (anonymously); fails after a while.</summary>
    public async Task AwaitPageAsync(string resource, string path, CancellationToken cancellationToken)
    {
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.Running, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        using var client = App.CreateHttpClient(resource, "http");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{resource}{path} answers {(int)response.StatusCode} after {StartTimeout}.");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Places an order of a SKU of its own, stocked and priced first; returns its id.</summary>
    public async Task<string> PlaceOrderAsync(string customerId, CancellationToken cancellationToken)
    {
        using var inventory = Client("inventory");
        using var order = Client("order");
        var sku = $"sku-{Guid.NewGuid():N}";
        var orderId = $"o-{Guid.NewGuid():N}";
        (await inventory.PostAsJsonAsync($"/inventory-item/{sku}/restock", new { quantity = 10 }, cancellationToken)).EnsureSuccessStatusCode();
        (await inventory.PostAsJsonAsync($"/inventory-item/{sku}/set-price", new { amount = 9.99m, currency = "EUR" }, cancellationToken)).EnsureSuccessStatusCode();
        using var placed = await order.PostAsJsonAsync($"/order/{orderId}/place-order", new
        {
            customerId,
            currency = "EUR",
            lines = new[] { new { sku, quantity = 2, unitPrice = 9.99m } },
            shippingAddress = new { name = "Ada Lovelace", line1 = "1 Main St", city = "London", postalCode = "N1 9GU", country = "GB" },
            paymentToken = "tok_visa",
        }, cancellationToken);
        Assert.True(placed.IsSuccessStatusCode, $"place-order answered {(int)placed.StatusCode}: {await placed.Content.ReadAsStringAsync(cancellationToken)}");
        return orderId;
    }

    /// <summary>Waits until the order's state, as Order serves it, satisfies <paramref name="condition"/>; returns that state.</summary>
    public async Task<JsonElement> AwaitOrderAsync(string orderId, Func<JsonElement, bool> condition, string what, CancellationToken cancellationToken)
    {
        using var order = Client("order");
        var deadline = DateTime.UtcNow + FlowTimeout;
        while (true)
        {
            var state = (await order.GetFromJsonAsync<JsonElement>($"/order/{orderId}", cancellationToken)).GetProperty("state");
            if (condition(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} is not {what} after {FlowTimeout}: {state}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Runs resource <paramref name="resource"/>'s command as the dashboard's button would, with <paramref name="arguments"/>.</summary>
    public Task<ExecuteCommandResult> CommandAsync(string resource, string command, IReadOnlyList<InteractionInput> arguments, CancellationToken cancellationToken)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        return App.ResourceCommands.ExecuteCommandAsync(
            model.Resources.Single(r => r.Name == resource), command, new InteractionInputCollection(arguments), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
