using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

public abstract partial class DurableStorageContract
{
    [Fact]
    public async Task An_append_writes_its_outbox_rows_in_the_same_commit()
    {
        var storage = await OpenAsync();
        var aggregate = NewAggregate();

        var recorded = await storage.Events.AppendAsync(aggregate, [ItemMapper.Item(1), ItemMapper.Note("no message"), ItemMapper.Item(2)], AppendOptions.Default, Ct);

        // No relay listens in this process: the rows wait, unclaimed, for any instance's claim.
        var claimed = await storage.Outbox.ClaimAsync(10, Ct);
        Assert.Equal([recorded[0].EventId, recorded[2].EventId], claimed.Select(c => c.Message.MessageId));
        Assert.All(claimed, c => Assert.Equal(aggregate, c.Message.Source));
        Assert.Equal([new Revision(1), new Revision(3)], claimed.Select(c => c.Message.SourceRevision));
        Assert.Equal(recorded[0].Data.GetRawText(), claimed[0].Message.Body);
    }

    [Fact]
    public async Task A_commit_hands_its_rows_to_the_subscribed_relay_leased_to_this_instance_and_in_commit_order()
    {
        var storage = await OpenAsync();
        var other = await OpenAsync();
        var aggregate = NewAggregate();
        var handedOver = new List<ClaimedOutboxMessage>();
        IReadOnlyList<RecordedEvent<System.Text.Json.JsonElement>> first, second;
        using (storage.Outbox.SubscribeToCommits(rows => handedOver.AddRange(rows)))
        {
            first = await storage.Events.AppendAsync(aggregate, [ItemMapper.Item(1), ItemMapper.Note("no message")], AppendOptions.Default, Ct);
            await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
            {
                second = await unit.Events.AppendAsync(aggregate, [ItemMapper.Item(2)], AppendOptions.Default, Ct);
                await unit.CommitAsync(Ct);
            }

            Assert.Throws<InvalidOperationException>(() => storage.Outbox.SubscribeToCommits(_ => { }));
        }

        Assert.Equal([first[0].EventId, second[0].EventId], handedOver.Select(h => h.Message.MessageId));
        Assert.True(handedOver[0].Position < handedOver[1].Position);
        Assert.All(handedOver, h => Assert.Equal(0, h.Attempts));
        // Leased to this instance: no other claims them while its relay publishes.
        Assert.Empty(await other.Outbox.ClaimAsync(10, Ct));
        Assert.Equal(2, await PendingAsync(storage));

        // Once the relay is gone, a commit's rows are left for any instance's claim.
        var later = NewAggregate();
        await storage.Events.AppendAsync(later, [ItemMapper.Item(3)], AppendOptions.Default, Ct);
        Assert.Equal([later], (await other.Outbox.ClaimAsync(10, Ct)).Select(c => c.Message.Source));
    }

    [Fact]
    public async Task A_unit_of_work_commits_appends_to_several_aggregates_its_inbox_row_and_outbox_rows_together()
    {
        var storage = await OpenAsync();
        var (first, second) = (NewAggregate(), NewAggregate("shelf"));
        var messageId = Guid.NewGuid();
        var extra = new OutboxMessage(Guid.NewGuid(), "urn:message:Test:Extra", "{}", first, new Revision(1), EventMetadata.Empty, DateTimeOffset.UtcNow);

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.True(await unit.TryRecordHandledAsync("reserve-stock", messageId, Ct));
            await unit.Events.AppendAsync(first, [ItemMapper.Item(1)], new AppendOptions { ExpectedRevision = Revision.Initial }, Ct);
            await unit.Events.AppendAsync(second, [ItemMapper.Item(2), ItemMapper.Item(3)], AppendOptions.Default, Ct);
            await unit.Events.AppendAsync(first, [ItemMapper.Note("again")], new AppendOptions { ExpectedRevision = new Revision(1) }, Ct);
            // Inside the unit, loads see what it has staged.
            Assert.Equal(2, (await unit.Events.LoadAsync(first, cancellationToken: Ct)).Count);
            unit.Enqueue(extra);
            // Nothing is visible outside before the commit.
            Assert.Empty(await storage.Events.LoadAsync(first, cancellationToken: Ct));
            await unit.CommitAsync(Ct);
        }

