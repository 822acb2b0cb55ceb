using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using WeeEvents.Messaging;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Publishes committed outbox rows. Each round claims a batch (the store keeps other instances off the same rows
/// and off aggregates with earlier rows in flight), publishes aggregates concurrently and each aggregate's rows in
/// order, marks rows dispatched only once the broker confirmed them, and gives every other row back. A failed round
/// backs off exponentially and tries again, for as long as it takes: no row is dropped or skipped.
/// </summary>
public sealed partial class OutboxRelay : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOutboxSignal _signal;
    private readonly OutboxMessagePublisher _publisher;
    private readonly OutboxRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly ResiliencePipeline _backOff;
    private long _pending;
    private long _nextHousekeeping;
    private CancellationToken _stopping;

    /// <summary>Creates the relay.</summary>
    public OutboxRelay(
        IServiceScopeFactory scopes,
        IOutboxSignal signal,
        OutboxMessagePublisher publisher,
        IOptions<OutboxRelayOptions> options,
        ILogger<OutboxRelay> logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _signal = signal;
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
        LogStarted(_options.Name, _options.BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await _backOff.ExecuteAsync(RunRoundAsync, stoppingToken).ConfigureAwait(false);
                if (claimed < _options.BatchSize)
                {
                    // Caught up: sleep until a local commit wakes us, or poll for rows written by other instances.
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        LogStopped(_options.Name);
    }

    /// <summary>One round: claim, publish, settle. Returns how many rows were claimed.</summary>
    private async ValueTask<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IOutboxStore>();
            await HousekeepAsync(store, cancellationToken).ConfigureAwait(false);
            var claimed = await store.ClaimAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return 0;
            }

            var outcomes = await Task.WhenAll(claimed
                .GroupBy(c => c.Message.Source)
                .Select(g => PublishInOrderAsync(g.OrderBy(c => c.Position).ToList(), cancellationToken))).ConfigureAwait(false);

            var dispatched = outcomes.SelectMany(o => o.Published).ToList();
            var released = outcomes.SelectMany(o => o.Unpublished).ToList();
            if (dispatched.Count > 0)
            {
                // Not cancellable: the broker has these; forgetting that would only cause duplicates.
                await store.MarkDispatchedAsync(dispatched, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _pending, -Math.Min(dispatched.Count, Pending));
            }

            if (released.Count > 0)
            {
                await store.ReleaseAsync(released, CancellationToken.None).ConfigureAwait(false);
                var error = outcomes.Select(o => o.Error).First(e => e is not null)!;
                throw new OutboxPublishFailed(released.Count, error);
            }

            return claimed.Count;
        }
    }

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
                // Later rows of this aggregate wait for this one: order within an aggregate is kept.
                return new PublishOutcome(published, rows.Skip(i).Select(r => r.Position).ToList(), e);
            }
        }

        return new PublishOutcome(published, [], null);
    }

    private async Task HousekeepAsync(IOutboxStore store, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (now < Interlocked.Read(ref _nextHousekeeping))
        {
            return;
        }

        Interlocked.Exchange(ref _nextHousekeeping, now + (long)(_options.HousekeepingInterval.TotalSeconds * _time.TimestampFrequency));
        Interlocked.Exchange(ref _pending, await store.CountPendingAsync(cancellationToken).ConfigureAwait(false));
        var purged = await store.PurgeDispatchedAsync(_time.GetUtcNow() - _options.KeepDispatchedFor, cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(purged);
        }
    }

    private sealed record PublishOutcome(IReadOnlyList<long> Published, IReadOnlyList<long> Unpublished, Exception? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay {Name} started (batch {BatchSize})")]
    private partial void LogStarted(string name, int batchSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay {Name} stopped")]
    private partial void LogStopped(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox round failed (attempt {Attempt}); backing off {Delay} and trying again")]
    private partial void LogRoundFailed(Exception? error, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} dispatched outbox rows")]
    private partial void LogPurged(int count);
}

/// <summary>Some rows of a round could not be published; they were given back and the round will be retried.</summary>
public sealed class OutboxPublishFailed(int count, Exception inner)
    : Exception($"{count} outbox message(s) were not confirmed by the broker and were released for a later attempt: {inner.Message}", inner);
