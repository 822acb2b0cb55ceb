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
/// <c>wee_events.inbox.duplicates</c>; so is one whose twin committed first while this one ran.
/// </summary>
public sealed partial class InboxProcessor(
    IUnitOfWorkFactory unitsOfWork,
    IOutboxSignal signal,
    ILogger<InboxProcessor> logger,
    ILoggerFactory? loggerFactory = null)
{
    // Conflicts are retried around the whole message (a fresh transaction), not inside the spoilt one.
    private static readonly ServiceOptions InTransaction = new() { MaxConflictRetries = 0 };

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
        try
        {
            var unitOfWork = await unitsOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (unitOfWork.ConfigureAwait(false))
            {
                if (!await unitOfWork.TryRecordInboxAsync(consumer, messageId, cancellationToken).ConfigureAwait(false))
                {
                    return Duplicate(activity, consumer, messageId);
                }

                await handle(new MessageHandling<TMessage>(context, unitOfWork, InTransaction, loggerFactory)).ConfigureAwait(false);
                try
                {
                    await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DuplicateMessage)
                {
                    return Duplicate(activity, consumer, messageId);
                }
            }

            // Whatever the handler appended may have produced outbox rows: wake the relay now rather than at its next poll.
            signal.Notify();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped message {MessageId} for {Consumer}: handled before")]
    private partial void LogDuplicate(string consumer, Guid messageId);
}
