namespace WeeEvents.Privacy;

/// <summary>Forgetting a customer was asked for; Order publishes it as <c>CustomerForgotten</c>.</summary>
public static class ForgetRequested
{
    /// <summary>The event type name.</summary>
    public const string Name = "forget-requested";

    /// <summary>The data (none: who asked is in the metadata's actor).</summary>
    public sealed record Data;
}

/// <summary>This service destroyed the customer's data keys and purged its stored replies for them.</summary>
public static class PersonalDataErased
{
    /// <summary>The event type name.</summary>
    public const string Name = "personal-data-erased";

    /// <summary>The data.</summary>
    /// <param name="KeysDestroyed">How many data keys were destroyed.</param>
    /// <param name="RepliesPurged">How many stored idempotent replies were deleted.</param>
    public sealed record Data(int KeysDestroyed, int RepliesPurged);
}
