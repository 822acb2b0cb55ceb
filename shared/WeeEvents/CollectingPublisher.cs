namespace WeeEvents;

/// <summary>Collects what a handler publishes, stamped with the loader's schema version for each type.</summary>
internal sealed class CollectingPublisher<TState>(LoaderDescription<TState> loader) : IPublisher
{
    private readonly List<DomainEvent> _events = [];

    public IReadOnlyList<DomainEvent> Events => _events;

    public void Publish<TData>(string eventType, TData data)
    {
        // An event the loader cannot read back would be silently skipped on replay: refuse it now.
        var version = loader.SchemaVersionOf(eventType)
            ?? throw new InvalidOperationException($"Event type '{eventType}' has no reducer in the loader; register one before publishing it.");
        _events.Add(DomainEvent.Create(eventType, data, version));
    }
}
