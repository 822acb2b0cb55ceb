using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;

namespace WeeEvents.MassTransit.Tests;

/// <summary>
/// One instance's messages for the same aggregate take turns on its stream in the storage: handled one after the other,
/// each reads what the one before committed, and none loses a revision race to another and is handled again.
/// </summary>
public sealed class StreamOrderTests(RabbitMqBroker broker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_for_one_aggregate_are_handled_one_at_a_time_and_none_loses_a_revision_race()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        await using var stockDb = EfTestStorage.PostgresOrSqlite();
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
        await using var stock = await TestService.StartAsync("stock", vhost, stockDb,
            m => m.Publish(Stock.Mapper).Consume(ReserveStockConsumer.Routes(probe)),
            s =>
            {
                s.AddConsumeObserver(_ => counter);
                // A turn is waited for as long as the test runs, so a slow machine cannot pass for a missing turn.
                s.Configure<StorageOptions>(o => o.StreamTurnWait = TimeSpan.FromMinutes(5));
            },
            new Dictionary<string, string?>(ReserveStockConsumer.Settings));

        var bus = stock.Services.GetRequiredService<IBus>();
        var ids = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        // Ten orders of one SKU, each its own correlation: nothing but the SKU's stream keeps them apart.
        await Task.WhenAll(ids.Select((id, i) => bus.Publish(new ItemOrdered($"order-{i}", "sku-turns", 1), c => (c.MessageId, c.CorrelationId) = (id, Guid.NewGuid()), Ct)));

        await Eventually.TrueAsync(() => ids.All(id => counter.CompletedCount(id) == 1), "all ten were handled");
        Assert.Equal(1, Volatile.Read(ref mostAtOnce));
        Assert.All(ids, id => Assert.Equal(1, probe.Attempts[id]));
        var events = await stock.Services.GetRequiredService<IEventStore>().LoadAsync(Stock.Description.Id("sku-turns"), cancellationToken: Ct);
        Assert.Equal(Enumerable.Range(1, 10).Select(r => (long)r), events.Select(e => e.Revision.Value));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
