using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;

namespace WeeEvents.MassTransit.Tests;

public sealed class FailureTests(RabbitMqBroker broker)
{
    private const string ErrorQueue = "reserve-stock_error";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_after_the_configured_retries_and_records_nothing()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var probe = new ConsumerProbe { AfterAppend = _ => throw new InvalidOperationException("poison") };
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-p", "sku-poison", 1), c => c.MessageId = messageId, Ct);

        var faulted = await Eventually.ValueAsync(() => vhost.GetAsync(ErrorQueue, Ct), "the message reached " + ErrorQueue);
        Assert.Equal(messageId.ToString(), faulted.BasicProperties.MessageId);
        Assert.Equal(typeof(InvalidOperationException).FullName, Header(faulted, "MT-Fault-ExceptionType"));
        Assert.Equal("poison", Header(faulted, "MT-Fault-Message"));
        Assert.Equal(1 + ReserveStockConsumer.RetryLimit, probe.Attempts[messageId]);
        // The parked message says how many times it was retried: what an operator reads as its attempts.
        Assert.Equal(ReserveStockConsumer.RetryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(faulted, "MT-Fault-RetryCount"));
        Assert.Empty(stockDb.Stream(Stock.Description.Id("sku-poison")));
        Assert.Empty(stockDb.OutboxMessages());
        Assert.False(stockDb.InboxHas(ReserveStockConsumer.Name, messageId));
    }

    [Theory]
    [InlineData(0, "WeeEvents.CommandValidationFailed")]
    [InlineData(Stock.MaxQuantity + 1, "WeeEvents.MassTransit.Tests.Domain.Stock+TooMuch")]
    public async Task Invalid_commands_and_broken_domain_rules_are_not_retried(int quantity, string exceptionType)
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var probe = new ConsumerProbe();
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-v", "sku-invalid", quantity), c => c.MessageId = messageId, Ct);

        var faulted = await Eventually.ValueAsync(() => vhost.GetAsync(ErrorQueue, Ct), "the message reached " + ErrorQueue);
        Assert.Equal(exceptionType, Header(faulted, "MT-Fault-ExceptionType"));
        Assert.Equal(1, probe.Attempts[messageId]); // one attempt, no retries
        Assert.Null(Header(faulted, "MT-Fault-RetryCount")); // MassTransit writes no count for a message never retried
        Assert.Equal(1, counter.Faulted[messageId]);
        Assert.Empty(stockDb.Stream(Stock.Description.Id("sku-invalid")));
    }

    [Fact]
    public async Task A_revision_conflict_is_retried_and_succeeds()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var sku = Stock.Description.Id("sku-race");
        var probe = RacedBy(stockDb, sku, races: 1, quantity: 5);
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-c", "sku-race", 2), c => c.MessageId = messageId, Ct);

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) == 1, "the message was handled");
        Assert.Equal(2, probe.Attempts[messageId]);
        var stream = stockDb.Stream(sku);
        Assert.Equal(["someone-1", "order-c"], stream.Select(e => e.As<Stock.Reserved>().Data.OrderId));
        Assert.Equal(2, stockDb.OutboxMessages().Count);
    }

    [Fact]
    public async Task A_message_that_loses_more_revision_races_than_the_general_retry_limit_still_succeeds()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var sku = Stock.Description.Id("sku-hot");
        const int Races = 12; // more than the transient-failure retries: lost races have their own, longer, series
        var probe = RacedBy(stockDb, sku, Races); // a hot aggregate
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, probe, counter);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-hot", "sku-hot", 1), c => c.MessageId = messageId, Ct);

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) == 1, "the message was handled");
        Assert.Equal(Races + 1, probe.Attempts[messageId]);
        Assert.Equal("order-hot", stockDb.Stream(sku)[^1].As<Stock.Reserved>().Data.OrderId);
    }

    [Fact]
    public async Task A_message_that_loses_every_race_its_conflict_retries_allow_is_parked_with_the_conflict_without_further_retries()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var probe = RacedBy(stockDb, Stock.Description.Id("sku-lost"), races: int.MaxValue);
        var settings = new Dictionary<string, string?>(ReserveStockConsumer.Settings)
        {
            ["WeeEvents:Messaging:ConflictRetryIntervals:0"] = "00:00:00.010",
            ["WeeEvents:Messaging:ConflictRetryIntervals:1"] = "00:00:00.020",
        };
        await using var stock = await TestService.StartAsync("stock", vhost, stockDb, m => m.Publish(Stock.Mapper).Consume(ReserveStockConsumer.Routes(probe)), settings: settings);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-lost", "sku-lost", 1), c => c.MessageId = messageId, Ct);

        var faulted = await Eventually.ValueAsync(() => vhost.GetAsync(ErrorQueue, Ct), "the message reached " + ErrorQueue);
        Assert.Equal(typeof(RevisionConflict).FullName, Header(faulted, "MT-Fault-ExceptionType"));
        // Its two conflict retries, and no transient retries on top: one retry per kind of failure.
        Assert.Equal(3, probe.Attempts[messageId]);
        Assert.Equal("2", Header(faulted, "MT-Fault-RetryCount"));
        Assert.False(stockDb.InboxHas(ReserveStockConsumer.Name, messageId));
    }

    [Fact]
    public async Task A_message_failing_while_a_readiness_check_is_red_is_retried_until_it_answers_and_never_parked()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        var away = true;
        var probe = new ConsumerProbe
        {
            AfterAppend = _ => Volatile.Read(ref away) ? throw new InvalidOperationException("the database is away") : Task.CompletedTask,
        };
        var counter = new ConsumeCounter();
        var settings = new Dictionary<string, string?>(ReserveStockConsumer.Settings) { ["WeeEvents:Messaging:OutageProbeInterval"] = "00:00:00.100" };
        await using var stock = await TestService.StartAsync("stock", vhost, stockDb,
            m => m.Publish(Stock.Mapper).Consume(ReserveStockConsumer.Routes(probe)),
            s =>
            {
                s.AddConsumeObserver(_ => counter);
                s.AddHealthChecks().AddCheck("database", () => Volatile.Read(ref away) ? HealthCheckResult.Unhealthy("away") : HealthCheckResult.Healthy(), tags: ["ready"]);
            },
            settings);

        var messageId = Guid.NewGuid();
        await stock.Services.GetRequiredService<IBus>().Publish(new ItemOrdered("order-out", "sku-outage", 1), c => c.MessageId = messageId, Ct);

        // Well past its transient retries, the message still waits.
        await Eventually.TrueAsync(() => probe.Attempts.GetValueOrDefault(messageId) > 2 * (1 + ReserveStockConsumer.RetryLimit), "the message was retried through the outage");
        Assert.Null(await vhost.GetAsync(ErrorQueue, Ct));
        Volatile.Write(ref away, false);

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) == 1, "the message was handled once the check answered");
        Assert.Single(stockDb.Stream(Stock.Description.Id("sku-outage")));
        Assert.True(stockDb.InboxHas(ReserveStockConsumer.Name, messageId));
        Assert.Null(await vhost.GetAsync(ErrorQueue, Ct));
    }

    /// <summary>A probe with which another writer records on <paramref name="sku"/> between the handler's load and its commit, the first <paramref name="races"/> times.</summary>
    private static ConsumerProbe RacedBy(InMemoryServiceDatabase stockDb, AggregateId sku, int races, int quantity = 1)
    {
        var raced = 0;
        return new ConsumerProbe
        {
            AfterAppend = _ => Interlocked.Increment(ref raced) is var n && n <= races
                ? Stock.Description.CreateService(stockDb.Events).ExecuteAsync(Stock.ReserveCommand, sku, new Stock.Reserve($"someone-{n}", quantity), Callers.AsService)
                : Task.CompletedTask,
        };
    }

    private static string? Header(BasicGetResult result, string name) =>
        result.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => value?.ToString() }
            : null;
}
