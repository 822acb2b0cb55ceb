using System.Diagnostics;
using WeeEvents.EntityFrameworkCore.Internal;

// EF Core's analyzer takes every namespace ending in EntityFrameworkCore.Internal for its own internals; this one is ours.
#pragma warning disable EF1001

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>Turns on streams: a unit waits for a stream another unit of the process is working on, but never for long while it holds turns itself.</summary>
public sealed class StreamTurnsTests
{
    private static readonly AggregateId Sku = new("inventory-item", "sku-1");

    private static readonly StorageOptions Defaults = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StreamTurns Turns() => new(Defaults.StreamTurnWait, Defaults.StreamTurnWaitWhileHolding, Defaults.StreamTurns);

    [Fact]
    public async Task A_unit_holding_no_turn_waits_for_the_stream_until_its_holder_is_done()
    {
        var locks = Turns();
        var first = await locks.TakeAsync(Sku, new HashSet<int>(), Ct);

        var second = locks.TakeAsync(Sku, new HashSet<int>(), Ct);
        Assert.False(second.IsCompleted);
        first.Release();

        var turn = await second;
        Assert.True(turn.Held);
        turn.Release();
    }

    [Fact]
    public async Task A_unit_goes_on_without_a_busy_turn_numbered_below_one_it_holds_instead_of_waiting_out_the_patience()
    {
        var locks = Turns();
        var first = await locks.TakeAsync(Sku, new HashSet<int>(), Ct);
        // Another unit holds a turn numbered above this one (say, on the other SKU of its order) and now reads this
        // stream: had it waited, two such units reading in opposite orders would hold each other up for the whole patience.
        var held = new HashSet<int> { first.Stripe + 1 };

        var started = Stopwatch.GetTimestamp();
        var turn = await locks.TakeAsync(Sku, held, Ct);

        Assert.False(turn.Held);
        Assert.True(Stopwatch.GetElapsedTime(started) < Defaults.StreamTurnWait, "it waited out the patience of a unit holding nothing");
        first.Release();
    }

    [Fact]
    public async Task A_unit_holding_turns_waits_for_a_turn_numbered_above_all_of_them()
    {
        // Patience without end for the long wait and none for the short one: which one the unit used shows in the outcome.
        var locks = new StreamTurns(Timeout.InfiniteTimeSpan, TimeSpan.Zero, Defaults.StreamTurns);
        var (lower, upper) = TwoStreamsOnDifferentTurns(locks);
        var holder = await locks.TakeAsync(upper, new HashSet<int>(), Ct);
        var mine = await locks.TakeAsync(lower, new HashSet<int>(), Ct);

        // Units that only ever wait for turns above their own cannot wait for each other in a circle.
        var waiting = locks.TakeAsync(upper, new HashSet<int> { mine.Stripe }, Ct);
        Assert.False(waiting.IsCompleted);
        holder.Release();

        var turn = await waiting;
        Assert.True(turn.Held);
        turn.Release();
        mine.Release();
    }

    /// <summary>Two SKUs whose turns differ, the one with the lower turn first (turns are numbered by hash).</summary>
    private static (AggregateId Lower, AggregateId Upper) TwoStreamsOnDifferentTurns(StreamTurns locks)
    {
        var stripes = Enumerable.Range(0, 64)
            .Select(i => new AggregateId("inventory-item", $"sku-{i}"))
            .Select(sku =>
            {
                var turn = locks.TakeAsync(sku, new HashSet<int>(), Ct).GetAwaiter().GetResult();
                turn.Release();
                return (Sku: sku, turn.Stripe);
            })
            .DistinctBy(s => s.Stripe)
            .OrderBy(s => s.Stripe)
            .ToArray();
        return (stripes[0].Sku, stripes[^1].Sku);
    }
}
