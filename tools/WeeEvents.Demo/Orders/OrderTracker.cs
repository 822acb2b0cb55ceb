using System.Collections.Concurrent;
using WeeEvents.Services.Order;
using WeeEvents.Services.Order.Domain;

namespace WeeEvents.Demo.Orders;

/// <summary>
/// Follows the orders of a run: which were placed, what came of customers' cancels, and where each order ended,
/// read from the Order service in-process. Terminal states never change, so a terminal order is not read again.
/// </summary>
public sealed class OrderTracker(IService<OrderState> orders, IReadOnlyList<OrderPlan> plans, OrderEndSignal signal, TimeProvider time)
{
    // Announcements on the bus say when to look; a full sweep this often is the fallback that needs none.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);
    private long _lastSweep;

    private readonly ConcurrentDictionary<string, bool> _placed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderEnd> _ends = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancelAnswer> _cancels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private long _lastEnd;

    /// <summary>Every order of the run.</summary>
    public IReadOnlyList<OrderPlan> Plans => plans;

    /// <summary>Orders the Order service accepted.</summary>
    public int Placed => _placed.Count;

    /// <summary>Placed orders seen in a terminal state.</summary>
    public int Terminal => _ends.Count;

    /// <summary>True when every order was placed and reached a terminal state.</summary>
    public bool AllTerminal => Terminal == plans.Count;

    /// <summary>When the last order was first seen terminal (a <see cref="TimeProvider"/> timestamp), 0 before.</summary>
    public long LastEndTimestamp => Interlocked.Read(ref _lastEnd);

    /// <summary>Requests that failed, with the service's answer.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>The answers to customers' cancel-order requests.</summary>
    public IReadOnlyDictionary<string, CancelAnswer> Cancels => _cancels;

    /// <summary>Where an order ended; null while it has not (or was never placed).</summary>
    public OrderEnd? EndOf(string orderId) => _ends.GetValueOrDefault(orderId);

    /// <summary>Notes an accepted place-order.</summary>
    public void MarkPlaced(string orderId) => _placed[orderId] = true;

    /// <summary>Notes the answer to a customer's cancel-order.</summary>
    public void Cancelled(string orderId, CancelAnswer answer) => _cancels[orderId] = answer;

    /// <summary>Notes a request that failed.</summary>
    public void Failed(string failure) => _failures.Enqueue(failure);

    /// <summary>
    /// Reads the orders whose outcome was announced since the last call, and every placed order not yet terminal
    /// when the last sweep is older than <see cref="SweepInterval"/>.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var sweep = time.GetElapsedTime(Interlocked.Read(ref _lastSweep)) >= SweepInterval;
        if (sweep)
        {
            Interlocked.Exchange(ref _lastSweep, time.GetTimestamp());
        }

        var announced = signal.Drain();
        foreach (var orderId in sweep ? _placed.Keys.Concat(announced).Distinct(StringComparer.Ordinal) : announced)
        {
            if (_ends.ContainsKey(orderId))
            {
                continue;
            }

            if (!_placed.ContainsKey(orderId))
            {
                // The outcome overtook the place-order answer: look again once the order is noted as placed.
                signal.Notify(orderId);
                continue;
            }

            var entity = await orders.LoadAsync(new AggregateId(OrderService.EntityType, orderId), cancellationToken);
            if (OrderEnd.Of(entity.State) is { } end && _ends.TryAdd(orderId, end))
            {
                Interlocked.Exchange(ref _lastEnd, time.GetTimestamp());
            }
            else if (!sweep)
            {
                // Read before the announced commit was visible: look again.
                signal.Notify(orderId);
            }
        }
    }
}
