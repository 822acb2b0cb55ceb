using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Tracing;
using WeeEvents.Messaging;
using WeeEvents.Protection;
using WeeEvents.Storage;
using WeeEvents.Telemetry;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Handles one attempt at one delivery for one route as one unit of work: the inbox row (route name + MessageId), every
/// append and every outbox row commit together. A message handled before is acknowledged and skipped, counted in
/// <c>wee_events.inbox.duplicates</c>. The inbox is looked up first only for a delivery that may repeat an earlier one of
/// this route (the broker's redelivery, or a retry); any other leaves a repeat to the inbox's unique key at commit, and,
/// should its handling fail, to a look-up then. It retries nothing itself: it names the failure for the one retry that
/// handles its kind (<see cref="RouteRetries"/>), a failure while the service's readiness checks are red as a
/// <see cref="DependencyOutage"/>.
/// </summary>
internal sealed partial class RouteProcessor(
    IUnitOfWorkFactory unitsOfWork,
    IOptions<ServiceOptions> serviceOptions,
    ReadinessProbe readiness,
    ILogger<RouteProcessor> logger,
    ILoggerFactory loggerFactory,
    IServiceProvider services,
    IPersonalDataProtector? protector = null)
{
    // The unit of work is what is retried after a lost race (RouteRetries), not the command inside the spoilt transaction.
    private readonly ServiceOptions _serviceOptions = serviceOptions.Value with { ConflictRetry = ConflictRetryPolicy.None };

    /// <summary>Handles <paramref name="context"/>'s message once for <paramref name="route"/>.</summary>
    public async Task HandleAsync<TMessage>(ConsumeContext<TMessage> context, MessageRoute<TMessage> route)
        where TMessage : class
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var cancellationToken = context.CancellationToken;
        using var activity = StartConsumeActivity(context, route.Name, messageId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // A retry may follow a commit that landed before its connection dropped: look the inbox up first.
            var mayRepeat = context.ReceiveContext.Redelivered || context.GetRetryAttempt() > 0;
            var message = await RevealAsync(context, cancellationToken).ConfigureAwait(false);
            if (!await HandleOnceAsync(context, message, route, messageId, mayRepeat, cancellationToken).ConfigureAwait(false))
            {
                Duplicate(activity, route.Name, messageId);
                Took(started, route.Name, "duplicate");
                return;
            }

            readiness.Succeeded();
            activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "success");
            Took(started, route.Name, "success");
        }
        catch (Exception e)
        {
            Took(started, route.Name, "error");
            activity?.SetTag(WeeEventsTelemetry.Attributes.Outcome, "error");
            activity?.SetTag(WeeEventsTelemetry.Attributes.ErrorType, e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (e is RevisionConflict conflict)
            {
                // Routine (two orders took the same SKU): the race retry handles it again, in its turn.
                var retry = context.GetRetryAttempt();
                LogConflict(route.Name, messageId, conflict.Aggregate, retry);

                throw;
            }

            if (MayBeOutage(e) && await readiness.AnyAwayAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new DependencyOutage(route.Name, messageId, e);
            }

            throw;
        }
    }

    /// <summary>Whether a failure may be an outage's: not an answer that handling again cannot change, nor a race.</summary>
    private static bool MayBeOutage(Exception e) =>
        !RouteRetries.IsFinalAnswer(e) && e is not (RevisionConflict or OperationCanceledException or DuplicateMessage);

    /// <summary>
    /// The message with its personal fields decrypted by the keys it carries (or this service's own), so the route sees
    /// plain values; erased where the subject was forgotten, here or by the publisher.
    /// </summary>
    private async Task<TMessage> RevealAsync<TMessage>(ConsumeContext<TMessage> context, CancellationToken cancellationToken)
        where TMessage : class
    {
        var classification = PersonalDataClassification.Of(typeof(TMessage));
        if (protector is null || !classification.HasPersonalData)
        {
            return context.Message;
        }

        var header = context.Headers.Get<string>(WeeEventsHeaders.DataKeys);
        var carried = string.IsNullOrEmpty(header) ? null : JsonSerializer.Deserialize<CarriedKey[]>(header, WeeEventsJson.Options);
        // Bound as the publisher bound them: to the contract's URN, the subject the message names and the declared path;
        // a value that was moved here reads as erased, and is never re-encrypted under this service's key in the clear.
        var scope = new PersonalDataScope(classification, MessageTypeRegistry.UrnOf(typeof(TMessage)), context.Headers.Get<string>(WeeEventsHeaders.Source) ?? "");
        var json = JsonSerializer.Serialize(context.Message, WeeEventsJson.Options);
        var revealed = await protector.RevealAsync(scope, json, carried, cancellationToken).ConfigureAwait(false);
        return ReferenceEquals(revealed, json) ? context.Message : JsonSerializer.Deserialize<TMessage>(revealed, WeeEventsJson.Options) ?? context.Message;
    }

    /// <summary>Returns false when the message was handled before.</summary>
    private async Task<bool> HandleOnceAsync<TMessage>(ConsumeContext<TMessage> context, TMessage message, MessageRoute<TMessage> route, Guid messageId, bool mayRepeat, CancellationToken cancellationToken)
        where TMessage : class
    {
        var unitOfWork = await unitsOfWork.BeginAsync(route, cancellationToken).ConfigureAwait(false);
        await using (unitOfWork.ConfigureAwait(false))
        {
            // A first delivery stages its inbox row without a look-up (a round trip saved on nearly every message): a twin
            // is then refused at commit, and a failure is looked up below. Storage without that seam is looked up.
            var lookedUp = mayRepeat || unitOfWork is not IInboxWithoutLookup;
            if (lookedUp)
            {
                if (!await unitOfWork.TryRecordHandledAsync(route.Name, messageId, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
            else
            {
                ((IInboxWithoutLookup)unitOfWork).RecordHandledWithoutLookup(route.Name, messageId);
            }

            try
            {
                await route.HandleAsync(new Inbound<TMessage>(message, messageId, unitOfWork.Events, CommandOptionsOf(context, messageId, route.Name), _serviceOptions, loggerFactory, services, cancellationToken)).ConfigureAwait(false);
                await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DuplicateMessage)
            {
                return false;
            }
            catch (Exception e) when (!lookedUp && e is not (RevisionConflict or OperationCanceledException))
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

    private static CommandOptions CommandOptionsOf(ConsumeContext context, Guid messageId, string route) => new()
    {
        CorrelationId = context.Headers.Get<string>(WeeEventsHeaders.CorrelationId) ?? context.CorrelationId?.ToString() ?? messageId.ToString(),
        CausationId = messageId.ToString(),
        // A consumer's command is the service's own doing, authorised as the service: the audit trail says so.
        Caller = Caller.Service.ForRoute(route),
    };

    // One histogram update per delivery: what the operator's handling figures (and any metrics exporter) read.
    private static void Took(long started, string route, string outcome)
    {
        if (WeeEventsTelemetry.MessageDuration.Enabled)
        {
            WeeEventsTelemetry.MessageDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(WeeEventsTelemetry.Attributes.Consumer, route),
                new KeyValuePair<string, object?>(WeeEventsTelemetry.Attributes.Outcome, outcome));
        }
    }

    private void Duplicate(Activity? activity, string route, Guid messageId)
    {
        if (WeeEventsTelemetry.InboxDuplicates.Enabled)
        {
            WeeEventsTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>(WeeEventsTelemetry.Attributes.Consumer, route));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision conflict on {Aggregate} while {Route} handled {MessageId} (retry {Retry})")]
    private partial void LogConflict(string route, Guid messageId, AggregateId aggregate, int retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped message {MessageId} for {Route}: handled before")]
    private partial void LogDuplicate(string route, Guid messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look up whether {Route} handled {MessageId} before")]
    private partial void LogLookupFailed(string route, Guid messageId, Exception error);
}
