using System.Text.Json;
using WeeEvents.EntityFrameworkCore.Internal;

// EF Core's analyzer takes every namespace ending in EntityFrameworkCore.Internal for its own internals; this one is ours.
#pragma warning disable EF1001

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// The cache of recently committed streams: bounded by the events it holds now, each stream counted once, so a hot
/// stream written again and again stays while streams written longest ago go first.
/// </summary>
public sealed class StreamCacheTests
{
    private static AggregateId Sku(int n) => new("inventory-item", $"sku-{n}");

    private static IReadOnlyList<RecordedEvent<JsonElement>> Stream(AggregateId aggregate, int count) =>
        [.. Enumerable.Range(1, count).Select(revision => new RecordedEvent<JsonElement>(
            aggregate, Guid.CreateVersion7(), new Revision(revision), "stock-reserved", 1, DateTimeOffset.UnixEpoch, default, new EventMetadata()))];

    [Fact]
    public void A_stream_written_again_counts_once_with_the_events_it_has_now()
    {
        var cache = new StreamCache(capacity: 10);

        for (var length = 1; length <= 8; length++)
        {
            cache.Put(Sku(1), Stream(Sku(1), length));
        }

        Assert.Equal(8, cache.EventsHeld);
        Assert.Equal(8, cache.Find(Sku(1))?.Count);
    }

    [Fact]
    public void A_hot_stream_written_again_stays_while_the_stream_written_longest_ago_goes_first()
    {
        var cache = new StreamCache(capacity: 10);
        cache.Put(Sku(1), Stream(Sku(1), 3));
        cache.Put(Sku(2), Stream(Sku(2), 3));
        cache.Put(Sku(1), Stream(Sku(1), 4));

        cache.Put(Sku(3), Stream(Sku(3), 4));

        Assert.Null(cache.Find(Sku(2)));
        Assert.Equal(4, cache.Find(Sku(1))?.Count);
        Assert.Equal(4, cache.Find(Sku(3))?.Count);
        Assert.Equal(8, cache.EventsHeld);
    }

    [Fact]
    public void The_later_revision_stays_when_two_commits_put_out_of_order()
    {
        var cache = new StreamCache(capacity: 10);
        cache.Put(Sku(1), Stream(Sku(1), 5));

        cache.Put(Sku(1), Stream(Sku(1), 4));

        Assert.Equal(5, cache.Find(Sku(1))?.Count);
        Assert.Equal(5, cache.EventsHeld);
    }

    [Fact]
    public void A_stream_longer_than_the_capacity_is_not_kept_and_its_older_entry_is_forgotten()
    {
        var cache = new StreamCache(capacity: 10);
        cache.Put(Sku(1), Stream(Sku(1), 9));

        cache.Put(Sku(1), Stream(Sku(1), 11));

        Assert.Null(cache.Find(Sku(1)));
        Assert.Equal(0, cache.EventsHeld);
    }

    [Fact]
    public void A_dropped_stream_is_read_from_the_database_again_and_frees_its_share()
    {
        var cache = new StreamCache(capacity: 10);
        cache.Put(Sku(1), Stream(Sku(1), 4));
        cache.Put(Sku(2), Stream(Sku(2), 4));

        cache.Drop(Sku(1));

        Assert.Null(cache.Find(Sku(1)));
        Assert.Equal(4, cache.EventsHeld);
    }

    [Fact]
    public void A_capacity_of_zero_keeps_nothing()
    {
        var cache = new StreamCache(capacity: 0);

        cache.Put(Sku(1), Stream(Sku(1), 1));

        Assert.False(cache.Enabled);
        Assert.Null(cache.Find(Sku(1)));
    }
}
