namespace WeeEvents;

/// <summary>
/// A command addressed to one aggregate of a service: its key, the command's name and its typed payload. What a
/// consumer maps an integration event to before running it.
/// </summary>
/// <param name="Key">The aggregate's key within the service's entity type (for the order flow: the order id).</param>
/// <param name="Name">The command name.</param>
/// <param name="Payload">The command's payload record.</param>
public sealed record KeyedCommand<TCommand>(string Key, string Name, TCommand Payload);
