using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Services.Order.Deadlines;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.ReadModel;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

/// <summary>The deadline watch resolves each overdue order on its own: one that fails does not hold up the others.</summary>
public sealed class OrderDeadlineWatchTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_oldest_overdue_order_fails_the_others_are_still_cancelled()
    {
        var directory = Directory.CreateTempSubdirectory("weeevents-deadline-");
        try
        {
            await using var services = new ServiceCollection()
                .AddSingleton<ProjectionDescription>(OrderSummaries.Description)
                .AddWeeEventsStorage(o => (o.Provider, o.ConnectionString) = ("Sqlite", $"Data Source={Path.Combine(directory.FullName, "order.db")};Pooling=false"))
                .BuildServiceProvider();
            var contexts = services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();
            var store = new InMemoryEventStore();
            var orders = OrderService.Description.CreateService(store);
            var placedAt = DateTimeOffset.UtcNow - TimeSpan.FromHours(2);
            await using (var db = await contexts.CreateDbContextAsync(_ct))
            {
                await db.Database.EnsureCreatedAsync(_ct);
                for (var i = 1; i <= 3; i++)
                {
                    await orders.ExecuteAsync(PlaceOrder.Name, OrderService.Description.Id($"o-{i}"), Place(), Callers.AsService, _ct);
                    db.Add(new OrderSummary { OrderId = $"o-{i}", CustomerId = "c-1", Status = "placed", Currency = "EUR", PlacedAt = placedAt.AddMinutes(i), ChangedAt = placedAt });
                }

                await db.SaveChangesAsync(_ct);
            }

            var watch = new OrderDeadlineWatch(
                new FailingFor("o-1", orders),
                contexts,
                Options.Create(new OrderDeadlineOptions { Deadline = TimeSpan.FromMinutes(30) }),
                TimeProvider.System,
                NullLogger<OrderDeadlineWatch>.Instance);

            var cancelled = await watch.ResolveOverdueAsync(_ct);

            Assert.Equal(2, cancelled);
            Assert.IsType<OrderState.Placed>((await orders.LoadAsync(OrderService.Description.Id("o-1"), _ct)).State);
            Assert.IsType<OrderState.Cancelled>((await orders.LoadAsync(OrderService.Description.Id("o-2"), _ct)).State);
            Assert.IsType<OrderState.Cancelled>((await orders.LoadAsync(OrderService.Description.Id("o-3"), _ct)).State);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Orders_that_keep_failing_do_not_crowd_the_others_out_of_the_batch()
    {
        var directory = Directory.CreateTempSubdirectory("weeevents-deadline-");
        try
        {
            await using var services = new ServiceCollection()
                .AddSingleton<ProjectionDescription>(OrderSummaries.Description)
                .AddWeeEventsStorage(o => (o.Provider, o.ConnectionString) = ("Sqlite", $"Data Source={Path.Combine(directory.FullName, "order.db")};Pooling=false"))
                .BuildServiceProvider();
            var contexts = services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();
            var orders = OrderService.Description.CreateService(new InMemoryEventStore());
            var placedAt = DateTimeOffset.UtcNow - TimeSpan.FromHours(2);
            await using (var db = await contexts.CreateDbContextAsync(_ct))
            {
                await db.Database.EnsureCreatedAsync(_ct);
                for (var i = 1; i <= 3; i++)
                {
                    await orders.ExecuteAsync(PlaceOrder.Name, OrderService.Description.Id($"o-{i}"), Place(), Callers.AsService, _ct);
                    db.Add(new OrderSummary { OrderId = $"o-{i}", CustomerId = "c-1", Status = "placed", Currency = "EUR", PlacedAt = placedAt.AddMinutes(i), ChangedAt = placedAt });
                }

                await db.SaveChangesAsync(_ct);
            }

            // One order a look, and the oldest fails every time.
            var watch = new OrderDeadlineWatch(
                new FailingFor("o-1", orders),
                contexts,
                Options.Create(new OrderDeadlineOptions { Deadline = TimeSpan.FromMinutes(30), BatchSize = 1 }),
                TimeProvider.System,
                NullLogger<OrderDeadlineWatch>.Instance);

            var cancelled = new List<int>();
            for (var look = 0; look < 3; look++)
            {
                cancelled.Add(await watch.ResolveOverdueAsync(_ct));
                // The read model follows the cancellations as the projection would.
                await using var db = await contexts.CreateDbContextAsync(_ct);
                foreach (var summary in db.Set<OrderSummary>())
                {
                    if ((await orders.LoadAsync(OrderService.Description.Id(summary.OrderId), _ct)).State is OrderState.Cancelled)
                    {
                        (summary.Status, summary.Terminal) = ("cancelled", true);
                    }
                }

                await db.SaveChangesAsync(_ct);
            }

            Assert.Equal([0, 1, 1], cancelled);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The order service, except that every command on one order fails (its stream is unreadable, say).</summary>
    private sealed class FailingFor(string orderId, IService<OrderState> inner) : IService<OrderState>
    {
        public ServiceDescription<OrderState> Description => inner.Description;

        public Task<Entity<OrderState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions options, CancellationToken cancellationToken = default) =>
            aggregate.Key == orderId ? throw new InvalidOperationException("The stream cannot be read.") : inner.ExecuteAsync(command, aggregate, payload, options, cancellationToken);

        public Task<Entity<OrderState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions options, CancellationToken cancellationToken = default) =>
            aggregate.Key == orderId ? throw new InvalidOperationException("The stream cannot be read.") : inner.ExecuteAsync(command, aggregate, payload, options, cancellationToken);

        public Task<Entity<OrderState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, cancellationToken);

        public Task<Entity<OrderState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadOrInitialAsync(aggregate, cancellationToken);

        public Task<Entity<OrderState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, revision, cancellationToken);
    }
}
