namespace WeeEvents.Protection;

/// <summary>
/// One event type a service records and the record its data is, registered with each service description so the store
/// knows which fields of the stored JSON are personal.
/// </summary>
/// <param name="EventType">The event type name.</param>
/// <param name="DataType">The record its data is.</param>
public sealed record EventDataType(string EventType, Type DataType);
