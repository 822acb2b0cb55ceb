using System.Collections.Concurrent;
using System.Diagnostics;

namespace WeeEvents.LoadTest;

/// <summary>How an order ended, as the Order service announced it.</summary>
internal enum OrderOutcome
{
    Completed,
    Rejected,
    Cancelled,
    TimedOut,
}

/// <summary>
/// The orders in flight, each waiting for its outcome event. The consumer completes them; a run registers an
/// order before posting it, so an outcome that overtakes the HTTP response is not lost.
/// </summary>
internal sealed class OrderOutcomes
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(OrderOutcome Outcome, long At)>> _waiting = new(StringComparer.Ordinal);

    public Task<(OrderOutcome Outcome, long At)> Expect(string orderId) =>
        _waiting.GetOrAdd(orderId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string orderId) => _waiting.TryRemove(orderId, out _);

    /// <summary>Records an outcome; events for orders this run did not place (an earlier run's) are ignored.</summary>
    public void Report(string orderId, OrderOutcome outcome)
    {
        var at = Stopwatch.GetTimestamp();
        if (_waiting.TryGetValue(orderId, out var waiting))
        {
            waiting.TrySetResult((outcome, at));
        }
    }
}
