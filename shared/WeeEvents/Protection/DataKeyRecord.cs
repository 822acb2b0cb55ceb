namespace WeeEvents.Protection;

/// <summary>A data key as a key store keeps it: never in the clear, wrapped by a key-encryption key.</summary>
/// <param name="KeyId">The key's id, named by every value it encrypts.</param>
/// <param name="Subject">Whose data it encrypts (the customer id).</param>
/// <param name="KekId">The id of the key-encryption key that wrapped it.</param>
/// <param name="WrappedKey">The wrapped key; null once destroyed (the subject was forgotten).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="DestroyedAt">When it was destroyed, if it was.</param>
public sealed record DataKeyRecord(Guid KeyId, string Subject, string KekId, byte[]? WrappedKey, DateTimeOffset CreatedAt, DateTimeOffset? DestroyedAt = null)
{
    /// <summary>True once the key is destroyed: nothing it encrypted can be read again.</summary>
    public bool IsDestroyed => WrappedKey is null;
}
