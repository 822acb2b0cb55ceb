using WeeEvents.EntityFrameworkCore.Internal;

// EF Core's analyzer takes every namespace ending in EntityFrameworkCore.Internal for its own internals; this one is ours.
#pragma warning disable EF1001

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>Turns on streams: a unit waits for a stream another unit of the process is working on, unless waiting would close a circle.</summary>
public sealed class StreamTurnsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Patience without end: a wait that should not happen would hang the test instead of passing after a timeout.
    private static StreamTurns Turns() => new(Timeout.InfiniteTimeSpan, new StorageOptions().StreamTurns);

    [Fact]
    public async Task A_unit_holding_no_turn_waits_for_the_stream_until_its_holder_is_done()
    {
        var turns = Turns();
        var sku = new AggregateId("inventory-item", "sku-1");
        var first = await turns.TakeAsync(sku, new HashSet<int>(), Ct);

        var second = turns.TakeAsync(sku, new HashSet<int>(), Ct);
        Assert.False(second.IsCompleted);
        first.Release();

        var turn = await second;
        Assert.True(turn.Held);
        turn.Release();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_unit_holding_turns_waits_for_a_busy_turn_whose_holder_waits_for_none_of_its_own(bool wantedIsNumberedBelow)
    {
        var turns = Turns();
        var (lower, upper) = TwoStreamsOnDifferentTurns(turns);
        var (wanted, mine) = wantedIsNumberedBelow ? (lower, upper) : (upper, lower);
        var other = new HashSet<int>();
        var busy = await TakeAsync(turns, wanted, other);
        var unit = new HashSet<int>();
        await TakeAsync(turns, mine, unit);

        var waiting = turns.TakeAsync(wanted, unit, Ct);
        Assert.False(waiting.IsCompleted);
        busy.Release();

        Assert.True((await waiting).Held);
    }

    [Fact]
    public async Task Of_two_units_that_want_each_others_turns_the_one_that_would_close_the_circle_goes_on_without_and_the_other_gets_its_turn()
    {
        var turns = Turns();
        var (a, b) = TwoStreamsOnDifferentTurns(turns);
        var first = new HashSet<int>();
        var second = new HashSet<int>();
        var firstsTurn = await TakeAsync(turns, a, first);
        await TakeAsync(turns, b, second);

        var firstWaits = turns.TakeAsync(b, first, Ct);
        Assert.False(firstWaits.IsCompleted);
        // The second unit's wait for `a` would close the circle: it goes on at once, without the turn.
        Assert.False((await turns.TakeAsync(a, second, Ct)).Held);

        ReleaseAll(turns, second);
        Assert.True((await firstWaits).Held);
        firstsTurn.Release();
    }

    [Fact]
    public async Task A_circle_through_a_third_unit_is_seen_too()
    {
        var turns = Turns();
        var streams = StreamsOnDifferentTurns(turns, 3);
        var units = streams.Select(_ => new HashSet<int>()).ToArray();
        for (var i = 0; i < 3; i++)
        {
            await TakeAsync(turns, streams[i], units[i]);
        }

        // 0 waits for 1's stream, 1 for 2's; 2 wanting 0's would close the circle.
        var zeroWaits = turns.TakeAsync(streams[1], units[0], Ct);
        var oneWaits = turns.TakeAsync(streams[2], units[1], Ct);
        Assert.False(zeroWaits.IsCompleted || oneWaits.IsCompleted);
        Assert.False((await turns.TakeAsync(streams[0], units[2], Ct)).Held);

        ReleaseAll(turns, units[2]);
        Assert.True((await oneWaits).Held);
        ReleaseAll(turns, units[1]);
        Assert.True((await zeroWaits).Held);
    }

    private static async Task<StreamTurns.Turn> TakeAsync(StreamTurns turns, AggregateId stream, HashSet<int> unit)
    {
        var turn = await turns.TakeAsync(stream, unit, Ct);
        Assert.True(turn.Held);
        unit.Add(turn.Stripe);
        return turn;
    }

    private static void ReleaseAll(StreamTurns turns, HashSet<int> unit)
    {
        foreach (var stripe in unit)
        {
            new StreamTurns.Turn(turns, stripe).Release();
        }

        unit.Clear();
    }

    /// <summary>Two SKUs whose turns differ, the one with the lower turn first (turns are numbered by hash).</summary>
    private static (AggregateId Lower, AggregateId Upper) TwoStreamsOnDifferentTurns(StreamTurns turns)
    {
        var streams = StreamsOnDifferentTurns(turns, 64);
        return (streams[0], streams[^1]);
    }

    /// <summary>Up to <paramref name="count"/> SKUs on distinct turns, in the order of their turns.</summary>
    private static AggregateId[] StreamsOnDifferentTurns(StreamTurns turns, int count) =>
        [.. Enumerable.Range(0, 64)
            .Select(i => new AggregateId("inventory-item", $"sku-{i}"))
            .Select(sku =>
            {
                var turn = turns.TakeAsync(sku, new HashSet<int>(), Ct).GetAwaiter().GetResult();
                turn.Release();
                return (Sku: sku, turn.Stripe);
            })
            .DistinctBy(s => s.Stripe)
            .OrderBy(s => s.Stripe)
            .Take(count)
            .Select(s => s.Sku)];
}
