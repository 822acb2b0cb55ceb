using System.Diagnostics;
using WeeEvents.Telemetry;
using System.Text.Json;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>What a service records of its commands and appends: spans, their tags and events, and metrics.</summary>
internal sealed partial class Service<TState>
{
    private void RecordAppended(Activity? activity, IReadOnlyList<RecordedEvent<JsonElement>> recorded)
    {
        if (!_telemetry.Enabled)
        {
            return;
        }

        foreach (var e in recorded)
        {
            var eventTag = new KeyValuePair<string, object?>(Attributes.EventType, e.Type);
            if (EventCount.Enabled)
            {
                EventCount.Add(1, _aggregateTag, eventTag);
            }

            if (EventSize.Enabled)
            {
                EventSize.Record(e.Data.GetRawText().Length, _aggregateTag, eventTag);
            }

            if (activity is { IsAllDataRequested: true })
            {
                var tags = new ActivityTagsCollection { [Attributes.EventType] = e.Type, [Attributes.Revision] = e.Revision.Value, ["wee_events.event.id"] = e.EventId.ToString() };
                foreach (var (key, value) in _telemetry.EventAttributes?.Invoke(e) ?? [])
                {
                    tags[key] = value;
                }

                activity.AddEvent(new ActivityEvent($"event {e.Type}", e.Timestamp, tags));
            }
        }
    }

    private void TagCommandSpan(Activity activity, string command, AggregateId aggregate, Func<JsonElement> payload)
    {
        activity.SetTag(Attributes.AggregateType, EntityType);
        activity.SetTag(Attributes.AggregateKey, aggregate.Key);
        activity.SetTag(Attributes.Command, command);
        if (!_telemetry.RecordPayloads && _telemetry.CommandAttributes is null)
        {
            return;
        }

        // Sensitive fields and personal data never reach a trace, whatever the switches say: the payload is masked
        // before anyone sees it (a trace outlives any forget).
        var json = Description.Dispatcher.TryFind(command, out var registration)
            ? Protection.PersonalDataWalker.Mask(payload(), Protection.PersonalDataClassification.Of(registration.CommandType), Masked)
            : payload();
        if (_telemetry.RecordPayloads)
        {
            activity.SetTag(Attributes.Payload, json.GetRawText());
        }

        foreach (var (key, value) in _telemetry.CommandAttributes?.Invoke(new CommandTelemetryContext(command, aggregate, json)) ?? [])
        {
            activity.SetTag(key, value);
        }
    }

    private void RecordOutcome(Activity? activity, string command, long started, string outcome, Exception? error)
    {
        if (!_telemetry.Enabled)
        {
            return;
        }

        var commandTag = new KeyValuePair<string, object?>(Attributes.Command, command);
        var outcomeTag = new KeyValuePair<string, object?>(Attributes.Outcome, outcome);
        if (CommandDuration.Enabled)
        {
            CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _aggregateTag, commandTag, outcomeTag);
        }

        if (CommandCount.Enabled)
        {
            CommandCount.Add(1, _aggregateTag, commandTag, outcomeTag);
        }

        if (error is not null)
        {
            var errorType = error.GetType().Name;
            if (CommandErrors.Enabled)
            {
                CommandErrors.Add(1, _aggregateTag, commandTag, new KeyValuePair<string, object?>(Attributes.ErrorType, errorType));
            }

            if (activity is not null)
            {
                activity.SetTag(Attributes.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
            }
        }

        activity?.SetTag(Attributes.Outcome, outcome);
    }

    private static string OutcomeOf(Exception error) => error switch
    {
        CommandValidationFailed => "invalid",
        DomainRuleViolation => "rejected",
        RevisionConflict => "conflict",
        HandlerNotFound or EntityNotAvailable => "not_found",
        _ => "error",
    };

    // A trace outlives any forget: personal fields are masked there as sensitive ones are.
    private const Protection.FieldClass Masked = Protection.FieldClass.Sensitive | Protection.FieldClass.Personal;
}
