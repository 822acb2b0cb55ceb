namespace WeeEvents.Privacy;

/// <summary>What a service knows of one customer's privacy requests: the <c>customer</c> entity each service keeps.</summary>
/// <param name="CustomerId">The customer (the entity's key): its owner, who may ask to be forgotten.</param>
public abstract record CustomerPrivacyState(string CustomerId)
{
    /// <summary>No request yet.</summary>
    public sealed record None(string CustomerId) : CustomerPrivacyState(CustomerId);

    /// <summary>Forgetting was asked for (Order, before it has erased its own keys).</summary>
    /// <param name="CustomerId">The customer.</param>
    /// <param name="RequestedAt">When.</param>
    public sealed record Requested(string CustomerId, DateTimeOffset RequestedAt) : CustomerPrivacyState(CustomerId);

    /// <summary>This service erased the customer's personal data.</summary>
    /// <param name="CustomerId">The customer.</param>
    /// <param name="KeysDestroyed">How many data keys it destroyed (0 when it held none).</param>
    /// <param name="RepliesPurged">How many stored idempotent replies it deleted.</param>
    /// <param name="ErasedAt">When.</param>
    public sealed record Erased(string CustomerId, int KeysDestroyed, int RepliesPurged, DateTimeOffset ErasedAt) : CustomerPrivacyState(CustomerId);
}
