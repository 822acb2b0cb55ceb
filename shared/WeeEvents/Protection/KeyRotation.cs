namespace WeeEvents.Protection;

/// <summary>
/// Rotation of the key-encryption key without touching a single event: every live data key wrapped by an older KEK is
/// unwrapped with it and wrapped again with the current one. Run it with the new KEK as current and the old one under
/// <c>WeeEvents:Protection:PreviousKeys</c>; once it reports nothing left, the old KEK can go.
/// </summary>
public static class KeyRotation
{
    /// <summary>How many keys one batch re-wraps.</summary>
    public const int BatchSize = 500;

    /// <summary>Re-wraps every live data key in <paramref name="store"/> with the current KEK; returns how many.</summary>
    /// <exception cref="UnknownKeyEncryptionKey">A key was wrapped by a KEK that is not configured.</exception>
    public static async Task<int> RewrapAllAsync(IDataKeyStore store, IKeyWrapper wrapper, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(wrapper);
        if (string.IsNullOrEmpty(wrapper.CurrentKekId))
        {
            throw new InvalidOperationException($"{ProtectionOptions.Section}:KeyEncryptionKey (the new KEK) is not set.");
        }

        var rewrapped = 0;
        while (true)
        {
            var batch = await store.WrappedByOtherThanAsync(wrapper.CurrentKekId, BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return rewrapped;
            }

            foreach (var key in batch)
            {
                var material = wrapper.Unwrap(key.KekId, key.KeyId, key.Subject, key.WrappedKey!);
                await store.RewrapAsync(key.KeyId, wrapper.CurrentKekId, wrapper.Wrap(key.KeyId, key.Subject, material), cancellationToken).ConfigureAwait(false);
                rewrapped++;
            }
        }
    }
}
