using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.Messaging;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Publishes a commit's outbox rows as soon as the commit returns (see <see cref="IOutboxDispatcher"/>), so a
/// message costs one broker confirmation instead of a wait for the relay's next claim. Each aggregate has a line:
/// a commit takes its place before it commits, and publishes only once everything ahead of it for the same
/// aggregates is settled, so messages leave in commit order. Confirmed rows are marked dispatched in batches in the
/// background; a row that cannot be published is given back to the relay, and so is everything behind it in its
/// aggregate's line until the line is empty again, so the relay's claim order takes over.
/// </summary>
public sealed partial class OnCommitDispatcher : IOutboxDispatcher, IDisposable
{
    private readonly OutboxMessagePublisher _publisher;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOutboxSignal _signal;
    private readonly OutboxRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OnCommitDispatcher> _logger;
    private readonly Lock _lines = new();
    private readonly Dictionary<AggregateId, Task<bool>> _tails = [];
    private readonly OutboxSettlement _settlement;

    /// <summary>Creates the dispatcher.</summary>
    public OnCommitDispatcher(
        OutboxMessagePublisher publisher,
        IServiceScopeFactory scopes,
        IOutboxSignal signal,
        IOptions<OutboxRelayOptions> options,
        ILogger<OnCommitDispatcher> logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _publisher = publisher;
        _scopes = scopes;
        _signal = signal;
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _settlement = new OutboxSettlement(scopes, logger);
    }

    /// <inheritdoc />
    public IOutboxDispatch Begin(IEnumerable<AggregateId> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ahead = new List<Task<bool>>();
        var aggregates = sources.ToList();
        lock (_lines)
        {
            foreach (var aggregate in aggregates)
            {
                if (_tails.TryGetValue(aggregate, out var tail))
                {
                    ahead.Add(tail);
                }

                _tails[aggregate] = done.Task;
            }
        }

        return new Dispatch(this, aggregates, ahead, done);
    }

    /// <inheritdoc />
    public void Dispose() => _settlement.Dispose();

    private async Task RunAsync(Dispatch dispatch, IReadOnlyList<ClaimedOutboxMessage> messages)
    {
        var ok = true;
        try
        {
            // Everything ahead in these aggregates' lines settles first; if any of it went back to the relay, so does this.
            foreach (var previous in dispatch.Ahead)
            {
                ok &= await previous.ConfigureAwait(false);
            }

            var published = new List<long>(messages.Count);
            if (ok)
            {
                foreach (var message in messages.OrderBy(m => m.Position))
                {
                    try
                    {
                        using var timeout = new CancellationTokenSource(_options.PublishTimeout);
                        await _publisher.PublishAsync(message.Message, timeout.Token).ConfigureAwait(false);
                        published.Add(message.Position);
                        if (WeeEventsTelemetry.OutboxDispatchLatency.Enabled)
                        {
                            WeeEventsTelemetry.OutboxDispatchLatency.Record(
                                Math.Max(0, (_time.GetUtcNow() - message.Message.CreatedAt).TotalSeconds),
                                new KeyValuePair<string, object?>("messaging.message.type", message.Message.MessageType));
                        }
                    }
                    catch (Exception e)
                    {
                        LogPublishFailed(e, message.Message.MessageId);
                        ok = false;
                        break;
                    }
                }
            }

            _settlement.Dispatched(published);
            if (!ok)
            {
                await _settlement.ReleaseAsync([.. messages.Select(m => m.Position).Except(published)]).ConfigureAwait(false);
                _signal.Notify();
            }
        }
        finally
        {
            Finish(dispatch, ok);
        }
    }

    private void Finish(Dispatch dispatch, bool ok)
    {
        lock (_lines)
        {
            foreach (var aggregate in dispatch.Aggregates)
            {
                // The line ends here unless a later commit joined it.
                if (_tails.TryGetValue(aggregate, out var tail) && tail == dispatch.Done.Task)
                {
                    _tails.Remove(aggregate);
                }
            }
        }

        dispatch.Done.TrySetResult(ok);
    }

    private async Task AbandonAsync(Dispatch dispatch)
    {
        // Nothing was written: pass on whatever was ahead, so a failure ahead still holds back the commits behind.
        var ok = true;
        foreach (var previous in dispatch.Ahead)
        {
            ok &= await previous.ConfigureAwait(false);
        }

        Finish(dispatch, ok);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} on commit failed; the relay takes it over")]
    private partial void LogPublishFailed(Exception error, Guid messageId);

    private sealed class Dispatch(OnCommitDispatcher owner, IReadOnlyList<AggregateId> aggregates, IReadOnlyList<Task<bool>> ahead, TaskCompletionSource<bool> done) : IOutboxDispatch
    {
        private int _state; // 0 open, 1 committed, 2 abandoned

        public IReadOnlyList<AggregateId> Aggregates => aggregates;

        public IReadOnlyList<Task<bool>> Ahead => ahead;

        public TaskCompletionSource<bool> Done => done;

        public void Committed(IReadOnlyList<ClaimedOutboxMessage> messages)
        {
            ArgumentNullException.ThrowIfNull(messages);
            if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                _ = owner.RunAsync(this, messages);
            }
        }

        public void Dispose()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
            {
                _ = owner.AbandonAsync(this);
            }
        }
    }
}
