using System.Text.Json;
using WeeEvents.EntityFrameworkCore.Internal;

// EF Core's analyzer takes every namespace ending in EntityFrameworkCore.Internal for its own internals; this one is ours.
#pragma warning disable EF1001

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// What the process keeps of its streams: one entry a stream (its revision reached, its end as committed, its entity),
/// bounded by the events it holds now, each stream counted once and at least one, so a hot stream written again and
/// again stays while streams touched longest ago go first; forgotten through one path.
/// </summary>
public sealed class StreamMemoryTests
{
    private static AggregateId Sku(int n) => new("inventory-item", $"sku-{n}");

    private static IReadOnlyList<RecordedEvent<JsonElement>> Stream(AggregateId aggregate, int count) =>
        [.. Enumerable.Range(1, count).Select(revision => new RecordedEvent<JsonElement>(
            aggregate, Guid.CreateVersion7(), new Revision(revision), "stock-reserved", 1, DateTimeOffset.UnixEpoch, default, new EventMetadata()))];

    private static void Commit(StreamMemory memory, AggregateId aggregate, int count) => memory.Committed(aggregate, Stream(aggregate, count), new Revision(count));

    [Fact]
    public void A_stream_written_again_counts_once_with_the_events_it_has_now()
    {
        var memory = new StreamMemory(capacity: 10);

        for (var length = 1; length <= 8; length++)
        {
            Commit(memory, Sku(1), length);
        }

        Assert.Equal(8, memory.Held);
        Assert.Equal(8, memory.Events(Sku(1))?.Count);
    }

    [Fact]
    public void A_hot_stream_written_again_stays_while_the_stream_written_longest_ago_goes_first()
    {
        var memory = new StreamMemory(capacity: 10);
        Commit(memory, Sku(1), 3);
        Commit(memory, Sku(2), 3);
        Commit(memory, Sku(1), 4);

        Commit(memory, Sku(3), 4);

        Assert.Null(memory.Events(Sku(2)));
        Assert.False(memory.HasReached(Sku(2), new Revision(1)));
        Assert.Equal(4, memory.Events(Sku(1))?.Count);
        Assert.Equal(4, memory.Events(Sku(3))?.Count);
        Assert.Equal(8, memory.Held);
    }

    [Fact]
    public void The_later_revision_stays_when_two_commits_put_out_of_order()
    {
        var memory = new StreamMemory(capacity: 10);
        Commit(memory, Sku(1), 5);

        Commit(memory, Sku(1), 4);

        Assert.Equal(5, memory.Events(Sku(1))?.Count);
        Assert.Equal(5, memory.Held);
    }

    [Fact]
    public void A_stream_longer_than_the_capacity_keeps_no_events_but_its_revision()
    {
        var memory = new StreamMemory(capacity: 10);
        Commit(memory, Sku(1), 9);

        Commit(memory, Sku(1), 11);

        Assert.Null(memory.Events(Sku(1)));
        Assert.True(memory.HasReached(Sku(1), new Revision(11)));
        Assert.Equal(1, memory.Held);
    }

    [Fact]
    public void A_stream_known_only_by_its_revision_or_its_entity_counts_one()
    {
        var memory = new StreamMemory(capacity: 10);
        memory.Reached(Sku(1), new Revision(40));
        memory.Keep(Sku(2), "entity");

        Assert.Equal(2, memory.Held);
        Assert.True(memory.HasReached(Sku(1), new Revision(40)));
        Assert.False(memory.HasReached(Sku(1), new Revision(41)));
        Assert.Equal("entity", memory.Entity(Sku(2)));
    }

    [Fact]
    public void A_forgotten_stream_loses_its_events_and_its_entity_keeps_its_revision_and_frees_its_share()
    {
        var memory = new StreamMemory(capacity: 10);
        Commit(memory, Sku(1), 4);
        memory.Keep(Sku(1), "entity");
        Commit(memory, Sku(2), 4);

        memory.Forget(Sku(1));

        Assert.Null(memory.Events(Sku(1)));
        Assert.Null(memory.Entity(Sku(1)));
        Assert.True(memory.HasReached(Sku(1), new Revision(4)));
        Assert.Equal(1 + 4, memory.Held);
    }

    [Fact]
    public void A_revision_another_writer_took_is_remembered_as_reached()
    {
        var memory = new StreamMemory(capacity: 10);
        Commit(memory, Sku(1), 4);

        memory.Forget(Sku(1), taken: new Revision(5));

        Assert.Null(memory.Events(Sku(1)));
        Assert.True(memory.HasReached(Sku(1), new Revision(5)));
    }

    [Fact]
    public void Forgetting_a_subject_forgets_every_streams_events_and_entity()
    {
        var memory = new StreamMemory(capacity: 100);
        Commit(memory, Sku(1), 4);
        memory.Keep(Sku(1), "entity");
        memory.Keep(Sku(2), "entity");

        memory.ForgetAll();

        Assert.All(new[] { Sku(1), Sku(2) }, sku => Assert.Null(memory.Entity(sku)));
        Assert.Null(memory.Events(Sku(1)));
        Assert.True(memory.HasReached(Sku(1), new Revision(4)));
        Assert.Equal(2, memory.Held);
    }

    [Fact]
    public void A_capacity_of_zero_keeps_nothing()
    {
        var memory = new StreamMemory(capacity: 0);

        Commit(memory, Sku(1), 1);
        memory.Keep(Sku(1), "entity");

        Assert.False(memory.Enabled);
        Assert.Null(memory.Events(Sku(1)));
        Assert.Null(memory.Entity(Sku(1)));
        Assert.False(memory.HasReached(Sku(1), new Revision(1)));
    }
}
