namespace WeeEvents;

/// <summary>What a command handler publishes its events through. Events are recorded together, after the handler returns.</summary>
public interface IPublisher
{
    /// <summary>Publishes one event about the entity being handled.</summary>
    /// <param name="eventType">The event type name, for example <c>funds-deposited</c>.</param>
    /// <param name="data">The event's data record.</param>
    void Publish<TData>(string eventType, TData data);
}
