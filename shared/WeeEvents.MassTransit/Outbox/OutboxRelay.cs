using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using WeeEvents.Messaging;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Publishes committed outbox rows. A commit of this process hands the relay its rows as it returns, already leased
/// to this instance (<see cref="IOutboxStore.SubscribeToCommits"/>), and the relay publishes them at once, in commit
/// order per aggregate (<see cref="AggregateLines"/>). Everything else (rows given back, rows of a crashed or another
/// instance, rows committed before the relay started) it finds by polling: each round claims a batch (the store keeps
/// other instances off the same rows and off aggregates with earlier rows in flight) and publishes aggregates
/// concurrently, each aggregate's rows in order. Either way a row is marked dispatched only once the broker confirmed
/// it, and every other row is given back; a failed round backs off exponentially and tries again, for as long as it
/// takes: no row is dropped or skipped.
/// </summary>
public sealed partial class OutboxRelay : BackgroundService
{
    private readonly IOutboxStore _store;
    private readonly OutboxMessagePublisher _publisher;
    private readonly OutboxRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly ResiliencePipeline _backOff;
    private readonly AggregateLines _lines = new();
    private OutboxSettlement? _settlement;
    private long _pending;
    private long _nextCount;
    private CancellationToken _stopping;

    /// <summary>Creates the relay.</summary>
    public OutboxRelay(
        IOutboxStore store,
        OutboxMessagePublisher publisher,
        IOptions<OutboxRelayOptions> options,
        ILogger<OutboxRelay> logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _publisher = publisher;
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _backOff = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || !_stopping.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                OnRetry = args =>
                {
                    LogRoundFailed(args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Rows seen waiting at the last count.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var gauge = OutboxPendingGauge.Register(_options.Name, () => Pending);
        var settlement = new OutboxSettlement(_store, _logger);
        await using (settlement.ConfigureAwait(false))
        {
            Volatile.Write(ref _settlement, settlement);
            using (_store.SubscribeToCommits(Committed))
            {
                LogStarted(_options.Name, _options.BatchSize);
                await PollAsync(stoppingToken).ConfigureAwait(false);
            }

            try
            {
                // Publishes of handed-over rows under way settle before the settlement flushes.
                await _lines.SettledAsync().WaitAsync(_options.PublishTimeout, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // What is still in flight stays leased, and is claimed again once the lease ends.
            }
        }

        LogStopped(_options.Name);
    }

    /// <summary>Claims rounds until stopped; sleeps <see cref="OutboxRelayOptions.PollInterval"/> whenever a round found less than a batch.</summary>
    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await _backOff.ExecuteAsync(RunRoundAsync, stoppingToken).ConfigureAwait(false);
                if (claimed < _options.BatchSize)
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One round: claim, publish, settle. Returns how many rows were claimed.</summary>
    private async ValueTask<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        await CountPendingIfDueAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await _store.ClaimAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(claimed
            .GroupBy(c => c.Message.Source)
            .Select(g => PublishInOrderAsync([.. g.OrderBy(c => c.Position)], cancellationToken))).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            await SettleAsync(outcome).ConfigureAwait(false);
            Interlocked.Add(ref _pending, -Math.Min(outcome.Published.Count, Pending));
        }

        if (outcomes.FirstOrDefault(o => o.Error is not null) is { Error: { } error })
        {
            throw new OutboxPublishFailed(outcomes.Sum(o => o.Unpublished.Count), error);
        }

        return claimed.Count;
    }

    /// <summary>A commit of this process handed over its rows, leased to this instance: they join their aggregates' lines.</summary>
    private void Committed(IReadOnlyList<ClaimedOutboxMessage> rows)
    {
        if (rows.Count == 0 || _stopping.IsCancellationRequested || Volatile.Read(ref _settlement) is null)
        {
            return; // stopping: the rows stay leased until their lease ends, then the next claim takes them
        }

        var place = _lines.Join([.. rows.Select(r => r.Message.Source).Distinct()]);
        _ = PublishCommittedAsync(place, [.. rows.OrderBy(r => r.Position)]);
    }

    private async Task PublishCommittedAsync(AggregateLines.Place place, List<ClaimedOutboxMessage> rows)
    {
        var published = false;
        try
        {
            // Behind a commit that gave rows back, these go back too: the claims then keep the aggregate's order.
            var outcome = await place.AheadPublishedAsync().ConfigureAwait(false)
                ? await PublishInOrderAsync(rows, _stopping).ConfigureAwait(false)
                : new PublishOutcome([], [.. rows.Select(r => r.Position)], null);
            if (outcome.Error is not null && !_stopping.IsCancellationRequested)
            {
                LogHandedOverFailed(outcome.Error, outcome.Unpublished.Count);
            }

            await SettleAsync(outcome).ConfigureAwait(false);
            published = outcome.Unpublished.Count == 0;
        }
        finally
        {
            place.Leave(published);
        }
    }

    /// <summary>Publishes one aggregate's rows in order; stops at the first failure, since later rows wait for it.</summary>
    private async Task<PublishOutcome> PublishInOrderAsync(List<ClaimedOutboxMessage> rows, CancellationToken cancellationToken)
    {
        var published = new List<long>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.PublishTimeout);
                await _publisher.PublishAsync(row.Message, timeout.Token).ConfigureAwait(false);
                published.Add(row.Position);
                if (WeeEventsTelemetry.OutboxDispatchLatency.Enabled)
                {
                    WeeEventsTelemetry.OutboxDispatchLatency.Record(
                        Math.Max(0, (_time.GetUtcNow() - row.Message.CreatedAt).TotalSeconds),
                        new KeyValuePair<string, object?>("messaging.message.type", row.Message.MessageType));
                }
            }
            catch (Exception e)
            {
                return new PublishOutcome(published, [.. rows.Skip(i).Select(r => r.Position)], e);
            }
        }

        return new PublishOutcome(published, [], null);
    }

    private async Task SettleAsync(PublishOutcome outcome)
    {
        var settlement = Volatile.Read(ref _settlement)!;
        settlement.Dispatched(outcome.Published);
        await settlement.ReleaseAsync(outcome.Unpublished).ConfigureAwait(false);
    }

    private async Task CountPendingIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (now < Interlocked.Read(ref _nextCount))
        {
            return;
        }

        Interlocked.Exchange(ref _nextCount, now + (long)(_options.PendingCountInterval.TotalSeconds * _time.TimestampFrequency));
        Interlocked.Exchange(ref _pending, await _store.CountPendingAsync(cancellationToken).ConfigureAwait(false));
    }

    private sealed record PublishOutcome(IReadOnlyList<long> Published, IReadOnlyList<long> Unpublished, Exception? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay {Name} started (batch {BatchSize})")]
    private partial void LogStarted(string name, int batchSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay {Name} stopped")]
    private partial void LogStopped(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox round failed (attempt {Attempt}); backing off {Delay} and trying again")]
    private partial void LogRoundFailed(Exception? error, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} outbox row(s) handed over at commit failed; they go back to the claims")]
    private partial void LogHandedOverFailed(Exception error, int count);
}

/// <summary>Some rows of a round could not be published; they were given back and the round will be retried.</summary>
public sealed class OutboxPublishFailed(int count, Exception inner)
    : Exception($"{count} outbox message(s) were not confirmed by the broker and were released for a later attempt: {inner.Message}", inner);
