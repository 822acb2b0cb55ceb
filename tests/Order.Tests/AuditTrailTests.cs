using Microsoft.Extensions.Logging;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Telemetry;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

/// <summary>Cancelling an order is a sensitive operation: every attempt leaves an audit entry, denied ones included.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly AuditEntries _audit = new();
    private readonly ILoggerFactory _loggers;
    private readonly IService<OrderState> _orders;
    private readonly AggregateId _id = OrderService.Description.Id("o-1");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public AuditTrailTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_audit).SetMinimumLevel(LogLevel.Information));
        _orders = OrderService.Description.CreateService(new InMemoryEventStore(), loggerFactory: _loggers);
    }

    private static readonly Caller C1 = new Caller.Client("c-1", new HashSet<string>());

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task Cancelling_records_actor_command_aggregate_and_outcome_and_placing_records_nothing()
    {
        await _orders.ExecuteAsync(PlaceOrder.Name, _id, Place(), new CommandOptions { Caller = C1 }, _ct);
        await _orders.ExecuteAsync(CancelOrder.Name, _id, new CancelOrder.Command("changed my mind"), new CommandOptions { Caller = C1, CorrelationId = "corr-1" }, _ct);

        var entry = Assert.Single(_audit.Entries);
        Assert.Equal(("c-1", "cancel-order", "order.o-1", "success", "corr-1"), entry);
    }

    [Fact]
    public async Task A_denied_or_refused_cancellation_is_audited_with_its_outcome()
    {
        await _orders.ExecuteAsync(PlaceOrder.Name, _id, Place(), new CommandOptions { Caller = C1 }, _ct);
        var stranger = new Caller.Client("c-2", new HashSet<string>());
        await Assert.ThrowsAsync<AccessDenied>(() => _orders.ExecuteAsync(CancelOrder.Name, _id, new CancelOrder.Command("no"), new CommandOptions { Caller = stranger }, _ct));
        await _orders.ExecuteAsync(MarkPaid.Name, _id, new MarkPaid.Command("payment.o-1", 24.98m, "txn", "EUR"), new CommandOptions { Caller = new Caller.Service("order") }, _ct);
        await Assert.ThrowsAsync<OrderCannotBeCancelled>(() => _orders.ExecuteAsync(CancelOrder.Name, _id, new CancelOrder.Command("too late"), new CommandOptions { Caller = C1 }, _ct));

        Assert.Equal([("c-2", AuditLog.Denied), ("c-1", "rejected")], _audit.Entries.Select(e => (e.Actor, e.Outcome)));
    }

    /// <summary>Collects the structured fields of every entry in the audit category.</summary>
    private sealed class AuditEntries : ILoggerProvider, ILogger
    {
        public List<(string Actor, string Command, string Aggregate, string Outcome, string? CorrelationId)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => categoryName == AuditLog.Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = ((IEnumerable<KeyValuePair<string, object?>>)state!).ToDictionary(p => p.Key, p => p.Value);
            lock (Entries)
            {
                Entries.Add(((string)fields["Actor"]!, (string)fields["Command"]!, (string)fields["Aggregate"]!, (string)fields["Outcome"]!, (string?)fields["CorrelationId"]));
            }
        }

        public void Dispose()
        {
        }
    }
}
