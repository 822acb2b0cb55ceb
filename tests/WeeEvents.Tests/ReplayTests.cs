using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.Tests;

public class ReplayTests
{
    [Fact]
    public async Task Replay_at_any_revision_equals_the_state_at_that_time()
    {
        var (_, service) = Bank.Create();
        var id = Bank.Description.Id("history");
        var seen = new List<Entity<AccountState>>
        {
            await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 5m), Callers.AsService),
        };
        foreach (var amount in new[] { 10m, 20m, 30m })
        {
            seen.Add(await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(amount), Callers.AsService));
        }

        seen.Add(await service.ExecuteAsync(WithdrawFunds.Name, id, new WithdrawFunds.Command(65m), Callers.AsService));
        seen.Add(await service.ExecuteAsync(CloseAccount.Name, id, new CloseAccount.Command(null), Callers.AsService));

        foreach (var then in seen)
        {
            Assert.Equal(then, await service.LoadAsync(id, then.Revision));
        }

        Assert.Equal(seen[^1], await service.LoadAsync(id));
    }

    [Fact]
    public async Task The_store_loads_after_and_up_to_a_revision()
    {
        var store = new InMemoryEventStore();
        var id = new AggregateId("thing", "1");
        await store.AppendAsync(id, Enumerable.Range(1, 5).Select(i => DomainEvent.Create("happened", new { i })).ToArray(), AppendOptions.Default);

        var middle = await store.LoadAsync(id, new LoadOptions { AfterRevision = new Revision(1), UpToRevision = new Revision(3) });

        Assert.Equal([2L, 3L], middle.Select(e => e.Revision.Value));
    }

    [Fact]
    public async Task An_unknown_event_type_is_skipped_logged_once_and_still_advances_the_revision()
    {
        var store = new InMemoryEventStore();
        var logs = new CountingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var service = Bank.Description.CreateService(store, loggerFactory: factory);
        var id = Bank.Description.Id("future");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 5m), Callers.AsService);
        await store.AppendAsync(id, [DomainEvent.Create("interest-accrued", new { rate = 0.01 }), DomainEvent.Create("interest-accrued", new { rate = 0.02 })], AppendOptions.Default);

        var entity = await service.LoadAsync(id);
        await service.LoadAsync(id);

        Assert.Equal(new Revision(3), entity.Revision);
        Assert.Equal(new AccountState.Open("Ada", 5m), entity.State);
        Assert.Equal(1, logs.Count(m => m.Contains("interest-accrued", StringComparison.Ordinal)));

        // A command after the unknown events appends at the right revision.
        var after = await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(1m), Callers.AsService);
        Assert.Equal(new Revision(4), after.Revision);
    }

    private sealed record RenamedV2(string FullName);

    [Fact]
    public async Task An_upcaster_reads_an_old_schema_version_as_the_current_one()
    {
        var loader = LoaderDescription.FromInitializer(() => "")
            .Reducer<RenamedV2>("renamed", (_, e) => e.Data.FullName, schemaVersion: 2)
            .Upcaster("renamed", 1, data =>
            {
                var node = JsonNode.Parse(data.GetRawText())!.AsObject();
                return JsonSerializer.SerializeToElement(new { fullName = $"{node["first"]} {node["last"]}" });
            })
            .Description();
        var dispatcher = DispatcherDescription.For<string>().Description();
        var description = ServiceDescription.Create(new ServiceInfo("person"), loader, dispatcher);
        var store = new InMemoryEventStore();
        var id = description.Id("p1");
        await store.AppendAsync(id, [DomainEvent.Create("renamed", new { first = "Ada", last = "Lovelace" }, schemaVersion: 1)], AppendOptions.Default);

        var entity = await description.CreateService(store).LoadAsync(id);

        Assert.Equal("Ada Lovelace", entity.State);
    }

    [Fact]
    public void An_upcaster_without_a_newer_reducer_is_refused_when_describing()
    {
        var builder = LoaderDescription.FromInitializer(() => 0)
            .Reducer<int>("counted", (s, _) => s + 1)
            .Upcaster("counted", 1, d => d);

        Assert.Throws<InvalidOperationException>(builder.Description);
    }

    private sealed class CountingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _messages = [];

        public int Count(Func<string, bool> predicate)
        {
            lock (_messages)
            {
                return _messages.Count(predicate);
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CountingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._messages)
                {
                    owner._messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
