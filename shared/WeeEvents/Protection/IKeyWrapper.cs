namespace WeeEvents.Protection;

/// <summary>
/// Wraps and unwraps data keys with a key-encryption key. <see cref="ConfiguredKeyWrapper"/> holds the KEK from
/// configuration; a cloud KMS implements this with its encrypt/decrypt calls, the KEK never leaving it.
/// </summary>
public interface IKeyWrapper
{
    /// <summary>The id of the KEK new keys are wrapped with.</summary>
    string CurrentKekId { get; }

    /// <summary>Wraps <paramref name="dataKey"/> for <paramref name="keyId"/> of <paramref name="subject"/> with the current KEK.</summary>
    byte[] Wrap(Guid keyId, string subject, ReadOnlySpan<byte> dataKey);

    /// <summary>Unwraps a key wrapped by KEK <paramref name="kekId"/>.</summary>
    /// <exception cref="UnknownKeyEncryptionKey">That KEK is not configured (removed too early).</exception>
    byte[] Unwrap(string kekId, Guid keyId, string subject, byte[] wrappedKey);
}

/// <summary>A data key names a KEK that is not configured: it was removed before every key was re-wrapped.</summary>
public sealed class UnknownKeyEncryptionKey(string kekId)
    : Exception($"No key-encryption key '{kekId}' is configured; keep it under {ProtectionOptions.Section}:PreviousKeys until a rotation has re-wrapped every data key.")
{
    /// <summary>The KEK's id.</summary>
    public string KekId { get; } = kekId;
}