        Assert.Equal(2, (await storage.Events.LoadAsync(first, cancellationToken: Ct)).Count);
        Assert.Equal(2, (await storage.Events.LoadAsync(second, cancellationToken: Ct)).Count);
        Assert.True(await storage.Inbox.ContainsAsync("reserve-stock", messageId, Ct));
        Assert.Equal(4, await PendingAsync(storage));
    }

    [Fact]
    public async Task A_unit_of_work_that_fails_rolls_back_events_outbox_and_inbox_rows_together()
    {
        var storage = await OpenAsync();
        var (first, contested) = (NewAggregate(), NewAggregate());
        var messageId = Guid.NewGuid();

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.True(await unit.TryRecordHandledAsync("charge-payment", messageId, Ct));
            await unit.Events.AppendAsync(first, [ItemMapper.Item(1)], new AppendOptions { ExpectedRevision = Revision.Initial }, Ct);
            await unit.Events.AppendAsync(contested, [ItemMapper.Item(2)], new AppendOptions { ExpectedRevision = Revision.Initial }, Ct);
            unit.Enqueue(new OutboxMessage(Guid.NewGuid(), "urn:message:Test:Extra", "{}", first, new Revision(1), EventMetadata.Empty, DateTimeOffset.UtcNow));
            // Another writer takes the contested aggregate's first revision before this unit commits.
            await storage.Events.AppendAsync(contested, [ItemMapper.Note("first")], AppendOptions.Default, Ct);

            var conflict = await Assert.ThrowsAsync<RevisionConflict>(() => unit.CommitAsync(Ct));
            Assert.Equal(contested, conflict.Aggregate);
        }

        Assert.Empty(await storage.Events.LoadAsync(first, cancellationToken: Ct));
        Assert.Single(await storage.Events.LoadAsync(contested, cancellationToken: Ct));
        Assert.Equal(0, await PendingAsync(storage));
        Assert.False(await storage.Inbox.ContainsAsync("charge-payment", messageId, Ct));
        // The message can be handled again from scratch.
        await using var retry = await storage.UnitsOfWork.BeginAsync(Ct);
        Assert.True(await retry.TryRecordHandledAsync("charge-payment", messageId, Ct));
    }

    [Fact]
    public async Task A_unit_of_work_disposed_without_commit_writes_nothing()
    {
        var storage = await OpenAsync();
        var aggregate = NewAggregate();

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.True(await unit.TryRecordHandledAsync("c", Guid.NewGuid(), Ct));
            await unit.Events.AppendAsync(aggregate, [ItemMapper.Item(1)], AppendOptions.Default, Ct);
        }

        Assert.Empty(await storage.Events.LoadAsync(aggregate, cancellationToken: Ct));
        Assert.Equal(0, await PendingAsync(storage));
    }

    [Fact]
    public async Task A_message_already_in_the_inbox_is_reported_as_a_duplicate_and_nothing_is_appended()
    {
        var storage = await OpenAsync();
        var aggregate = NewAggregate();
        var messageId = Guid.NewGuid();
        await using (var first = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.True(await first.TryRecordHandledAsync("ship-order", messageId, Ct));
            await first.Events.AppendAsync(aggregate, [ItemMapper.Item(1)], AppendOptions.Default, Ct);
            await first.CommitAsync(Ct);
        }

        await using (var redelivery = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            var handle = await redelivery.TryRecordHandledAsync("ship-order", messageId, Ct);

            Assert.False(handle);
            // A second consumer of the same message is a different inbox row.
            Assert.True(await redelivery.TryRecordHandledAsync("bill-order", messageId, Ct));
        }

        Assert.Single(await storage.Events.LoadAsync(aggregate, cancellationToken: Ct));
        Assert.Equal(1, await PendingAsync(storage));
    }

    [Fact]
    public async Task Two_deliveries_handled_at_once_commit_once_and_the_second_gets_DuplicateMessage()
    {
        var storage = await OpenAsync();
        var other = await OpenAsync();
        var (a, b) = (NewAggregate(), NewAggregate());
        var messageId = Guid.NewGuid();
        await using var first = await storage.UnitsOfWork.BeginAsync(Ct);
        await using var second = await other.UnitsOfWork.BeginAsync(Ct);

        Assert.True(await first.TryRecordHandledAsync("reserve-stock", messageId, Ct));
        Assert.True(await second.TryRecordHandledAsync("reserve-stock", messageId, Ct));
        await first.Events.AppendAsync(a, [ItemMapper.Item(1)], AppendOptions.Default, Ct);
        await second.Events.AppendAsync(b, [ItemMapper.Item(2)], AppendOptions.Default, Ct);
        await first.CommitAsync(Ct);
        var duplicate = await Assert.ThrowsAsync<DuplicateMessage>(() => second.CommitAsync(Ct));

        Assert.Equal(("reserve-stock", messageId), (duplicate.Consumer, duplicate.MessageId));
        Assert.Single(await storage.Events.LoadAsync(a, cancellationToken: Ct));
        Assert.Empty(await storage.Events.LoadAsync(b, cancellationToken: Ct));
        Assert.Equal(1, await PendingAsync(storage));
    }

    [Fact]
    public async Task A_unit_that_starts_a_stream_without_reading_it_commits_it()
    {
        var storage = await OpenAsync();
        var aggregate = NewAggregate();

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            await unit.Events.AppendAsync(aggregate, [ItemMapper.Item(1)], new AppendOptions { ExpectedRevision = ExpectedRevision.New }, Ct);
            await unit.CommitAsync(Ct);
        }

        Assert.Single(await storage.Events.LoadAsync(aggregate, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_unit_that_starts_a_stream_another_instance_started_fails_as_a_lost_race()
    {
        var storage = await OpenAsync();
        var other = await OpenAsync();
        var aggregate = NewAggregate();
        // Written by another instance: this one has never seen the stream.
        await other.Events.AppendAsync(aggregate, [ItemMapper.Item(1)], AppendOptions.Default, Ct);

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            await unit.Events.AppendAsync(aggregate, [ItemMapper.Item(2)], new AppendOptions { ExpectedRevision = ExpectedRevision.New }, Ct);
            var conflict = await Assert.ThrowsAsync<RevisionConflict>(() => unit.CommitAsync(Ct));
            Assert.Equal(aggregate, conflict.Aggregate);
        }

        // The lost race taught this instance that the stream exists: starting it again fails at once, so a command
        // that creates reads the stream and decides on it instead of losing at commit again.
        await using (var retry = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            await Assert.ThrowsAsync<RevisionConflict>(() => retry.Events.AppendAsync(aggregate, [ItemMapper.Item(2)], new AppendOptions { ExpectedRevision = ExpectedRevision.New }, Ct));
        }

        Assert.Single(await storage.Events.LoadAsync(aggregate, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_unit_that_only_read_a_stream_from_memory_another_instance_moved_on_writes_nothing_and_the_next_unit_reads_it()
    {
        var storage = await OpenAsync();
        var other = await OpenAsync();
        var (read, written) = (NewAggregate(), NewAggregate());
        var messageId = Guid.NewGuid();
        // This instance commits the stream, so it keeps it in memory; then another instance appends to it.
        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.Empty(await unit.Events.LoadAsync(read, cancellationToken: Ct));
            await unit.Events.AppendAsync(read, [ItemMapper.Item(1)], new AppendOptions { ExpectedRevision = ExpectedRevision.New }, Ct);
            await unit.CommitAsync(Ct);
        }

        await other.Events.AppendAsync(read, [ItemMapper.Item(2)], AppendOptions.Default, Ct);

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.True(await unit.TryRecordHandledAsync("reserve-stock", messageId, Ct));
            // A handler deciding on the stream as this instance last knew it, and writing elsewhere.
            Assert.Single(await unit.Events.LoadAsync(read, cancellationToken: Ct));
            await unit.Events.AppendAsync(written, [ItemMapper.Item(3)], AppendOptions.Default, Ct);
            var conflict = await Assert.ThrowsAsync<RevisionConflict>(() => unit.CommitAsync(Ct));
            Assert.Equal(read, conflict.Aggregate);
        }

        Assert.Empty(await storage.Events.LoadAsync(written, cancellationToken: Ct));
        Assert.False(await storage.Inbox.ContainsAsync("reserve-stock", messageId, Ct));
        await using var retry = await storage.UnitsOfWork.BeginAsync(Ct);
        Assert.Equal(2, (await retry.Events.LoadAsync(read, cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task Inbox_rows_are_purged_after_the_window()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var storage = await OpenAsync(clock);
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await RecordAsync(old);
        clock.Advance(TimeSpan.FromDays(3));
        await RecordAsync(recent);

        // A cutoff in any offset works (PostgreSQL itself only takes UTC).
        var purged = await storage.Inbox.PurgeAsync((clock.GetUtcNow() - TimeSpan.FromDays(1)).ToOffset(TimeSpan.FromHours(2)), Ct);

        Assert.Equal(1, purged);
        Assert.False(await storage.Inbox.ContainsAsync("c", old, Ct));
        Assert.True(await storage.Inbox.ContainsAsync("c", recent, Ct));

        async Task RecordAsync(Guid id)
        {
            await using var unit = await storage.UnitsOfWork.BeginAsync(Ct);
            Assert.True(await unit.TryRecordHandledAsync("c", id, Ct));
            await unit.CommitAsync(Ct);
        }
    }

    [Fact]
    public async Task Idempotency_keys_keep_the_first_response_and_refuse_a_second_save()
    {
        var storage = await OpenAsync();
        var response = new IdempotentResponse("hash-1", 200, """{"revision":1,"name":"Zoë"}""", DateTimeOffset.UtcNow);

        Assert.Null(await storage.Idempotency.FindAsync("order", "key-1", Ct));
        Assert.True(await storage.Idempotency.TrySaveAsync("order", "key-1", response, Ct));
        Assert.False(await storage.Idempotency.TrySaveAsync("order", "key-1", response with { RequestHash = "hash-2", StatusCode = 409 }, Ct));
        Assert.True(await storage.Idempotency.TrySaveAsync("payment", "key-1", response, Ct));

        var found = await storage.Idempotency.FindAsync("order", "key-1", Ct);
        Assert.NotNull(found);
        Assert.Equal(("hash-1", 200, response.Body), (found.RequestHash, found.StatusCode, found.Body));
    }

    [Fact]
    public async Task An_idempotency_key_is_claimed_by_one_request_until_it_is_completed_or_released()
    {
        var storage = await OpenAsync();
        var store = storage.Idempotency;
        var at = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var longAgo = at.AddHours(-1);

        var first = await store.ClaimAsync("order", "claim-1", "hash-1", at, longAgo, Ct);
        var twin = await store.ClaimAsync("order", "claim-1", "hash-1", at, longAgo, Ct);
        var other = await store.ClaimAsync("order", "claim-1", "hash-2", at, longAgo, Ct);
        var pending = await store.FindAsync("order", "claim-1", Ct);
        await store.CompleteAsync("order", "claim-1", new IdempotentResponse("hash-1", 200, """{"revision":3}""", at), Ct);
        var done = await store.ClaimAsync("order", "claim-1", "hash-1", at, longAgo, Ct);

        Assert.Equal(IdempotencyClaimOutcome.Claimed, first.Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, twin.Outcome);
        Assert.Equal(("hash-1", IdempotencyClaimOutcome.InProgress), (other.RequestHash, other.Outcome));
        Assert.Null(pending);
        Assert.Equal(IdempotencyClaimOutcome.Completed, done.Outcome);
        Assert.Equal((200, """{"revision":3}"""), (done.Response!.StatusCode, done.Response.Body));
        Assert.Equal("""{"revision":3}""", (await store.FindAsync("order", "claim-1", Ct))?.Body);

        // A refused command gives its key back.
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await store.ClaimAsync("order", "claim-2", "hash-1", at, longAgo, Ct)).Outcome);
        await store.ReleaseAsync("order", "claim-2", Ct);
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await store.ClaimAsync("order", "claim-2", "hash-1", at, longAgo, Ct)).Outcome);
    }

    [Fact]
    public async Task An_abandoned_claim_is_resumed_by_exactly_one_of_its_concurrent_retries()
    {
        var storage = await OpenAsync();
        var store = storage.Idempotency;
        var claimedAt = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await store.ClaimAsync("order", "claim-3", "hash-1", claimedAt, claimedAt.AddHours(-1), Ct);
        var later = claimedAt.AddMinutes(2);

        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.ClaimAsync("order", "claim-3", "hash-1", later, later.AddMinutes(-1), Ct)));

        Assert.Equal(1, retries.Count(r => r.Outcome == IdempotencyClaimOutcome.Resumed));
        Assert.Equal(3, retries.Count(r => r.Outcome == IdempotencyClaimOutcome.InProgress));
    }
}
