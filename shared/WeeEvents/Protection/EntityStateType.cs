namespace WeeEvents.Protection;

/// <summary>
/// One entity type a service serves and its state record, registered with each service description so the stored
/// replies of its commands (the entity as a client saw it) are protected by the state's declared paths.
/// </summary>
/// <param name="EntityType">The entity (aggregate) type.</param>
/// <param name="StateType">The state record.</param>
public sealed record EntityStateType(string EntityType, Type StateType);
