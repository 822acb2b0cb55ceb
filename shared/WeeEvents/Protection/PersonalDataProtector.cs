using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace WeeEvents.Protection;

/// <summary>
/// The <see cref="IPersonalDataProtector"/> over an <see cref="IDataKeyStore"/> and an <see cref="IKeyWrapper"/>: a data
/// key per subject, made on first use, unwrapped keys held in memory for <see cref="ProtectionOptions.KeyCacheDuration"/>.
/// Which fields are personal comes from the <see cref="EventDataType"/> registrations; what is encrypted is recognised by
/// its <see cref="FieldCipher.Prefix"/>, so reading needs no declaration.
/// </summary>
public sealed class PersonalDataProtector : IPersonalDataProtector
{
    private readonly IDataKeyStore _store;
    private readonly IKeyWrapper _wrapper;
    private readonly TimeProvider _time;
    private readonly ProtectionOptions _options;
    private readonly Dictionary<string, PersonalDataShape> _shapes = new(StringComparer.Ordinal);
    private readonly PersonalDataShape _vocabulary; // every personal and subject name of every registered event
    private readonly ConcurrentDictionary<Guid, CachedKey> _byId = new();
    private readonly ConcurrentDictionary<string, CachedKey> _bySubject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, (CarriedKey Key, DateTimeOffset Until)> _carried = new(); // what the relay sends

    /// <summary>A protector for the registered event types.</summary>
    public PersonalDataProtector(IDataKeyStore store, IKeyWrapper wrapper, IOptions<ProtectionOptions> options, IEnumerable<EventDataType> eventTypes, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eventTypes);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _wrapper = wrapper ?? throw new ArgumentNullException(nameof(wrapper));
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        foreach (var registration in eventTypes)
        {
            var shape = PersonalDataShape.Of(registration.DataType);
            if (shape.HasPersonalData)
            {
                _shapes[registration.EventType] = _shapes.TryGetValue(registration.EventType, out var known) ? known.Merge(shape) : shape;
            }
        }

