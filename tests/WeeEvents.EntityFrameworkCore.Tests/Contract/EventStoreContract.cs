using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

/// <summary>
/// What every <see cref="IEventStore"/> promises, run against each store: the in-memory one and the EF Core
/// store on each database.
/// </summary>
public abstract partial class EventStoreContract : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, empty store (called inside the test, so a target may skip from here).</summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static AggregateId NewAggregate(string type = "cart") => new(type, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Events_and_metadata_round_trip_exactly_including_unicode()
    {
        var store = await CreateStoreAsync();
        var aggregate = new AggregateId("cart", "ключ-🛒-" + Guid.NewGuid().ToString("N"));
        var metadata = new EventMetadata
        {
            CorrelationId = "order-42",
            CausationId = Guid.NewGuid().ToString(),
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            TraceState = "rojo=00f067aa0ba902b7",
            Actor = "Zoë Ångström 山田",
            IdempotencyKey = "key-ü-✓",
        };
        var data = JsonElement.Parse("""{"name":"Grüße aus Köln 🍺","tags":["日本語","emoji 😀"],"price":9.99,"nested":{"none":null,"zero":0}}""");
        var appended = await store.AppendAsync(aggregate, [new DomainEvent("item-added", data, 3), ItemNote()], new AppendOptions { ExpectedRevision = Revision.Initial, Metadata = metadata }, Ct);

        var loaded = await store.LoadAsync(aggregate, cancellationToken: Ct);

        Assert.Equal(2, loaded.Count);
        for (var i = 0; i < loaded.Count; i++)
        {
            AssertSame(appended[i], loaded[i]);
        }

        Assert.Equal(metadata, loaded[0].Metadata);
        Assert.Equal(3, loaded[0].SchemaVersion);
        Assert.Equal(data.GetRawText(), loaded[0].Data.GetRawText());
        Assert.Equal([new Revision(1), new Revision(2)], loaded.Select(e => e.Revision));
        Assert.True(loaded[0].EventId.Version == 7 && loaded[1].EventId.Version == 7, "event ids are UUIDv7");
    }

    [Fact]
    public async Task A_one_megabyte_payload_round_trips()
    {
        var store = await CreateStoreAsync();
        var aggregate = NewAggregate();
        var text = new StringBuilder(1 << 20);
        var alphabet = "abcdefghijklmnopqrstuvwxyzäöü€";
        for (var i = 0; text.Length < (1 << 20); i++)
        {
            text.Append(alphabet[i % alphabet.Length]);
        }

        var big = DomainEvent.Create("blob-attached", new { blob = text.ToString() });
        await store.AppendAsync(aggregate, [big], AppendOptions.Default, Ct);

        var loaded = Assert.Single(await store.LoadAsync(aggregate, cancellationToken: Ct));

        Assert.Equal(big.Data.GetRawText(), loaded.Data.GetRawText());
        Assert.True(loaded.Data.GetRawText().Length > 1_000_000);
    }

    [Fact]
    public async Task An_unknown_aggregate_loads_no_events()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.LoadAsync(NewAggregate(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Appending_at_a_stale_or_future_revision_is_a_conflict_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var aggregate = NewAggregate();
        await store.AppendAsync(aggregate, [ItemNote(), ItemNote()], AppendOptions.Default, Ct);

        var stale = await Assert.ThrowsAsync<RevisionConflict>(() => store.AppendAsync(aggregate, [ItemNote()], new AppendOptions { ExpectedRevision = new Revision(1) }, Ct));
        var ahead = await Assert.ThrowsAsync<RevisionConflict>(() => store.AppendAsync(aggregate, [ItemNote()], new AppendOptions { ExpectedRevision = new Revision(5) }, Ct));
        var fresh = await Assert.ThrowsAsync<RevisionConflict>(() => store.AppendAsync(aggregate, [ItemNote()], new AppendOptions { ExpectedRevision = Revision.Initial }, Ct));

        Assert.Equal(new Revision(1), stale.Expected);
        Assert.Equal(new Revision(5), ahead.Expected);
        Assert.Equal(aggregate, fresh.Aggregate);
        Assert.Equal(2, (await store.LoadAsync(aggregate, cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task Appending_without_an_expected_revision_continues_the_stream()
    {
        var store = await CreateStoreAsync();
        var aggregate = NewAggregate();
        await store.AppendAsync(aggregate, [ItemNote()], AppendOptions.Default, Ct);

        var second = await store.AppendAsync(aggregate, [ItemNote(), ItemNote()], AppendOptions.Default, Ct);

        Assert.Equal([new Revision(2), new Revision(3)], second.Select(e => e.Revision));
    }

    [Fact]
    public async Task Loads_up_to_a_revision_and_after_a_revision()
    {
        var store = await CreateStoreAsync();
        var aggregate = NewAggregate();
        await store.AppendAsync(aggregate, [.. Enumerable.Range(1, 10).Select(i => DomainEvent.Create("counted", new { i }))], AppendOptions.Default, Ct);
        await store.AppendAsync(NewAggregate(), [ItemNote()], AppendOptions.Default, Ct);

        var upTo = await store.LoadAsync(aggregate, new LoadOptions { UpToRevision = new Revision(4) }, Ct);
        var after = await store.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(7) }, Ct);
        var window = await store.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(2), UpToRevision = new Revision(5) }, Ct);

        Assert.Equal([1L, 2, 3, 4], upTo.Select(e => e.Revision.Value));
        Assert.Equal([8L, 9, 10], after.Select(e => e.Revision.Value));
        Assert.Equal([3L, 4, 5], window.Select(e => e.Revision.Value));
        Assert.Equal([3, 4, 5], window.Select(e => e.Data.GetProperty("i").GetInt32()));
    }

    [Fact]
    public async Task Eight_writers_racing_on_one_aggregate_write_every_revision_once_and_the_losers_get_RevisionConflict()
    {
        var store = await CreateStoreAsync();
        var aggregate = NewAggregate();
        const int writers = 8;
        const int appendsEach = 10;
        var conflicts = 0;
        var firstRoundWinners = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new ConcurrentBag<Guid>();

        async Task WriteAsync(int writer)
        {
            // Round one: everyone claims revision 1 at once; exactly one may win.
            await go.Task;
            try
            {
                var first = await store.AppendAsync(aggregate, [DomainEvent.Create("counted", new { writer, n = 0 })], new AppendOptions { ExpectedRevision = Revision.Initial }, Ct);
                written.Add(first[0].EventId);
                Interlocked.Increment(ref firstRoundWinners);
            }
            catch (RevisionConflict)
            {
                Interlocked.Increment(ref conflicts);
            }

            // Then each writes its share, reading the stream and retrying when another got there first.
            for (var n = 1; n <= appendsEach;)
            {
                var current = (await store.LoadAsync(aggregate, cancellationToken: Ct)).Count;
                try
                {
                    var recorded = await store.AppendAsync(aggregate, [DomainEvent.Create("counted", new { writer, n })], new AppendOptions { ExpectedRevision = new Revision(current) }, Ct);
                    written.Add(recorded[0].EventId);
                    n++;
                }
                catch (RevisionConflict)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        var running = Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w), Ct)).ToArray();
        go.SetResult();
        await Task.WhenAll(running);

        var stream = await store.LoadAsync(aggregate, cancellationToken: Ct);
        Assert.Equal(1, firstRoundWinners);
        Assert.True(conflicts >= writers - 1, $"expected at least {writers - 1} conflicts, saw {conflicts}");
        Assert.Equal(1 + (writers * appendsEach), stream.Count);
        Assert.Equal(Enumerable.Range(1, stream.Count).Select(i => (long)i), stream.Select(e => e.Revision.Value));
        Assert.Equal(written.Order(), stream.Select(e => e.EventId).Order());
        Assert.Equal(stream.Count, stream.Select(e => e.EventId).Distinct().Count());
    }

    protected static DomainEvent ItemNote() => DomainEvent.Create("note-taken", new { text = "n" });

    protected static void AssertSame(RecordedEvent<JsonElement> expected, RecordedEvent<JsonElement> actual)
    {
        Assert.Equal(expected.Aggregate, actual.Aggregate);
        Assert.Equal(expected.EventId, actual.EventId);
        Assert.Equal(expected.Revision, actual.Revision);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.SchemaVersion, actual.SchemaVersion);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Data.GetRawText(), actual.Data.GetRawText());
        Assert.Equal(expected.Metadata, actual.Metadata);
    }
}
