using System.Net.Http.Json;
using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// A message a route gave up on waits in its <c>_error</c> queue; once the cause is fixed, the operator's tool lists it
/// with its fault and puts it back, and its order goes on as if nothing had happened.
/// </summary>
public sealed class ParkedMessageTests(ParkingOrderSystem system) : IClassFixture<ParkingOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Messages_parked_while_shippings_table_was_missing_are_returned_by_the_tool_and_the_order_completes()
    {
        var orderId = Ids.New("order");
        await ShippingOutage.PlaceWhileShippingFailsAsync(system, orderId, FlowTimeout);

        Assert.Equal("paid", (await system.AwaitStatusAsync(FlowService.Order, $"/order/{orderId}", "paid")).Status());

        var listed = await AdminTool.RunOkAsync(system.VirtualHost, "parked", "list");
        Assert.Contains("shipping.note-address_error", listed, StringComparison.Ordinal);
        Assert.Contains("shipping.schedule_error", listed, StringComparison.Ordinal);
        Assert.Contains("PostgresException", listed, StringComparison.Ordinal);

        // One message by its id (OrderPlaced's id is the id of the order's first event), then the rest of a queue.
        var placedId = (await system.Http(FlowService.Order).GetFromJsonAsync<JsonElement>($"/order/{orderId}/events", TestContext.Current.CancellationToken))
            .GetProperty("events")[0].GetProperty("eventId").GetString()!;
        var one = await AdminTool.RunOkAsync(system.VirtualHost, "parked", "return", "shipping.note-address_error", "--message-id", placedId);
        Assert.Contains("Returned 1 message(s) from shipping.note-address_error to shipping.note-address", one, StringComparison.Ordinal);
        var all = await AdminTool.RunOkAsync(system.VirtualHost, "parked", "return", "shipping.schedule", "--all");
        Assert.Contains("Returned 1 message(s) from shipping.schedule_error to shipping.schedule", all, StringComparison.Ordinal);

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        Assert.Equal(0u, await AdminTool.ReadyAsync(system.VirtualHost, "shipping.note-address_error"));
        Assert.Equal(0u, await AdminTool.ReadyAsync(system.VirtualHost, "shipping.schedule_error"));
        var (nothing, _) = await AdminTool.RunAsync(system.VirtualHost, "parked", "return", "shipping.schedule", "--all");
        Assert.Equal(1, nothing);
    }
}

/// <summary>The four services on PostgreSQL, giving up on a failing message after one quick retry.</summary>
public sealed class ParkingOrderSystem : PostgresOrderSystem
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) =>
        [new("WeeEvents:Messaging:RetryIntervals:0", "00:00:00.050")];
}