        _vocabulary = _shapes.Values.Aggregate(PersonalDataShape.None, (all, shape) => all.Merge(shape));
    }

    /// <inheritdoc />
    public ValueTask<JsonElement> ProtectAsync(string eventType, AggregateId aggregate, JsonElement data, CancellationToken cancellationToken) =>
        _shapes.TryGetValue(eventType, out var shape) ? ProtectAsync(shape, aggregate.Encoded, data, cancellationToken) : ValueTask.FromResult(data);

    /// <inheritdoc />
    public ValueTask<JsonElement> ProtectDocumentAsync(JsonElement document, string fallbackSubject, CancellationToken cancellationToken) =>
        _vocabulary.HasPersonalData ? ProtectAsync(_vocabulary, fallbackSubject, document, cancellationToken) : ValueTask.FromResult(document);

    private async ValueTask<JsonElement> ProtectAsync(PersonalDataShape shape, string fallbackSubject, JsonElement data, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || data.ValueKind != JsonValueKind.Object)
        {
            return data;
        }

        var root = JsonNode.Parse(data.GetRawText())!;
        var fields = new List<(JsonObject Owner, string Name, string Value, string Subject)>();
        Collect(root, shape, fallbackSubject, fields);
        if (fields.Count == 0)
        {
            return data;
        }

        foreach (var (owner, name, value, subject) in fields)
        {
            var key = await KeyForSubjectAsync(subject, cancellationToken).ConfigureAwait(false);
            // A forgotten subject is retired: nothing new of it is kept, not even encrypted.
            owner[name] = key.Key is null ? Erased.Text : FieldCipher.Encrypt(key.KeyId, key.Key, value);
        }

        return JsonSerializer.SerializeToElement(root, WeeEventsJson.Options);
    }

    /// <inheritdoc />
    public async ValueTask<JsonElement> RevealAsync(JsonElement data, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken)
    {
        if (data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) || !MayHoldEncrypted(data.GetRawText()))
        {
            return data;
        }

        var root = JsonNode.Parse(data.GetRawText())!;
        var found = new List<(JsonNode Owner, string? Name, int Index, string Value)>();
        CollectEncrypted(root, found);
        foreach (var (owner, name, index, value) in found)
        {
            var plain = await DecryptAsync(value, carried, cancellationToken).ConfigureAwait(false);
            if (owner is JsonObject obj)
            {
                obj[name!] = plain;
            }
            else
            {
                ((JsonArray)owner)[index] = plain;
            }
        }

        return JsonSerializer.SerializeToElement(root, WeeEventsJson.Options);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CarriedKey>> KeysForAsync(string json, CancellationToken cancellationToken)
    {
        if (!MayHoldEncrypted(json))
        {
            return [];
        }

        var found = new List<(JsonNode Owner, string? Name, int Index, string Value)>();
        CollectEncrypted(JsonNode.Parse(json)!, found);
        var keys = new List<CarriedKey>();
        var now = _time.GetUtcNow();
        foreach (var id in found.Select(f => FieldCipher.TryKeyId(f.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct())
        {
            // The relay publishes many messages per customer: the wrapped key is read from the store once a while.
            if (_carried.TryGetValue(id, out var known) && known.Until > now)
            {
                keys.Add(known.Key);
            }
            else if (await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { WrappedKey: { } wrapped } key)
            {
                var carried = new CarriedKey(key.KeyId, key.Subject, key.KekId, wrapped);
                _carried[id] = (carried, now + _options.KeyCacheDuration);
                keys.Add(carried);
            }
        }

        return keys;
    }

    /// <summary>Raised once a subject's keys are destroyed, for whoever holds plain values in memory (a stream cache).</summary>
    public event Action<string>? Forgotten;

    /// <inheritdoc />
    public async Task<int> ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var destroyed = await _store.DestroyAsync(subject, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        ForgetInMemory(subject);
        return destroyed;
    }

    /// <summary>
    /// Drops what this instance holds of <paramref name="subject"/> in memory (its keys, and through
    /// <see cref="Forgotten"/> the caches of plain values): for a subject whose keys another instance destroyed.
    /// </summary>
    public void ForgetInMemory(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        _bySubject.TryRemove(subject, out _);
        foreach (var (id, cached) in _byId)
        {
            if (cached.Subject == subject)
            {
                _byId.TryRemove(id, out _);
            }
        }

        foreach (var (id, carried) in _carried)
        {
            if (carried.Key.Subject == subject)
            {
                _carried.TryRemove(id, out _);
            }
        }

        Forgotten?.Invoke(subject);
    }

    /// <summary>True when <paramref name="json"/> may hold an encrypted value: the cheap test before a parse.</summary>
    public static bool MayHoldEncrypted(string json) => json.Contains("\"" + FieldCipher.Prefix, StringComparison.Ordinal);

    private async ValueTask<CachedKey> KeyForSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_bySubject.TryGetValue(subject, out var cached) && cached.Until > now)
        {
            return cached;
        }

        var record = await _store.FindForSubjectAsync(subject, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            var material = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
            var id = Guid.CreateVersion7(now);
            record = new DataKeyRecord(id, subject, _wrapper.CurrentKekId, _wrapper.Wrap(id, subject, material), now);
            await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
            return RememberForSubject(new CachedKey(id, subject, material, now + _options.KeyCacheDuration));
        }

        return RememberForSubject(new CachedKey(record.KeyId, subject, Unwrap(record), now + _options.KeyCacheDuration));
    }

    private async ValueTask<string> DecryptAsync(string value, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken)
    {
        if (!FieldCipher.TryKeyId(value, out var keyId))
        {
            return Erased.Text;
        }

        var now = _time.GetUtcNow();
        if (!_byId.TryGetValue(keyId, out var key) || key.Until <= now)
        {
            key = await LoadKeyAsync(keyId, carried, now, cancellationToken).ConfigureAwait(false);
        }

        return key.Key is not null && FieldCipher.TryDecrypt(value, key.Key, out var plain) ? plain : Erased.Text;
    }

    private async ValueTask<CachedKey> LoadKeyAsync(Guid keyId, IReadOnlyList<CarriedKey>? carried, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + _options.KeyCacheDuration;
        if (await _store.FindAsync(keyId, cancellationToken).ConfigureAwait(false) is { } own)
        {
            return Remember(new CachedKey(keyId, own.Subject, Unwrap(own), until));
        }

        if (carried?.FirstOrDefault(k => k.KeyId == keyId) is not { } travelling)
        {
            return new CachedKey(keyId, "", null, until); // not cached: the message that carries it may come next
        }

        // A subject this service has forgotten stays forgotten, whatever a message (an old one, a replay) carries.
        var local = await _store.FindForSubjectAsync(travelling.Subject, cancellationToken).ConfigureAwait(false);
        var material = local is { IsDestroyed: true } ? null : _wrapper.Unwrap(travelling.KekId, keyId, travelling.Subject, travelling.WrappedKey);
        return Remember(new CachedKey(keyId, travelling.Subject, material, until));
    }

    private byte[]? Unwrap(DataKeyRecord record) =>
        record.WrappedKey is null ? null : _wrapper.Unwrap(record.KekId, record.KeyId, record.Subject, record.WrappedKey);

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

    private static void Collect(JsonNode node, PersonalDataShape shape, string subject, List<(JsonObject, string, string, string)> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in shape.Subjects)
                {
                    if (obj[name] is JsonValue s && s.TryGetValue<string>(out var named) && !string.IsNullOrEmpty(named))
                    {
                        subject = named;
                        break;
                    }
                }

                foreach (var (name, value) in obj.ToArray())
                {
                    if (value is JsonValue leaf && shape.Personal.Contains(name) && leaf.TryGetValue<string>(out var text)
                        && !FieldCipher.IsEncrypted(text) && !Erased.Is(text))
                    {
                        fields.Add((obj, name, text, subject));
                    }
                    else if (value is not null)
                    {
                        Collect(value, shape, subject, fields);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Collect(item, shape, subject, fields);
                    }
                }

                break;
        }
    }

    private static void CollectEncrypted(JsonNode node, List<(JsonNode, string?, int, string)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToArray())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text) && FieldCipher.IsEncrypted(text))
                    {
                        found.Add((obj, name, -1, text));
                    }
                    else if (value is not null)
                    {
                        CollectEncrypted(value, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text) && FieldCipher.IsEncrypted(text))
                    {
                        found.Add((array, null, i, text));
                    }
                    else if (array[i] is { } item)
                    {
                        CollectEncrypted(item, found);
                    }
                }

                break;
        }
    }

    private sealed record CachedKey(Guid KeyId, string Subject, byte[]? Key, DateTimeOffset Until);
}
