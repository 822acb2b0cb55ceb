using System.Diagnostics;
using System.Text.Json;
using WeeEvents.Telemetry;
using static WeeEvents.Telemetry.WeeEventsTelemetry;

namespace WeeEvents;

/// <summary>
/// Telemetry of commands, around any <see cref="IService{TState}"/>: one span per command (<c>command {name}</c>, the
/// stages' spans its children) and the command metrics, by outcome. Loads are passed through: the loader records them.
/// </summary>
internal sealed class TracedService<TState>(IService<TState> inner, WeeEventsTelemetryOptions telemetry) : IService<TState>
{
    private readonly KeyValuePair<string, object?> _aggregateTag = new(Attributes.AggregateType, inner.Description.Info.Aggregate);

    public ServiceDescription<TState> Description => inner.Description;

    public Task<Entity<TState>> ExecuteAsync(string command, AggregateId aggregate, JsonElement payload, CommandOptions options, CancellationToken cancellationToken = default) =>
        TraceAsync(command, aggregate, options, () => payload, o => inner.ExecuteAsync(command, aggregate, payload, o, cancellationToken));

    public Task<Entity<TState>> ExecuteAsync<TCommand>(string command, AggregateId aggregate, TCommand payload, CommandOptions options, CancellationToken cancellationToken = default) =>
        TraceAsync(command, aggregate, options, () => JsonSerializer.SerializeToElement(payload, WeeEventsJson.Options), o => inner.ExecuteAsync(command, aggregate, payload, o, cancellationToken));

    public Task<Entity<TState>> LoadAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, cancellationToken);

    public Task<Entity<TState>> LoadOrInitialAsync(AggregateId aggregate, CancellationToken cancellationToken = default) => inner.LoadOrInitialAsync(aggregate, cancellationToken);

    public Task<Entity<TState>> LoadAsync(AggregateId aggregate, Revision revision, CancellationToken cancellationToken = default) => inner.LoadAsync(aggregate, revision, cancellationToken);

    private async Task<Entity<TState>> TraceAsync(string command, AggregateId aggregate, CommandOptions options, Func<JsonElement> payload, Func<CommandOptions, Task<Entity<TState>>> run)
    {
        // A command names its caller: none is refused here, as by the command path, never run as anyone.
        ArgumentNullException.ThrowIfNull(options);
        if (!telemetry.Enabled)
        {
            return await run(options);
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = Source.StartActivity($"command {command}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            Tag(activity, command, aggregate, payload);
        }

        // The correlation id is made here when the caller has none, so the span and the events carry the same one.
        options = options with { CorrelationId = options.CorrelationId ?? Guid.CreateVersion7().ToString() };
        activity?.SetTag(Attributes.CorrelationId, options.CorrelationId);
        try
        {
            var entity = await run(options);
            activity?.SetTag(Attributes.Revision, entity.Revision.Value);
            Record(activity, command, started, CommandOutcome.Success, null);
            return entity;
        }
        catch (Exception e)
        {
            Record(activity, command, started, CommandOutcome.Of(e), e);
            throw;
        }
    }

    private void Tag(Activity activity, string command, AggregateId aggregate, Func<JsonElement> payload)
    {
        activity.SetTag(Attributes.AggregateType, aggregate.Type);
        activity.SetTag(Attributes.AggregateKey, aggregate.Key);
        activity.SetTag(Attributes.Command, command);
        if (!telemetry.RecordPayloads && telemetry.CommandAttributes is null)
        {
            return;
        }

        // Sensitive fields and personal data never reach a trace, whatever the switches say: the payload is masked
        // before anyone sees it (a trace outlives any forget).
        var json = Description.Dispatcher.TryFind(command, out var registration)
            ? Protection.PersonalDataWalker.Mask(payload(), Protection.PersonalDataClassification.Of(registration.CommandType), Masked)
            : payload();
        if (telemetry.RecordPayloads)
        {
            activity.SetTag(Attributes.Payload, json.GetRawText());
        }

        foreach (var (key, value) in telemetry.CommandAttributes?.Invoke(new CommandTelemetryContext(command, aggregate, json)) ?? [])
        {
            activity.SetTag(key, value);
        }
    }

    private void Record(Activity? activity, string command, long started, string outcome, Exception? error)
    {
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

    // A trace outlives any forget: personal fields are masked there as sensitive ones are.
    private const Protection.FieldClass Masked = Protection.FieldClass.Sensitive | Protection.FieldClass.Personal;
}
