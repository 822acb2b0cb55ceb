using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;

namespace WeeEvents.MassTransit.Tests;

public sealed class DeduplicationTests(RabbitMqBroker broker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_message_published_twice_has_one_effect()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var probe = new ConsumerProbe();
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var bus = stock.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var message = new ItemOrdered("order-1", "sku-dup", 2);
        await bus.Publish(message, c => c.MessageId = messageId, Ct);
        await bus.Publish(message, c => c.MessageId = messageId, Ct);

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) == 2, "both deliveries were acknowledged");
        Assert.Single(stockDb.Stream(Stock.Description.Id("sku-dup")));
        // Usually the second delivery finds the inbox row and never reaches the handler; when both deliveries run
        // at once, both may handle it and the inbox key refuses the second at commit. Either way: one effect.
        Assert.InRange(probe.Attempts[messageId], 1, 2);
        Assert.Single(stockDb.OutboxMessages());
    }

    [Fact]
    public async Task A_consumer_that_crashes_before_its_commit_leaves_nothing_and_the_redelivery_has_one_effect()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var crashed = 0;
        var probe = new ConsumerProbe
        {
            AfterAppend = _ => Interlocked.Exchange(ref crashed, 1) == 0
                ? throw new IOException("the process died mid-handling")
                : Task.CompletedTask,
        };
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-2", "sku-crash", 1), c => c.MessageId = messageId, Ct);

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) == 1, "the message was handled");
        Assert.Equal(2, probe.Attempts[messageId]);
        var reserved = Assert.Single(stockDb.Stream(Stock.Description.Id("sku-crash")));
        Assert.Equal(messageId.ToString(), reserved.Metadata.CausationId);
        Assert.Single(stockDb.OutboxMessages());
        Assert.True(stockDb.InboxHas(ReserveStockConsumer.Name, messageId));
    }

    [Fact]
    public async Task A_redelivery_after_the_connection_died_mid_handling_is_acknowledged_and_skipped()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new ConsumerProbe
        {
            AfterAppend = async _ =>
            {
                if (reached.TrySetResult())
                {
                    await resume.Task;
                }
            },
        };
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-3", "sku-lost-ack", 1), c => c.MessageId = messageId, Ct);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // The broker loses the consumer while it works: its acknowledgement can no longer arrive.
        var closed = await vhost.CloseConnectionsAsync(Ct);
        Assert.True(closed > 0);
        resume.SetResult();

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) >= 2, "the redelivery was acknowledged", TimeSpan.FromSeconds(20),
            () => $"closed {closed} completed {counter.CompletedCount(messageId)} faulted {counter.Faulted.Count} attempts {probe.Attempts[messageId]} stream {stockDb.Stream(Stock.Description.Id("sku-lost-ack")).Count}");
        TestContext.Current.SendDiagnosticMessage($"completed {counter.CompletedCount(messageId)} faulted {counter.Faulted.Count} attempts {probe.Attempts[messageId]} stream {stockDb.Stream(Stock.Description.Id("sku-lost-ack")).Count}");
        Assert.Single(stockDb.Stream(Stock.Description.Id("sku-lost-ack")));
        Assert.Equal(1, probe.Attempts[messageId]);
        Assert.Single(stockDb.OutboxMessages());
    }
}
