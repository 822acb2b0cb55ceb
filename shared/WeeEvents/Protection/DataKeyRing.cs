using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace WeeEvents.Protection;

/// <summary>
/// This instance's data keys, unwrapped and held for <paramref name="cacheFor"/>: a subject's own key for encrypting
/// (made on first use and stored), and any key by id for decrypting, this service's own or one a message carries.
/// </summary>
internal sealed partial class DataKeyRing(IDataKeyStore store, IKeyWrapper wrapper, TimeSpan cacheFor, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<Guid, CachedKey> _byId = new();
    private readonly ConcurrentDictionary<string, CachedKey> _bySubject = new(StringComparer.Ordinal);

    /// <summary>The key <paramref name="keyId"/> names, from memory, this service's store, or <paramref name="carried"/>.</summary>
    public async ValueTask<CachedKey> ByIdAsync(Guid keyId, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _byId.TryGetValue(keyId, out var key) && key.Until > now
            ? key
            : await LoadKeyAsync(keyId, carried, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops every key of <paramref name="subject"/> held in memory.</summary>
    public void Forget(string subject)
    {
        _bySubject.TryRemove(subject, out _);
        foreach (var (id, cached) in _byId)
        {
            if (cached.Subject == subject)
            {
                _byId.TryRemove(id, out _);
            }
        }
    }

    public async ValueTask<CachedKey> ForSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_bySubject.TryGetValue(subject, out var cached) && cached.Until > now)
        {
            return cached;
        }

        var record = await store.FindForSubjectAsync(subject, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            var material = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
            var id = Guid.CreateVersion7(now);
            record = new DataKeyRecord(id, subject, wrapper.CurrentKekId, wrapper.Wrap(id, subject, material), now);
            await store.AddAsync(record, cancellationToken).ConfigureAwait(false);
            return RememberForSubject(new CachedKey(id, subject, material, now + cacheFor));
        }

        return RememberForSubject(new CachedKey(record.KeyId, subject, Unwrap(record), now + cacheFor));
    }

    private async ValueTask<CachedKey> LoadKeyAsync(Guid keyId, IReadOnlyList<CarriedKey>? carried, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + cacheFor;
        if (await store.FindAsync(keyId, cancellationToken).ConfigureAwait(false) is { } own)
        {
            return Remember(new CachedKey(keyId, own.Subject, Unwrap(own), until));
        }

        if (carried?.FirstOrDefault(k => k.KeyId == keyId) is not { } travelling)
        {
            return new CachedKey(keyId, "", null, until); // not cached: the message that carries it may come next
        }

        // A subject this service has forgotten stays forgotten, whatever a message (an old one, a replay) carries.
        var local = await store.FindForSubjectAsync(travelling.Subject, cancellationToken).ConfigureAwait(false);
        if (local is { IsDestroyed: true })
        {
            return Remember(new CachedKey(keyId, travelling.Subject, null, until));
        }

        try
        {
            // The wrapping binds the key to its id and subject: a carried key claiming another subject does not unwrap.
            return Remember(new CachedKey(keyId, travelling.Subject, wrapper.Unwrap(travelling.KekId, keyId, travelling.Subject, travelling.WrappedKey), until));
        }
        catch (CryptographicException)
        {
            LogCarriedKeyRefused(keyId);
            return new CachedKey(keyId, "", null, until);
        }
    }

    private byte[]? Unwrap(DataKeyRecord record) =>
        record.WrappedKey is null ? null : wrapper.Unwrap(record.KekId, record.KeyId, record.Subject, record.WrappedKey);

    // Only keys of this service's own store encrypt what it writes: a key carried by a message (another service's) is
    // kept for reading only, or this service's data would be lost with the other's store.
    private CachedKey Remember(CachedKey key)
    {
        _byId[key.KeyId] = key;
        return key;
    }

    private CachedKey RememberForSubject(CachedKey key)
    {
        _bySubject[key.Subject] = key;
        return Remember(key);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message carried key {KeyId} that does not unwrap for the subject it names; its values read as erased")]
    private partial void LogCarriedKeyRefused(Guid keyId);
}

/// <summary>A data key as held in memory: its subject, the key (null when destroyed or unknown), and until when.</summary>
internal sealed record CachedKey(Guid KeyId, string Subject, byte[]? Key, DateTimeOffset Until);
