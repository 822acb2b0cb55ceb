using Aspire.Hosting;

namespace WeeEvents.AppHost.Tests;

/// <summary>What a developer does with the AppHost: place an order through it, and use its operator's commands.</summary>
public sealed class AppHostTests(RunningAppHost appHost) : IClassFixture<RunningAppHost>
{
    [Fact]
    public async Task An_order_placed_through_the_Order_service_it_started_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = await appHost.PlaceOrderAsync("c-apphost", ct);

        // Inventory reserves, Payment charges, Shipping schedules, Order completes: every hop through the run's broker.
        await appHost.AwaitOrderAsync(orderId, s => s.GetProperty("status").GetString() == "completed", "completed", ct);
    }

    [Fact]
    public async Task Forget_a_customer_erases_their_personal_data_through_Orders_own_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = $"c-{Guid.NewGuid():N}";
        var orderId = await appHost.PlaceOrderAsync(customer, ct);
        await appHost.AwaitOrderAsync(orderId, s => s.GetProperty("status").GetString() == "completed", "completed", ct);

        var result = await appHost.CommandAsync("order", "forget-customer", [new InteractionInput { Name = "customer", InputType = InputType.Text, Value = customer }], ct);

        Assert.True(result.Success, result.Message);
        var order = await appHost.AwaitOrderAsync(
            orderId, s => s.GetProperty("order").GetProperty("shippingAddress").GetProperty("name").GetString() == "[erased]", "erased", ct);
        Assert.Equal("GB", order.GetProperty("order").GetProperty("shippingAddress").GetProperty("country").GetString()); // not personal: kept
    }

    [Fact]
    public async Task List_parked_messages_runs_the_admin_tool_against_the_runs_broker()
    {
        var result = await appHost.CommandAsync("admin", "parked-list", [], TestContext.Current.CancellationToken);

        // Nothing failed in this run: the tool looked at every route's error queue and found nothing parked.
        Assert.True(result.Success, result.Message);
        Assert.Contains("0 parked message(s)", result.Data?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operations_console_runs_beside_the_services()
    {
        // It starts once the four services are healthy; its sign-in page takes the token the AppHost prints.
        await appHost.AwaitPageAsync("console", "/signin", TestContext.Current.CancellationToken);
    }
}
