using System.Diagnostics;
using OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;
using WeeEvents.MassTransit.Tracing;

namespace WeeEvents.MassTransit.Tests;

public sealed class TracingTests(RabbitMqBroker broker)
{
    private static readonly ActivitySource Client = new("WeeEvents.MassTransit.Tests.Client");

    [Fact]
    public async Task One_trace_links_the_command_in_A_with_the_consume_in_B_across_the_outbox()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource([.. MessagingActivitySources.All, Client.Name])
            .AddInMemoryExporter(spans)
            .Build();

        await using var vhost = await broker.CreateVirtualHostAsync(TestContext.Current.CancellationToken);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper));
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb);

        ActivityTraceId traceId;
        using (var request = Client.StartActivity("POST /order/{key}/place", ActivityKind.Server, default(ActivityContext)))
        {
            Assert.NotNull(request);
            traceId = request.TraceId;
            await orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, "order-traced", new Orders.Place("sku-traced", 1));
        }

        await Eventually.TrueAsync(() => stockDb.Stream(Stock.Description.Id("sku-traced")).Count == 1, "B handled the message");
        Activity[] InTrace()
        {
            tracing.ForceFlush();
            lock (spans)
            {
                return spans.Where(s => s.TraceId == traceId).ToArray();
            }
        }

        await Eventually.TrueAsync(() => InTrace().Any(s => s.DisplayName == "command reserve"), "B's command span was exported");
        var trace = InTrace();
        var names = trace.Select(s => s.DisplayName).ToHashSet();
        Assert.Contains("command place", names);
        Assert.Contains("outbox publish ItemOrdered", names);
        Assert.Contains("consume ItemOrdered", names);
        Assert.Contains("command reserve", names);
        // MassTransit's own spans join the same trace.
        Assert.Contains(trace, s => s.Source.Name == MessagingActivitySources.MassTransit);

        var consume = trace.Single(s => s.DisplayName == "consume ItemOrdered");
        var command = trace.Single(s => s.DisplayName == "command reserve");
        Assert.Equal(consume.SpanId, command.ParentSpanId);
    }

    [Fact]
    public async Task Commands_run_by_routes_carry_the_hosts_telemetry_options()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(MessagingActivitySources.All.ToArray()).AddInMemoryExporter(spans).Build();
        await using var vhost = await broker.CreateVirtualHostAsync(TestContext.Current.CancellationToken);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var hostOptions = new ServiceOptions { Telemetry = new() { CommandAttributes = c => [new("test.tenant", "tenant-" + c.Aggregate.Key)] } };
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper));
        await using var stock = await TestService.StartAsync("stock", vhost, stockDb,
            m => m.Publish(Stock.Mapper).Consume(ReserveStockConsumer.Routes(new ConsumerProbe())),
            s => s.AddSingleton(Options.Create(hostOptions)));

        await orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, "order-options", new Orders.Place("sku-options", 1));

        await Eventually.TrueAsync(() => stockDb.Stream(Stock.Description.Id("sku-options")).Count == 1, "B handled the message");
        await Eventually.TrueAsync(
            () =>
            {
                tracing.ForceFlush();
                lock (spans)
                {
                    return spans.Any(s => s.DisplayName == "command reserve" && Equals(s.GetTagItem("test.tenant"), "tenant-sku-options"));
                }
            },
            "the route's command span carries the attribute the host's options add");
    }

    [Fact]
    public void A_stored_trace_context_read_back_for_a_replay_is_a_link_not_a_parent()
    {
        using var source = new Activity("command").SetIdFormat(ActivityIdFormat.W3C).Start();
        var metadata = new EventMetadata { TraceParent = source.Id, TraceState = "vendor=1" };
        source.Stop();

        var link = TraceContext.Link(metadata);

        Assert.NotNull(link);
        Assert.Equal(source.TraceId, link.Value.Context.TraceId);
        Assert.Equal(source.SpanId, link.Value.Context.SpanId);
        Assert.Equal("vendor=1", link.Value.Context.TraceState);
        Assert.Null(TraceContext.Link(EventMetadata.Empty));
        Assert.Single(TraceContext.Links([metadata, metadata, EventMetadata.Empty]));
    }
}
