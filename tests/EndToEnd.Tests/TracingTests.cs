using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// What an operator's trace viewer shows: the four services as processes export over OTLP (the standard
/// <c>OTEL_*</c> variables) to a receiver in the test, and one order's trace holds every service it crossed, with
/// each service's database calls (Npgsql) and broker hops (MassTransit).
/// </summary>
public sealed class TracingTests(TracedOrderSystem system) : IClassFixture<TracedOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task One_orders_trace_spans_its_four_services_with_their_database_calls_and_broker_hops()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 7m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 7m)));
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());

        // Spans arrive in each process's export batches: wait until the order's trace is whole.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (trace, missing) = OrderTrace(orderId);
            if (missing.Count == 0)
            {
                Assert.Single(trace.Select(s => s.TraceId).Distinct());
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The order's trace lacks: {string.Join("; ", missing)}. It holds: {string.Join(", ", trace.Select(s => $"{s.Service}/{s.Scope}/{s.Name}"))}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    // The spans of the trace the order's place-order request started, and what each service still lacks in it.
    private (IReadOnlyList<ReceivedSpan> Trace, IReadOnlyList<string> Missing) OrderTrace(string orderId)
    {
        var spans = system.Traces.Spans;
        var request = spans.FirstOrDefault(s => s.Attributes.TryGetValue("url.path", out var path) && path == $"/order/{orderId}/place-order");
        if (request is null)
        {
            return ([], ["the place-order request's span"]);
        }

        var trace = spans.Where(s => s.TraceId == request.TraceId).ToArray();
        var missing = new List<string>();
        foreach (var service in Enum.GetValues<FlowService>())
        {
            var own = trace.Where(s => s.Service.EndsWith($".{service}", StringComparison.Ordinal)).ToArray();
            if (own.Length == 0)
            {
                missing.Add($"{service}: no span");
                continue;
            }

            if (!own.Any(s => s.Scope == "Npgsql"))
            {
                missing.Add($"{service}: no database span");
            }

            if (!own.Any(s => s.Scope == "MassTransit" && s.Kind is ReceivedSpan.Producer or ReceivedSpan.Consumer))
            {
                missing.Add($"{service}: no broker span");
            }
        }

        return (trace, missing);
    }
}

/// <summary>The four services as processes, exporting their traces (and metrics and logs) to <see cref="Traces"/>.</summary>
public sealed class TracedOrderSystem : ProcessOrderSystem
{
    /// <summary>What the services exported.</summary>
    public OtlpTraceReceiver Traces { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) =>
    [
        new("OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint.GetLeftPart(UriPartial.Authority)),
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        // Export within a fifth of a second rather than five: the test waits for the spans.
        new("OTEL_BSP_SCHEDULE_DELAY", "200"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Traces.DisposeAsync();
    }
}
