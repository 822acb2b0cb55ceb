using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Outbox;

/// <summary>
/// The outbox for the relay, safe with several instances of a service on one database.
/// A claim is a lease: the row records who holds it and until when, and the claim transaction itself lasts
/// two short statements under a database-wide lock (so claims see one another). Publishing happens outside
/// any transaction; a crashed instance's rows come back when its lease ends. A row is claimable only when no
/// earlier pending row of its aggregate is leased, which keeps each aggregate's messages in order. While a relay of
/// this process is subscribed (<see cref="SubscribeToCommits"/>), a commit writes its rows already leased to this
/// instance and hands them to that relay as it returns.
/// </summary>
public sealed class EfOutboxStore(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IOptions<StorageOptions> options,
    TimeProvider? timeProvider = null) : IOutboxStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private Action<IReadOnlyList<ClaimedOutboxMessage>>? _relay;

    /// <summary>The name this instance records on the rows it claims.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ProviderLocks.AcquireAsync(db, ProviderLocks.OutboxClaimLock, cancellationToken);

        var now = StoreClock.Now(_time);
        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.DispatchedAt == null && (o.LeaseUntil == null || o.LeaseUntil < now))
            .Where(o => !db.Outbox.Any(p =>
                p.DispatchedAt == null && p.LeaseUntil != null && p.LeaseUntil >= now &&
                p.AggregateType == o.AggregateType && p.AggregateKey == o.AggregateKey && p.Position < o.Position))
            .OrderBy(o => o.Position)
            .Take(maxCount)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var positions = rows.ConvertAll(r => r.Position);
        var until = now + options.Value.OutboxLease;
        await db.Outbox.Where(o => positions.Contains(o.Position))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, InstanceId).SetProperty(o => o.LeaseUntil, until), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.ConvertAll(OutboxRows.ToClaimed);
    }

    /// <inheritdoc />
    public IDisposable SubscribeToCommits(Action<IReadOnlyList<ClaimedOutboxMessage>> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (Interlocked.CompareExchange(ref _relay, committed, null) is not null)
        {
            throw new InvalidOperationException("A relay already receives this outbox's commits: one per process.");
        }

        return new Subscription(this, committed);
    }

    /// <summary>
    /// Before a commit: leases its rows to this instance when a relay is subscribed, so no claim takes them while that
    /// relay publishes. Returns the relay to hand them to once committed (<see cref="HandOver"/>), or null.
    /// </summary>
    internal Action<IReadOnlyList<ClaimedOutboxMessage>>? LeaseToRelay(List<OutboxRow> rows, DateTimeOffset now)
    {
        var relay = Volatile.Read(ref _relay);
        if (relay is null || rows.Count == 0)
        {
            return null;
        }

        foreach (var row in rows)
        {
            row.ClaimedBy = InstanceId;
            row.LeaseUntil = now + options.Value.OutboxLease;
        }

        return relay;
    }

    /// <summary>After a commit: hands its leased rows (positions known now) to the relay <see cref="LeaseToRelay"/> returned.</summary>
    internal static void HandOver(Action<IReadOnlyList<ClaimedOutboxMessage>>? relay, List<OutboxRow> rows)
    {
        if (relay is null)
        {
            return;
        }

        try
        {
            relay(rows.ConvertAll(OutboxRows.ToClaimed));
        }
        catch (Exception)
        {
            // The commit stands whatever the relay does: rows it did not take come back to claims when their lease ends.
        }
    }

    /// <inheritdoc />
    public async Task MarkDispatchedAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0)
        {
            return;
        }

        var now = StoreClock.Now(_time);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(o => positions.Contains(o.Position))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, now).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only this instance's leases: a row whose lease ran out may be another instance's now.
        await db.Outbox.Where(o => positions.Contains(o.Position) && o.DispatchedAt == null && o.ClaimedBy == InstanceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
                      .SetProperty(o => o.ClaimedBy, (string?)null)
                      .SetProperty(o => o.Attempts, o => o.Attempts + 1),
                cancellationToken);
    }

    /// <summary>
    /// Deletes rows dispatched before <paramref name="dispatchedBefore"/>; returns how many. The storage's maintenance runs it
    /// with <see cref="StorageOptions.OutboxRetention"/>.
    /// </summary>
    public async Task<int> PurgeDispatchedAsync(DateTimeOffset dispatchedBefore, CancellationToken cancellationToken)
    {
        // PostgreSQL's timestamptz parameters must be UTC.
        var cutoff = dispatchedBefore.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.Where(o => o.DispatchedAt != null && o.DispatchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.LongCountAsync(o => o.DispatchedAt == null, cancellationToken);
    }

    private sealed class Subscription(EfOutboxStore store, Action<IReadOnlyList<ClaimedOutboxMessage>> committed) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref store._relay, null, committed);
    }
}
