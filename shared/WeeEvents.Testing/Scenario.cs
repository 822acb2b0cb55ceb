namespace WeeEvents.Testing;

/// <summary>
/// Given/when/then specifications for a service, run against an in-memory store:
/// <c>Scenario.For(description).Given(events).When(command, payload).Then(events)</c>.
/// Failures throw <see cref="ScenarioFailed"/> with both event lists, so any test framework can use it.
/// </summary>
public static class Scenario
{
    /// <summary>Starts a scenario on the aggregate with key <paramref name="key"/>.</summary>
    public static ScenarioGiven<TState> For<TState>(ServiceDescription<TState> description, string key = "scenario-1")
    {
        ArgumentNullException.ThrowIfNull(description);
        return new ScenarioGiven<TState>(description, description.Id(key), []);
    }
}

/// <summary>The history of a scenario: the events recorded before the command.</summary>
public sealed class ScenarioGiven<TState>
{
    private readonly ServiceDescription<TState> _description;
    private readonly AggregateId _aggregate;
    private readonly IReadOnlyList<DomainEvent> _history;

    internal ScenarioGiven(ServiceDescription<TState> description, AggregateId aggregate, IReadOnlyList<DomainEvent> history)
    {
        _description = description;
        _aggregate = aggregate;
        _history = history;
    }

    /// <summary>Adds events to the history.</summary>
    public ScenarioGiven<TState> Given(params DomainEvent[] events) => new(_description, _aggregate, [.. _history, .. events]);

    /// <summary>Adds one event to the history.</summary>
    public ScenarioGiven<TState> Given<TData>(string eventType, TData data) =>
        Given(DomainEvent.Create(eventType, data, _description.Loader.SchemaVersionOf(eventType) ?? 1));

    /// <summary>
    /// The command under test, sent by <paramref name="options"/>' caller; without options, by the service itself
    /// (<see cref="Caller.Service"/> named after the entity type), said here rather than assumed by the command path:
    /// a scenario specifies what the rules decide, and access is a client's concern, specified with a client caller.
    /// </summary>
    public ScenarioWhen<TState> When<TCommand>(string command, TCommand payload, CommandOptions? options = null) =>
        new(_description, _aggregate, _history, (service, ct) => service.ExecuteAsync(
            command, _aggregate, payload, options ?? new CommandOptions { Caller = new Caller.Service(_description.Info.Aggregate) }, ct));
}

/// <summary>A scenario with its command, waiting for its expectation.</summary>
public sealed class ScenarioWhen<TState>
{
    private readonly ServiceDescription<TState> _description;
    private readonly AggregateId _aggregate;
    private readonly IReadOnlyList<DomainEvent> _history;
    private readonly Func<IService<TState>, CancellationToken, Task<Entity<TState>>> _act;

    internal ScenarioWhen(
        ServiceDescription<TState> description,
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> history,
        Func<IService<TState>, CancellationToken, Task<Entity<TState>>> act)
    {
        _description = description;
        _aggregate = aggregate;
        _history = history;
        _act = act;
    }

    /// <summary>Expects exactly these events (type, schema version and JSON data) and returns the entity after them.</summary>
    public async Task<Entity<TState>> Then(params DomainEvent[] expected)
    {
        var (store, service, before) = await ArrangeAsync();
        Entity<TState> entity;
        try
        {
            entity = await _act(service, CancellationToken.None);
        }
        catch (Exception e) when (e is not ScenarioFailed)
        {
            throw new ScenarioFailed($"Expected events [{Describe(expected)}], but the command failed with {e.GetType().Name}: {e.Message}", e);
        }

        var recorded = (await store.LoadAsync(_aggregate, new LoadOptions { AfterRevision = before })).Select(e => new DomainEvent(e.Type, e.Data, e.SchemaVersion)).ToArray();
        if (recorded.Length != expected.Length || recorded.Zip(expected).Any(pair => !pair.First.IsEquivalentTo(pair.Second)))
        {
            throw new ScenarioFailed($"Expected events [{Describe(expected)}], but got [{Describe(recorded)}].");
        }

        return entity;
    }

    /// <summary>Expects one typed event.</summary>
    public Task<Entity<TState>> Then<TData>(string eventType, TData data) =>
        Then(DomainEvent.Create(eventType, data, _description.Loader.SchemaVersionOf(eventType) ?? 1));

    /// <summary>Expects the command to record nothing (an idempotent repeat).</summary>
    public Task<Entity<TState>> ThenNothing() => Then();

    /// <summary>Expects the command to fail with <typeparamref name="TError"/> and to record nothing; returns the error.</summary>
    public async Task<TError> ThenFails<TError>()
        where TError : Exception
    {
        var (store, service, before) = await ArrangeAsync();
        try
        {
            var entity = await _act(service, CancellationToken.None);
            throw new ScenarioFailed($"Expected {typeof(TError).Name}, but the command succeeded at revision {entity.Revision}.");
        }
        catch (TError error)
        {
            var after = await store.LoadAsync(_aggregate, new LoadOptions { AfterRevision = before });
            return after.Count == 0
                ? error
                : throw new ScenarioFailed($"{typeof(TError).Name} was raised, but events were recorded: [{Describe(after.Select(e => new DomainEvent(e.Type, e.Data)))}].");
        }
        catch (Exception e) when (e is not ScenarioFailed)
        {
            throw new ScenarioFailed($"Expected {typeof(TError).Name}, but got {e.GetType().Name}: {e.Message}", e);
        }
    }

    private async Task<(InMemoryEventStore Store, IService<TState> Service, Revision Before)> ArrangeAsync()
    {
        var store = new InMemoryEventStore();
        if (_history.Count > 0)
        {
            await store.AppendAsync(_aggregate, _history, AppendOptions.Default);
        }

        return (store, _description.CreateService(store), new Revision(_history.Count));
    }

    private static string Describe(IEnumerable<DomainEvent> events) => string.Join(", ", events);
}

/// <summary>A given/when/then expectation was not met.</summary>
public sealed class ScenarioFailed : Exception
{
    /// <summary>Creates the failure.</summary>
    public ScenarioFailed(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the failure.</summary>
    public ScenarioFailed()
    {
    }

    /// <summary>Creates the failure.</summary>
    public ScenarioFailed(string message)
        : base(message)
    {
    }
}
