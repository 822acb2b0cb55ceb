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
    public async Task A_unit_holding_turns_goes_on_without_a_busy_one_instead_of_waiting_out_the_patience()
    {
        var locks = Turns();
        var first = await locks.TakeAsync(Sku, new HashSet<int>(), Ct);
        // Another unit holds a turn of its own (say, on the other SKU of its order) and now reads this one: had it
        // waited, two such units reading in opposite orders would hold each other up for the whole patience.
        var stripe = first.Stripe;
        var held = new HashSet<int> { (stripe + 1) % Defaults.StreamTurns };

        var started = Stopwatch.GetTimestamp();
        var turn = await locks.TakeAsync(Sku, held, Ct);

        Assert.False(turn.Held);
        Assert.True(Stopwatch.GetElapsedTime(started) < Defaults.StreamTurnWait, "it waited out the patience of a unit holding nothing");
        first.Release();
    }
}
