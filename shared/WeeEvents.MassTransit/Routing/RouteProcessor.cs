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
/// Handles one delivery for one route as one unit of work: the inbox row (route name + MessageId), every append and every
/// outbox row commit together. A message handled before is acknowledged and skipped, counted in
/// <c>wee_events.inbox.duplicates</c>. The inbox is looked up first only for a delivery that may repeat an earlier one of
/// this route (the broker's redelivery, or a retry); any other leaves a repeat to the inbox's unique key at commit, and,
/// should its handling fail, to a lookup then. A lost revision race is handled again here, in a fresh unit of work,
/// after each of <see cref="ConsumerOptions.ConflictRetryIntervals"/>. A failure while the service's dependencies are
/// away waits at the <see cref="OutageGate"/> and is handled again when they answer; every other failure, and a race lost
/// that often, goes to the endpoint's retry policy.
/// </summary>
internal sealed partial class RouteProcessor(
    IUnitOfWorkFactory unitsOfWork,
    IOptions<ServiceOptions> serviceOptions,
    IOptions<ConsumerOptions> consumerOptions,
    OutageGate outages,
    ILogger<RouteProcessor> logger,
    ILoggerFactory loggerFactory,
    IServiceProvider services,
    IPersonalDataProtector? protector = null)
{
    // The unit of work is what is retried after a lost race, not the command inside the spoilt transaction.
    private readonly ServiceOptions _serviceOptions = serviceOptions.Value with { MaxConflictRetries = 0 };
    private readonly TimeSpan[] _conflictPauses = consumerOptions.Value.ConflictPauses;

    // A connection an outage cut fails one command, and the pool then drops the others it cut: a few fresh tries are
    // plenty, and a database that keeps failing so while the probe finds it answering is the retry policy's.
    private const int MaxDroppedConnections = 3;

    /// <summary>Handles <paramref name="context"/>'s message once for <paramref name="route"/>.</summary>
    public async Task HandleAsync<TMessage>(ConsumeContext<TMessage> context, MessageRoute<TMessage> route)
        where TMessage : class
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var cancellationToken = context.CancellationToken;
        using var activity = StartConsumeActivity(context, route.Name, messageId);
        try
        {
            // Revealed inside the loop: reading the message's keys needs the database, so an outage waits at the gate.
            TMessage? message = null;
            var mayRepeat = context.ReceiveContext.Redelivered || context.GetRetryAttempt() > 0;
            var droppedConnections = 0;
            while (true)
            {
                try
                {
                    message ??= await RevealAsync(context, cancellationToken).ConfigureAwait(false);
                    if (!await HandleRacingAsync(context, message, route, messageId, mayRepeat, cancellationToken).ConfigureAwait(false))
                    {
                        Duplicate(activity, route.Name, messageId);
                        return;
                    }

                    break;
                }
                catch (Exception e) when (MayPass(e))
                {
                    // The database or the broker away: wait for it rather than spend the message's retries, then handle
                    // the message again. A failure while everything answers is the message's own: the retry policy's;
                    // except a connection the database dropped (the probe's own connection is a fresh one), which a
                    // fresh unit of work gets past.
                    if (!await outages.WaitWhileAwayAsync(cancellationToken).ConfigureAwait(false)
                        && !(StorageOutage.IsCause(e) && ++droppedConnections <= MaxDroppedConnections))
                    {
                        throw;
                    }

                    LogHandledAfterOutage(route.Name, messageId, e.GetType().Name);
                    mayRepeat = true; // the commit may have landed before the connection dropped
                }
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

    /// <summary>Handles the message, again after each lost revision race; returns false when it was handled before.</summary>
    private async Task<bool> HandleRacingAsync<TMessage>(ConsumeContext<TMessage> context, TMessage message, MessageRoute<TMessage> route, Guid messageId, bool mayRepeat, CancellationToken cancellationToken)
        where TMessage : class
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await HandleOnceAsync(context, message, route, messageId, mayRepeat, cancellationToken).ConfigureAwait(false);
            }
            catch (RevisionConflict conflict) when (attempt < _conflictPauses.Length)
            {
                // Another message of the same aggregate committed first (two orders took the same SKU). The winner
                // is done, so a fresh unit sees its events at once: retried here in milliseconds, with jitter so
                // that losers do not meet again, rather than through the endpoint's back-off. Routine: debug.
                LogConflictRetry(route.Name, messageId, conflict.Aggregate, attempt + 1);
                mayRepeat = true; // a twin may have committed meanwhile
                var pause = _conflictPauses[attempt];
                await Task.Delay(pause + TimeSpan.FromTicks(Random.Shared.NextInt64(pause.Ticks + TimeSpan.TicksPerMillisecond)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

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

    /// <summary>Whether a failure may be an outage's: not an answer that handling again cannot change.</summary>
    private static bool MayPass(Exception e) =>
        e is not (CommandValidationFailed or DomainRuleViolation or HandlerNotFound or RevisionConflict or OperationCanceledException or DuplicateMessage);

    /// <summary>Returns false when the message was handled before.</summary>
    private async Task<bool> HandleOnceAsync<TMessage>(ConsumeContext<TMessage> context, TMessage message, MessageRoute<TMessage> route, Guid messageId, bool mayRepeat, CancellationToken cancellationToken)
        where TMessage : class
    {
        var unitOfWork = await unitsOfWork.BeginAsync(route, cancellationToken).ConfigureAwait(false);
        await using (unitOfWork.ConfigureAwait(false))
        {
            if (mayRepeat && await unitOfWork.WasHandledAsync(route.Name, messageId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            unitOfWork.RecordHandled(route.Name, messageId);
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

    private static CommandOptions CommandOptionsOf(ConsumeContext context, Guid messageId, string route) => new()
    {
        CorrelationId = context.Headers.Get<string>(WeeEventsHeaders.CorrelationId) ?? context.CorrelationId?.ToString() ?? messageId.ToString(),
        CausationId = messageId.ToString(),
        // A consumer's command is the service's own doing, authorised as the service: the audit trail says so.
        Caller = Caller.Service.ForRoute(route),
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision conflict on {Aggregate} while {Route} handled {MessageId}; handling it again (attempt {Attempt})")]
    private partial void LogConflictRetry(string route, Guid messageId, AggregateId aggregate, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} handles {MessageId} again after an outage ({Error})")]
    private partial void LogHandledAfterOutage(string route, Guid messageId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped message {MessageId} for {Route}: handled before")]
    private partial void LogDuplicate(string route, Guid messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look up whether {Route} handled {MessageId} before")]
    private partial void LogLookupFailed(string route, Guid messageId, Exception error);
}
