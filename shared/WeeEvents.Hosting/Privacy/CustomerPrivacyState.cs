namespace WeeEvents.Hosting.Privacy;

/// <summary>What a service knows of one customer's privacy requests: the <c>customer</c> entity each service keeps.</summary>
public abstract record CustomerPrivacyState
{
    private CustomerPrivacyState()
    {
    }

    /// <summary>No request yet.</summary>
    public sealed record None : CustomerPrivacyState;

    /// <summary>Forgetting was asked for (Order, before it has erased its own keys).</summary>
    /// <param name="RequestedAt">When.</param>
    public sealed record Requested(DateTimeOffset RequestedAt) : CustomerPrivacyState;

    /// <summary>This service erased the customer's personal data.</summary>
    /// <param name="KeysDestroyed">How many data keys it destroyed (0 when it held none).</param>
    /// <param name="RepliesPurged">How many stored idempotent replies it deleted.</param>
    /// <param name="ErasedAt">When.</param>
    public sealed record Erased(int KeysDestroyed, int RepliesPurged, DateTimeOffset ErasedAt) : CustomerPrivacyState;
}
