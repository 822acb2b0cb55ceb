namespace WeeEvents;

/// <summary>
/// Marks a string property that must never leave the service in the clear: HTTP responses (entities, events, the
/// stored replies of idempotent requests) and recorded span payloads show it masked (<see cref="SensitiveData.Mask"/>).
/// The event store and the integration contracts keep the real value: the service needs it (Payment charges the token).
/// On a positional record, target the property: <c>[property: Sensitive] string PaymentToken</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class SensitiveAttribute : Attribute;
