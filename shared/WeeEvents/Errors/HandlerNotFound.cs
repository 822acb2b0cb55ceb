namespace WeeEvents;

/// <summary>The service has no handler for the command name.</summary>
public sealed class HandlerNotFound(AggregateId aggregate, string command)
    : WeeEventsException(aggregate, $"Entity type '{aggregate.Type}' has no command '{command}'.")
{
    /// <summary>The command name that was asked for.</summary>
    public string Command { get; } = command;
}
