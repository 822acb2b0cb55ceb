namespace WeeEvents.Protection;

/// <summary>
/// Where a service keeps its data subjects' data keys, wrapped. The EF Core store keeps them in the <c>data_keys</c>
/// table of the service's database; a cloud KMS or vault can implement the same interface.
/// </summary>
public interface IDataKeyStore
{
    /// <summary>The key <paramref name="keyId"/>, destroyed or not; null when this store never held it.</summary>
    Task<DataKeyRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken);

    /// <summary>
    /// The subject's live key to encrypt with (the newest), or a destroyed one when the subject was forgotten (so
    /// nothing new is encrypted for it), or null when the subject has no key yet.
    /// </summary>
    Task<DataKeyRecord?> FindForSubjectAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Adds a new key. Two instances may each add one for the same subject: both stay valid.</summary>
    Task AddAsync(DataKeyRecord key, CancellationToken cancellationToken);

    /// <summary>
    /// Destroys every key of <paramref name="subject"/> and leaves a destroyed one when it had none, so the subject
    /// stays forgotten; returns how many keys were destroyed.
    /// </summary>
    Task<int> DestroyAsync(string subject, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// The subjects whose keys were destroyed at or after <paramref name="since"/>, with when: what another instance of the
    /// service reads to forget them in memory too.
    /// </summary>
    Task<IReadOnlyList<(string Subject, DateTimeOffset DestroyedAt)>> DestroyedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The live keys wrapped by a KEK other than <paramref name="kekId"/>, up to <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DataKeyRecord>> WrappedByOtherThanAsync(string kekId, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces a live key's wrapping (a KEK rotation); the key itself does not change.</summary>
    Task RewrapAsync(Guid keyId, string kekId, byte[] wrappedKey, CancellationToken cancellationToken);
}
