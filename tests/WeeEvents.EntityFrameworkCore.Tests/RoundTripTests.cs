using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.EntityFrameworkCore.Tests.Targets;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>What a command and a consumed message cost in statements: the hot path of every service.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public async Task An_append_at_a_revision_just_read_is_the_insert_alone_and_still_loses_to_a_writer_that_came_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        var log = new CommandLog();
        await using var provider = await BuildAsync(database, log);
        var store = provider.GetRequiredService<IEventStore>();
        var aggregate = new AggregateId("cart", "1");
        await store.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "a" })], AppendOptions.Default, ct);
        log.Commands.Clear();

        var read = new AppendOptions { ExpectedRevision = new Revision(1) };
        await store.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "b" })], read, ct);

        Assert.DoesNotContain(log.Commands, c => c.Contains("MAX(", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(log.Commands, c => c.Contains("INSERT INTO \"events\"", StringComparison.Ordinal));
        // A second writer that read revision 1 too is refused by the stream index.
        await Assert.ThrowsAsync<RevisionConflict>(() => store.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "c" })], read, ct));
        Assert.Equal(2, (await store.LoadAsync(aggregate, cancellationToken: ct)).Count);
    }

    [Fact]
    public async Task An_expected_revision_that_was_not_read_is_still_checked_against_the_stream()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        await using var provider = await BuildAsync(database, new CommandLog());
        var store = provider.GetRequiredService<IEventStore>();
        var aggregate = new AggregateId("cart", "2");
        await store.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "a" })], AppendOptions.Default, ct);

        // Revision 5 does not exist: appending after it would leave a gap.
        var conflict = await Assert.ThrowsAsync<RevisionConflict>(() => store.AppendAsync(
            aggregate, [DomainEvent.Create("note-taken", new { text = "b" })], new AppendOptions { ExpectedRevision = new Revision(5) }, ct));
        Assert.Equal(new Revision(1), conflict.Actual);
    }

    [Fact]
    public async Task A_unit_of_work_reads_an_aggregate_once_and_sees_its_own_appends()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        var log = new CommandLog();
        await using var provider = await BuildAsync(database, log, streamMemory: 0);
        var aggregate = new AggregateId("cart", "3");
        await provider.GetRequiredService<IEventStore>().AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "a" })], AppendOptions.Default, ct);
        log.Commands.Clear();

        await using (var unit = await provider.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct))
        {
            var checkedOnce = await unit.Events.LoadAsync(aggregate, cancellationToken: ct);
            var again = await unit.Events.LoadAsync(aggregate, cancellationToken: ct);
            await unit.Events.AppendAsync(
                aggregate,
                [DomainEvent.Create("note-taken", new { text = "b" })],
                new AppendOptions { ExpectedRevision = again[^1].Revision },
                ct);
            var afterAppend = await unit.Events.LoadAsync(aggregate, cancellationToken: ct);
            await unit.CommitAsync(ct);

            Assert.Single(checkedOnce);
            Assert.Equal(2, afterAppend.Count);
        }

        Assert.Single(log.Commands, c => c.Contains("FROM \"events\"", StringComparison.Ordinal));
        Assert.Equal(2, (await provider.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: ct)).Count);
    }

    [Fact]
    public async Task A_stream_this_process_committed_is_read_from_memory_and_one_another_writer_changed_since_is_refused_then_read_afresh()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        var log = new CommandLog();
        await using var provider = await BuildAsync(database, log);
        var units = provider.GetRequiredService<IUnitOfWorkFactory>();
        var aggregate = new AggregateId("cart", "4");
        await AppendInUnitAsync(units, aggregate, "a", ct);
        log.Commands.Clear();

        // The next message for the same cart reads nothing.
        await AppendInUnitAsync(units, aggregate, "b", ct);
        Assert.DoesNotContain(log.Commands, c => c.Contains("FROM \"events\"", StringComparison.Ordinal));

        // Another instance appends: what this one holds is now old, and its commit at the old revision is refused.
        await using var otherInstance = await BuildAsync(database, new CommandLog());
        var current = await otherInstance.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: ct);
        await otherInstance.GetRequiredService<IEventStore>().AppendAsync(
            aggregate, [DomainEvent.Create("note-taken", new { text = "c" })], new AppendOptions { ExpectedRevision = current[^1].Revision }, ct);
        await Assert.ThrowsAsync<RevisionConflict>(() => AppendInUnitAsync(units, aggregate, "d", ct));

        // The retry reads the database and appends after the other instance's event.
        Assert.Equal(new Revision(4), await AppendInUnitAsync(units, aggregate, "d", ct));
        Assert.Equal(["a", "b", "c", "d"], (await provider.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: ct)).Select(e => e.Data.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Two_units_of_one_process_on_one_stream_take_turns_so_the_second_reads_the_first_ones_commit_instead_of_conflicting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        await using var provider = await BuildAsync(database, new CommandLog(), streamMemory: 0);
        var units = provider.GetRequiredService<IUnitOfWorkFactory>();
        var aggregate = new AggregateId("cart", "5");
        await AppendInUnitAsync(units, aggregate, "a", ct);

        await using var first = await units.BeginAsync(ct);
        var read = await first.Events.LoadAsync(aggregate, cancellationToken: ct);
        var second = AppendInUnitAsync(units, aggregate, "c", ct);
        Assert.False(second.IsCompleted); // waiting for the first unit's turn
        await first.Events.AppendAsync(
            aggregate, [DomainEvent.Create("note-taken", new { text = "b" })], new AppendOptions { ExpectedRevision = read[^1].Revision }, ct);
        await first.CommitAsync(ct);

        Assert.Equal(new Revision(3), await second);
        Assert.Equal(["a", "b", "c"], (await provider.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: ct)).Select(e => e.Data.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_unit_that_starts_a_stream_without_reading_it_waits_for_the_unit_that_read_it_then_reads_instead_of_losing_at_commit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        // Turns waited for as long as a test runs, so the order below does not depend on the machine's speed.
        await using var provider = await BuildAsync(database, new CommandLog(), turnWait: TimeSpan.FromMinutes(5));
        var units = provider.GetRequiredService<IUnitOfWorkFactory>();
        var aggregate = new AggregateId("cart", "7");

        // One message reads the new stream and is about to start it; another starts it without reading (startsStream).
        await using var reader = await units.BeginAsync(ct);
        Assert.Empty(await reader.Events.LoadAsync(aggregate, cancellationToken: ct));
        await using var starter = await units.BeginAsync(ct);
        var start = starter.Events.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "started" })], new AppendOptions { ExpectedRevision = Revision.Initial }, ct);
        Assert.False(start.IsCompleted); // waiting for the reader's turn
        await reader.Events.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "read" })], new AppendOptions { ExpectedRevision = Revision.Initial }, ct);
        await reader.CommitAsync(ct);

        // Refused before its commit, so the command reads the stream (from memory) and decides on it.
        await Assert.ThrowsAsync<RevisionConflict>(() => start);
        var now = await starter.Events.LoadAsync(aggregate, cancellationToken: ct);
        await starter.Events.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "after" })], new AppendOptions { ExpectedRevision = now[^1].Revision }, ct);
        await starter.CommitAsync(ct);
        Assert.Equal(["read", "after"], (await provider.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: ct)).Select(e => e.Data.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task An_inbox_row_recorded_without_a_lookup_still_refuses_a_twin_at_commit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        var log = new CommandLog();
        await using var provider = await BuildAsync(database, log);
        var units = provider.GetRequiredService<IUnitOfWorkFactory>();
        var messageId = Guid.CreateVersion7();
        log.Commands.Clear();

        await using (var first = await units.BeginAsync(ct))
        {
            ((EfUnitOfWork)first).RecordHandledWithoutLookup("ship-order", messageId);
            await first.CommitAsync(ct);
        }

        Assert.DoesNotContain(log.Commands, c => c.Contains("FROM \"inbox\"", StringComparison.Ordinal));
        await using var twin = await units.BeginAsync(ct);
        ((EfUnitOfWork)twin).RecordHandledWithoutLookup("ship-order", messageId);
        var duplicate = await Assert.ThrowsAsync<DuplicateMessage>(() => twin.CommitAsync(ct));
        Assert.Equal(messageId, duplicate.MessageId);
    }

    [Fact]
    public async Task A_unit_of_a_route_that_waits_on_the_outside_makes_no_other_unit_wait_and_the_stream_index_settles_their_race()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        // Turns waited for as long as a test runs: a cancellation that waited for one would not finish in time.
        await using var provider = await BuildAsync(database, new CommandLog(), streamMemory: 0, turnWait: TimeSpan.FromMinutes(5));
        var units = provider.GetRequiredService<IUnitOfWorkFactory>();
        var aggregate = new AggregateId("cart", "6");
        await AppendInUnitAsync(units, aggregate, "a", ct);
        var charge = MessageRoutes.Empty.On<string>("cart.charge", _ => Task.CompletedTask, turn: RouteTurn.OutOfTurn).Routes[0];

        // The charge reads the cart, then waits on the gateway: the cancellation meanwhile goes ahead at once.
        await using var waiting = await units.BeginAsync(charge, ct);
        var read = await waiting.Events.LoadAsync(aggregate, cancellationToken: ct);
        var cancellation = AppendInUnitAsync(units, aggregate, "cancelled", ct);
        Assert.Equal(new Revision(2), await cancellation.WaitAsync(TimeSpan.FromSeconds(30), ct));

        await waiting.Events.AppendAsync(
            aggregate, [DomainEvent.Create("note-taken", new { text = "charged" })], new AppendOptions { ExpectedRevision = read[^1].Revision }, ct);
        await Assert.ThrowsAsync<RevisionConflict>(() => waiting.CommitAsync(ct));
    }

    [Fact]
    public async Task A_unit_of_a_route_that_waits_on_the_outside_still_lets_a_unit_at_work_on_its_stream_commit_first_and_reads_that()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        await using var provider = await BuildAsync(database, new CommandLog(), turnWait: TimeSpan.FromMinutes(5));
        var units = provider.GetRequiredService<IUnitOfWorkFactory>();
        var aggregate = new AggregateId("cart", "8");
        await AppendInUnitAsync(units, aggregate, "a", ct);
        var charge = MessageRoutes.Empty.On<string>("cart.charge", _ => Task.CompletedTask, turn: RouteTurn.OutOfTurn).Routes[0];

        await using var working = await units.BeginAsync(ct);
        var read = await working.Events.LoadAsync(aggregate, cancellationToken: ct);
        await using var outOfTurn = await units.BeginAsync(charge, ct);
        var seen = outOfTurn.Events.LoadAsync(aggregate, cancellationToken: ct);
        Assert.False(seen.IsCompleted); // waiting for the unit at work
        await working.Events.AppendAsync(
            aggregate, [DomainEvent.Create("note-taken", new { text = "b" })], new AppendOptions { ExpectedRevision = read[^1].Revision }, ct);
        await working.CommitAsync(ct);

        Assert.Equal(["a", "b"], (await seen).Select(e => e.Data.GetProperty("text").GetString()));
        // It holds no turn: another unit goes ahead at once while it waits on the outside world.
        Assert.Equal(new Revision(3), await AppendInUnitAsync(units, aggregate, "c", ct).WaitAsync(TimeSpan.FromSeconds(30), ct));
    }

    private static async Task<Revision> AppendInUnitAsync(IUnitOfWorkFactory units, AggregateId aggregate, string text, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(ct);
        var stream = await unit.Events.LoadAsync(aggregate, cancellationToken: ct);
        var revision = stream.Count == 0 ? Revision.Initial : stream[^1].Revision;
        var recorded = await unit.Events.AppendAsync(
            aggregate, [DomainEvent.Create("note-taken", new { text })], new AppendOptions { ExpectedRevision = revision }, ct);
        await unit.CommitAsync(ct);
        return recorded[^1].Revision;
    }

    private static async Task<ServiceProvider> BuildAsync(SqliteDatabase database, CommandLog log, int streamMemory = 100_000, TimeSpan? turnWait = null)
    {
        var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information))
            .AddWeeEventsStorage(o => (o.Provider, o.ConnectionString, o.StreamMemory, o.StreamTurnWait) = ("Sqlite", database.ConnectionString, streamMemory, turnWait ?? o.StreamTurnWait))
            .BuildServiceProvider();
        await provider.GetRequiredService<Schema.SchemaInitializer>().EnsureSchemaAsync(TestContext.Current.CancellationToken);
        return provider;
    }
}
