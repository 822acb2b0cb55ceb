using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.MassTransit.Tracing;
using WeeEvents.Messaging;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Handles one delivery for one route as one unit of work: the inbox row (route name + MessageId), every append and every
/// outbox row commit together. A message handled before is acknowledged and skipped, counted in
/// <c>wee_events.inbox.duplicates</c>. The inbox is looked up first only for a delivery that may repeat an earlier one of
/// this route (the broker's redelivery, or a retry); any other leaves a repeat to the inbox's unique key at commit, and,
/// should its handling fail, to a lookup then. Failures go to the endpoint's retry policy (<see cref="ConsumerOptions"/>).
/// </summary>
internal sealed partial class RouteProcessor(
    IUnitOfWorkFactory unitsOfWork,
    IOptions<ServiceOptions> serviceOptions,
    ILogger<RouteProcessor> logger,
    ILoggerFactory loggerFactory)
{
    // The unit of work is what is retried after a lost race, not the command inside the spoilt transaction.
    private readonly ServiceOptions _serviceOptions = serviceOptions.Value with { MaxConflictRetries = 0 };

    /// <summary>Handles <paramref name="context"/>'s message once for <paramref name="route"/>.</summary>
    public async Task HandleAsync<TMessage>(ConsumeContext<TMessage> context, MessageRoute<TMessage> route)
        where TMessage : class
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var cancellationToken = context.CancellationToken;
        using var activity = StartConsumeActivity(context, route.Name, messageId);
        try
        {
            var handled = await HandleOnceAsync(context, route, messageId, cancellationToken).ConfigureAwait(false);
            if (!handled)
            {
                Duplicate(activity, route.Name, messageId);
                return;
            }

            activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "success");
        }
        catch (Exception e)
        {
            activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "error");
            activity?.SetTag(WeeEventsTelemetry.Attributes.ErrorType, e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    /// <summary>Returns false when the message was handled before.</summary>
    private async Task<bool> HandleOnceAsync<TMessage>(ConsumeContext<TMessage> context, MessageRoute<TMessage> route, Guid messageId, CancellationToken cancellationToken)
        where TMessage : class
    {
        var mayRepeat = context.ReceiveContext.Redelivered || context.GetRetryAttempt() > 0 || context.GetRetryCount() > 0;
        var unitOfWork = await unitsOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (unitOfWork.ConfigureAwait(false))
        {
            if (mayRepeat && await unitOfWork.WasHandledAsync(route.Name, messageId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            unitOfWork.RecordHandled(route.Name, messageId);
            try
            {
                await route.HandleAsync(new Inbound<TMessage>(context.Message, messageId, unitOfWork.Events, CommandOptionsOf(context, messageId), _serviceOptions, loggerFactory, cancellationToken)).ConfigureAwait(false);
                await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DuplicateMessage)
            {
                return false;
            }
            catch (Exception e) when (!mayRepeat && e is not (RevisionConflict or OperationCanceledException))
            {
                // A message handled before may fail on what its first handling left (an order already paid): it is a
                // duplicate, not a failure. Anything else keeps its own error.
                if (await HandledBeforeAsync(route.Name, messageId, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                throw;
            }
        }
    }

    private async Task<bool> HandledBeforeAsync(string route, Guid messageId, CancellationToken cancellationToken)
    {
        try
        {
            var unitOfWork = await unitsOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (unitOfWork.ConfigureAwait(false))
            {
                return await unitOfWork.WasHandledAsync(route, messageId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLookupFailed(route, messageId, e);
            return false; // the handling's own error is the one to report
        }
    }

    private static CommandOptions CommandOptionsOf(ConsumeContext context, Guid messageId) => new()
    {
        CorrelationId = context.Headers.Get<string>(WeeEventsHeaders.CorrelationId) ?? context.CorrelationId?.ToString() ?? messageId.ToString(),
        CausationId = messageId.ToString(),
    };

    private void Duplicate(Activity? activity, string route, Guid messageId)
    {
        if (WeeEventsTelemetry.InboxDuplicates.Enabled)
        {
            WeeEventsTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("wee_events.consumer", route));
        }

        activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "duplicate");
        LogDuplicate(route, messageId);
    }

    private static Activity? StartConsumeActivity<TMessage>(ConsumeContext<TMessage> context, string route, Guid messageId)
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
            activity.SetTag("messaging.consumer.group.name", route);
            activity.SetTag(WeeEventsTelemetry.Attributes.CorrelationId, context.Headers.Get<string>(WeeEventsHeaders.CorrelationId));
            activity.SetTag("messaging.message.redelivered", context.ReceiveContext.Redelivered);
        }

        return activity;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped message {MessageId} for {Route}: handled before")]
    private partial void LogDuplicate(string route, Guid messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look up whether {Route} handled {MessageId} before")]
    private partial void LogLookupFailed(string route, Guid messageId, Exception error);
}
