using System.Diagnostics;
using System.Text.Json;
using WeeEvents.Telemetry;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>
/// The command path's append stage: records a decision expecting the revision it was decided on (a lost race is a
/// <see cref="RevisionConflict"/>), and counts and describes what it recorded.
/// </summary>
internal sealed class EventAppender<TState>(ServiceDescription<TState> description, IEventStore store, WeeEventsTelemetryOptions telemetry)
{
    private readonly KeyValuePair<string, object?> _aggregateTag = new(Attributes.AggregateType, description.Info.Aggregate);

    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate, IReadOnlyList<DomainEvent> events, Revision decidedOn, EventMetadata metadata, CancellationToken cancellationToken)
    {
        using var activity = telemetry.Enabled ? Source.StartActivity($"append {aggregate.Type}") : null;
        var recorded = await store.AppendAsync(aggregate, events, new AppendOptions { ExpectedRevision = ExpectedRevision.At(decidedOn), Metadata = metadata }, cancellationToken);
        Record(activity, recorded);
        return recorded;
    }

    private void Record(Activity? activity, IReadOnlyList<RecordedEvent<JsonElement>> recorded)
    {
        if (!telemetry.Enabled)
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
                foreach (var (key, value) in telemetry.EventAttributes?.Invoke(e) ?? [])
                {
                    tags[key] = value;
                }

                activity.AddEvent(new ActivityEvent($"event {e.Type}", e.Timestamp, tags));
            }
        }
    }
}
