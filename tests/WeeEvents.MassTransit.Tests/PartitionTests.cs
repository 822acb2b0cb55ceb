using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;

namespace WeeEvents.MassTransit.Tests;

public sealed class PartitionTests(RabbitMqBroker broker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_of_one_correlation_are_handled_one_at_a_time()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var (inFlight, mostAtOnce) = (0, 0);
        var probe = new ConsumerProbe
        {
            // Handling that takes a while (a database round trip, say): long enough for a second message to overlap.
            AfterAppend = async _ =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostAtOnce, now);
                await Task.Delay(20, Ct);
                Interlocked.Decrement(ref inFlight);
            },
        };
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var correlation = Guid.NewGuid();
        var bus = stock.Services.GetRequiredService<IBus>();
        var ids = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        // Different SKUs: nothing but the shared correlation keeps them apart.
        await Task.WhenAll(ids.Select((id, i) => bus.Publish(new ItemOrdered($"order-{i}", $"sku-p{i}", 1), c => (c.MessageId, c.CorrelationId) = (id, correlation), Ct)));

        await Eventually.TrueAsync(() => ids.All(id => counter.CompletedCount(id) == 1), "all ten were handled");
        Assert.Equal(1, Volatile.Read(ref mostAtOnce));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
