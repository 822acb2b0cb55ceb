using System.Collections.Concurrent;
using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

/// <summary>An <see cref="IDataKeyStore"/> in memory, for the protector's tests.</summary>
internal sealed class MemoryDataKeyStore : IDataKeyStore
{
    public ConcurrentDictionary<Guid, DataKeyRecord> Keys { get; } = new();

    public Task<DataKeyRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken) =>
        Task.FromResult(Keys.TryGetValue(keyId, out var key) ? key : null);

    public Task<DataKeyRecord?> FindForSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var keys = Keys.Values.Where(k => k.Subject == subject).ToList();
        return Task.FromResult(keys.FirstOrDefault(k => k.IsDestroyed) ?? keys.OrderByDescending(k => k.CreatedAt).FirstOrDefault());
    }

    public Task AddAsync(DataKeyRecord key, CancellationToken cancellationToken)
    {
        Keys[key.KeyId] = key;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string Subject, DateTimeOffset DestroyedAt)>> DestroyedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, DateTimeOffset)>>([.. Keys.Values.Where(k => k.DestroyedAt >= since).Select(k => (k.Subject, k.DestroyedAt!.Value))]);

    public Task<int> DestroyAsync(string subject, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var live = Keys.Values.Where(k => k.Subject == subject && !k.IsDestroyed).ToList();
        foreach (var key in live)
        {
            Keys[key.KeyId] = key with { WrappedKey = null, DestroyedAt = at };
        }

        if (!Keys.Values.Any(k => k.Subject == subject))
        {
            var id = Guid.NewGuid();
            Keys[id] = new DataKeyRecord(id, subject, "", null, at, at);
        }

        return Task.FromResult(live.Count);
    }

    public Task<IReadOnlyList<DataKeyRecord>> WrappedByOtherThanAsync(string kekId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DataKeyRecord>>([.. Keys.Values.Where(k => !k.IsDestroyed && k.KekId != kekId).Take(limit)]);

    public Task RewrapAsync(Guid keyId, string kekId, byte[] wrappedKey, CancellationToken cancellationToken)
    {
        Keys[keyId] = Keys[keyId] with { KekId = kekId, WrappedKey = wrappedKey };
        return Task.CompletedTask;
    }
}
