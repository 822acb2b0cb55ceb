using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using WeeEvents.MassTransit.Tracing;
using WeeEvents.Messaging;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Consumers;

/// <summary>
/// Runs a consumer's handling as one unit of work: the inbox row (consumer name + MessageId), every append and
/// every outbox row commit together. A message the inbox already holds is acknowledged and skipped, and counted in
/// <c>wee_events.inbox.duplicates</c>; so is one whose twin committed first while this one ran. A revision conflict
/// (another message of the same aggregate committed first) is handled again in a fresh unit of work after each of the
/// <see cref="ConflictPauses"/>, before the endpoint's retry policy takes over. The first try of a message's first
/// delivery takes streams its unit has never seen as new (<see cref="IUnitOfWork.AssumeUnknownStreamsNew"/>); should
/// it fail in any way, the message is handled again at once, reading them. The unit of work's
/// commit publishes (or wakes the relay for) the outbox rows it wrote.
/// </summary>
public sealed partial class InboxProcessor(
    IUnitOfWorkFactory unitsOfWork,
    ILogger<InboxProcessor> logger,
    ILoggerFactory? loggerFactory = null)
{
    // Conflicts are retried around the whole message (a fresh transaction), not inside the spoilt one.
    private static readonly ServiceOptions InTransaction = new() { MaxConflictRetries = 0 };

    /// <summary>
    /// The pauses (in milliseconds, each with as much again of jitter) before one delivery is handled again in a fresh
    /// unit of work after losing a revision race. The first are next to nothing: the winner is done, so a fresh load
    /// sees its events at once. They grow because a hot aggregate (a popular SKU) can lose many races in a row, and a
    /// message that gave up would leave its order waiting in the error queue. After the last, the conflict goes to
    /// the endpoint's retry policy (which backs off).
    /// </summary>
    public static readonly IReadOnlyList<int> ConflictPauses =
        [0, 1, 2, 4, 8, 15, 25, 35, 50, 70, 90, 120, 150, 200, 250, 300, 400, 500, 600, 800, 1_000, 1_000, 1_000];

    /// <summary>Handles <paramref name="context"/>'s message once for <paramref name="consumer"/>.</summary>
    /// <param name="context">The delivery.</param>
    /// <param name="consumer">The inbox name of the consumer: stable, since renaming it forgets what was handled.</param>
    /// <param name="handle">The handling; appends through <see cref="MessageHandling{TMessage}.Service{TState}"/>.</param>
    /// <returns>True when handled now, false when skipped as a duplicate.</returns>
    public async Task<bool> HandleAsync<TMessage>(ConsumeContext<TMessage> context, string consumer, Func<MessageHandling<TMessage>, Task> handle)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentNullException.ThrowIfNull(handle);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var cancellationToken = context.CancellationToken;

        using var activity = StartConsumeActivity(context, consumer, messageId);
        // The very first try of a first delivery may take unknown streams as new (IUnitOfWork.AssumeUnknownStreamsNew).
        // Any failure may come from a wrong guess (a stream of an order that exists, unseen since a restart: "no
        // reservation"), so every later try reads, beginning at once with the next one.
        var assumeNew = IsFirstDelivery(context) && context.GetRetryAttempt() == 0;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (!await HandleOnceAsync(context, messageId, consumer, handle, assumeNew, cancellationToken).ConfigureAwait(false))
                    {
                        return Duplicate(activity, consumer, messageId);
                    }

                    break;
                }
                catch (Exception e) when (assumeNew && e is not RevisionConflict && !cancellationToken.IsCancellationRequested)
                {
                    assumeNew = false;
                    LogGuessFailed(consumer, messageId, e);
                }
                catch (RevisionConflict conflict) when (attempt <= ConflictPauses.Count)
                {
                    assumeNew = false;
                    // Another message of the same aggregate committed first (the order hears its payment and its
                    // shipment at once; two orders take the same SKU). Retry here, in milliseconds, instead of through
                    // the endpoint's back-off, which is for failures that need time. Logged at debug: a conflict is routine.
                    LogConflictRetry(consumer, messageId, conflict.Aggregate, attempt);
                    var pause = ConflictPauses[attempt - 1];
                    await Task.Delay(pause + Random.Shared.Next(0, pause + 2), cancellationToken).ConfigureAwait(false);
                }
            }

            activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "success");
            return true;
        }
        catch (Exception e)
        {
            activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "error");
            activity?.SetTag(WeeEventsTelemetry.Attributes.ErrorType, e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    /// <summary>
    /// One attempt in its own unit of work. Returns false when the inbox already holds the message (or its twin
    /// committed first).
    /// </summary>
    private async Task<bool> HandleOnceAsync<TMessage>(
        ConsumeContext<TMessage> context, Guid messageId, string consumer, Func<MessageHandling<TMessage>, Task> handle, bool assumeNew, CancellationToken cancellationToken)
        where TMessage : class
    {
        var unitOfWork = await unitsOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (unitOfWork.ConfigureAwait(false))
        {
            if (IsFirstDelivery(context))
            {
                unitOfWork.RecordInbox(consumer, messageId);
                if (assumeNew)
                {
                    unitOfWork.AssumeUnknownStreamsNew();
                }
            }
            else if (!await unitOfWork.TryRecordInboxAsync(consumer, messageId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await handle(new MessageHandling<TMessage>(context, unitOfWork, InTransaction, loggerFactory)).ConfigureAwait(false);
            try
            {
                await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateMessage)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A message sent once, as its commit returned, and delivered for the first time cannot have been handled: looking
    /// it up in the inbox would cost a round trip to find nothing. A twin sent since (the relay's) is looked up; were
    /// it handled concurrently, the inbox's unique key refuses the second commit.
    /// </summary>
    private static bool IsFirstDelivery<TMessage>(ConsumeContext<TMessage> context)
        where TMessage : class =>
        !context.ReceiveContext.Redelivered && context.Headers.Get<string>(WeeEventsHeaders.FirstSend) == "true";

    private bool Duplicate(Activity? activity, string consumer, Guid messageId)
    {
        if (WeeEventsTelemetry.InboxDuplicates.Enabled)
        {
            WeeEventsTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("wee_events.consumer", consumer));
        }

        activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "duplicate");
        LogDuplicate(consumer, messageId);
        return false;
    }

    private static Activity? StartConsumeActivity<TMessage>(ConsumeContext<TMessage> context, string consumer, Guid messageId)
        where TMessage : class
    {
        if (!WeeEventsTelemetry.Source.HasListeners())
        {
            return null;
        }

        // Continue the trace of the command whose event this is. When MassTransit's own consume span already
        // continues it, nest under that; otherwise take the parent from the relay's traceparent header.
        var header = TraceContext.Parent(context.Headers.Get<string>(WeeEventsHeaders.TraceParent), context.Headers.Get<string>(WeeEventsHeaders.TraceState));
        var current = Activity.Current;
        var parent = header is { } h && (current is null || current.TraceId != h.TraceId) ? h : current?.Context ?? default;
        IEnumerable<ActivityLink>? links = header is { } l && current is not null && current.TraceId != l.TraceId ? [new ActivityLink(current.Context)] : null;
        var activity = WeeEventsTelemetry.Source.StartActivity($"consume {typeof(TMessage).Name}", ActivityKind.Consumer, parent, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.message.id", messageId.ToString());
            activity.SetTag("messaging.consumer.group.name", consumer);
            activity.SetTag(WeeEventsTelemetry.Attributes.CorrelationId, context.Headers.Get<string>(WeeEventsHeaders.CorrelationId));
            activity.SetTag("messaging.message.redelivered", context.ReceiveContext.Redelivered);
        }

        return activity;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision conflict on {Aggregate} while {Consumer} handled {MessageId}; handling it again at once (attempt {Attempt})")]
    private partial void LogConflictRetry(string consumer, Guid messageId, AggregateId aggregate, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} failed handling {MessageId} with streams it had never seen taken as new; handling it again at once, reading them")]
    private partial void LogGuessFailed(string consumer, Guid messageId, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped message {MessageId} for {Consumer}: handled before")]
    private partial void LogDuplicate(string consumer, Guid messageId);
}
