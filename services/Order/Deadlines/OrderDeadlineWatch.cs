using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.ReadModel;
using WeeEvents.Telemetry;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>
/// Finds the orders that have not ended by their deadline in the <see cref="OrderSummaries"/> read model and runs
/// <see cref="PassDeadline"/> on each, as the service itself; reports how many open orders are past it as the
/// <c>wee_events.orders.overdue</c> gauge. Every instance of the service may run it: the command records nothing for
/// an order that has ended, so two instances resolving one order leave one cancellation.
/// </summary>
internal sealed partial class OrderDeadlineWatch(
    IService<OrderState> orders,
    IDbContextFactory<WeeEventsDbContext> contexts,
    IOptions<OrderDeadlineOptions> options,
    TimeProvider time,
    ILogger<OrderDeadlineWatch> logger) : BackgroundService
{
    private static readonly CommandOptions AsOrderService = new() { Caller = new Caller.Service("order") };
    // The open states a deadline resolves (an order waiting for stock or payment), as the read model names them.
    private static readonly string Placed = OrderSummaries.Status<OrderState.Placed>();
    private static readonly string StockReserved = OrderSummaries.Status<OrderState.StockReserved>();
    private static long s_overdue;
    private static readonly ObservableGauge<long> Overdue = WeeEventsTelemetry.Meter.CreateObservableGauge(
        "wee_events.orders.overdue",
        () => Interlocked.Read(ref s_overdue),
        "{order}",
        "Orders not ended by their deadline (WeeEvents:Orders:Deadline).");

    private readonly OrderDeadlineOptions _options = options.Value;

    // The orders whose resolution failed at the last look. Each look takes that many more, so orders that keep failing
    // (the oldest, hence first in line) never crowd the others out of the batch.
    private HashSet<string> _failed = [];

    /// <summary>One look: resolves the overdue orders waiting for stock or payment; returns how many it cancelled.</summary>
    internal async Task<int> ResolveOverdueAsync(CancellationToken cancellationToken)
    {
        _ = Overdue;
        var cutoff = time.GetUtcNow() - _options.Deadline;
        List<OrderSummary> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var open = db.Set<OrderSummary>().Where(s => !s.Terminal && s.PlacedAt < cutoff);
            Interlocked.Exchange(ref s_overdue, await open.CountAsync(cancellationToken));
            due = await open.Where(s => s.Status == Placed || s.Status == StockReserved)
                .OrderBy(s => s.PlacedAt).Take(_options.BatchSize + _failed.Count).ToListAsync(cancellationToken);
        }

        var cancelled = 0;
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in due)
        {
            // Each order on its own: one that fails (its stream refuses, a store error) is logged and left for the next
            // look, and the orders behind it are still resolved.
            try
            {
                if (await ResolveAsync(order, cancellationToken))
                {
                    cancelled++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogOrderFailed(e, order.OrderId);
                if (failed.Count < _options.BatchSize)
                {
                    failed.Add(order.OrderId);
                }
            }
        }

        _failed = failed;
        return cancelled;
    }

    private async Task<bool> ResolveAsync(OrderSummary order, CancellationToken cancellationToken)
    {
        var dueAt = order.PlacedAt + _options.Deadline;
        var entity = await orders.ExecuteAsync(
            PassDeadline.Name,
            OrderService.Description.Id(order.OrderId),
            new PassDeadline.Command(dueAt),
            AsOrderService,
            cancellationToken);
        if (entity.State is not OrderState.Cancelled { Reason: PassDeadline.Reason })
        {
            return false;
        }

        LogCancelled(order.OrderId, order.Status, dueAt);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ResolveOverdueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogLookFailed(e);
            }

            try
            {
                await Task.Delay(_options.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was still {Status} at its deadline {DueAt}: cancelled")]
    private partial void LogCancelled(string orderId, string status, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resolve overdue order {OrderId}; the others go on, and it is tried again at the next look")]
    private partial void LogOrderFailed(Exception error, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for overdue orders; looking again at the next interval")]
    private partial void LogLookFailed(Exception error);
}
