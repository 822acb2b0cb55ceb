using System.Diagnostics;

namespace WeeEvents.LoadTest;

/// <summary>
/// What became of one order: its outcome, the time from its POST to the outcome event, and when that was (a
/// <see cref="Stopwatch"/> timestamp: the run's rate over its course is read from these).
/// </summary>
internal sealed record OrderResult(GeneratedOrder Order, OrderOutcome Outcome, double Milliseconds, string? Error, long At);

/// <summary>
/// Places orders with a fixed number in flight: each worker posts an order, waits for its outcome event, and
/// posts the next. The clock of an order runs from just before its POST to the arrival of its outcome.
/// </summary>
internal sealed class LoadPhase(ServiceApi api, OrderOutcomes outcomes, OrderFeed feed, TimeSpan orderTimeout)
{
    public async Task<IReadOnlyList<OrderResult>> RunAsync(string phase, int orders, int concurrency, Action onDone, CancellationToken cancellationToken)
    {
        var results = new OrderResult[orders];
        var next = -1;
        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < orders)
            {
                results[index] = await PlaceAsync(feed.Next(phase), cancellationToken);
                onDone();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, orders)).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return results;
    }

    private async Task<OrderResult> PlaceAsync(GeneratedOrder order, CancellationToken cancellationToken)
    {
        var outcome = outcomes.Expect(order.OrderId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await api.PlaceOrderAsync(order, cancellationToken);
            var (result, at) = await outcome.WaitAsync(orderTimeout, cancellationToken);
            return new OrderResult(order, result, Stopwatch.GetElapsedTime(started, at).TotalMilliseconds, null, at);
        }
        catch (TimeoutException)
        {
            return new OrderResult(order, OrderOutcome.TimedOut, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"no outcome within {orderTimeout.TotalSeconds:0} s", Stopwatch.GetTimestamp());
        }
        catch (HttpRequestException e)
        {
            return new OrderResult(order, OrderOutcome.TimedOut, Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.Message, Stopwatch.GetTimestamp());
        }
        finally
        {
            outcomes.Forget(order.OrderId);
        }
    }
}
