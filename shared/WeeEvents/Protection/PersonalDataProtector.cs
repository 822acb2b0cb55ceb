using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WeeEvents.Protection;

/// <summary>
/// The <see cref="IPersonalDataProtector"/> over an <see cref="IDataKeyStore"/> and an <see cref="IKeyWrapper"/>: a data
/// key per subject, made on first use, unwrapped keys held in memory for <see cref="ProtectionOptions.KeyCacheDuration"/>.
/// Which fields are personal comes from each record's <see cref="PersonalDataClassification"/> (events by their
/// <see cref="EventDataType"/> registrations, replies by their <see cref="EntityStateType"/>); <see cref="PersonalDataWalker"/>
/// visits those paths only. A value decrypts only with a key of the subject in scope and only at the entity type and path
/// it was encrypted for; anything else is logged (never the value) and reads as <see cref="Erased.Text"/>.
/// </summary>
public sealed partial class PersonalDataProtector : IPersonalDataProtector
{
    private readonly IDataKeyStore _store;
    private readonly IKeyWrapper _wrapper;
    private readonly TimeProvider _time;
    private readonly ProtectionOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PersonalDataClassification> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersonalDataClassification> _replies = new(StringComparer.Ordinal);
    private readonly DataKeyRing _keys;
    private readonly ConcurrentDictionary<Guid, (CarriedKey Key, DateTimeOffset Until)> _carried = new(); // what the relay sends

    /// <summary>A protector for the registered event types and entity states.</summary>
    public PersonalDataProtector(
        IDataKeyStore store,
        IKeyWrapper wrapper,
        IOptions<ProtectionOptions> options,
        IEnumerable<EventDataType> eventTypes,
        TimeProvider? time = null,
        IEnumerable<EntityStateType>? states = null,
        ILogger<PersonalDataProtector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eventTypes);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _wrapper = wrapper ?? throw new ArgumentNullException(nameof(wrapper));
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _keys = new DataKeyRing(_store, _wrapper, _options.KeyCacheDuration, _time, _logger);
        foreach (var byName in eventTypes.GroupBy(e => e.EventType, StringComparer.Ordinal))
        {
            var classification = PersonalDataClassification.OfAll(byName.Select(e => e.DataType));
            if (classification.HasPersonalData)
            {
                _events[byName.Key] = classification;
            }
        }

        foreach (var state in states ?? [])
        {
            // A reply is the entity document { aggregate, type, revision, state }: the state's paths, under "state".
            var classification = PersonalDataClassification.Of(state.StateType, "state");
            if (classification.HasPersonalData)
            {
                _replies[state.EntityType] = classification;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<JsonElement> ProtectAsync(string eventType, AggregateId aggregate, JsonElement data, CancellationToken cancellationToken) =>
        _options.Enabled && _events.TryGetValue(eventType, out var classification) && data.ValueKind == JsonValueKind.Object
            ? ProtectElementAsync(new PersonalDataScope(classification, aggregate.Type, aggregate.Encoded), data, cancellationToken)
            : ValueTask.FromResult(data);

    /// <inheritdoc />
    public ValueTask<JsonElement> RevealAsync(string eventType, AggregateId aggregate, JsonElement data, CancellationToken cancellationToken)
    {
        if (!_events.TryGetValue(eventType, out var classification) || data.ValueKind != JsonValueKind.Object)
        {
            return ValueTask.FromResult(data);
        }

        // Most events of a stream hold nothing encrypted: the text test costs no parse and no scope.
        var raw = data.GetRawText();
        return MayHoldEncrypted(raw)
            ? RevealElementAsync(new PersonalDataScope(classification, aggregate.Type, aggregate.Encoded), raw, data, cancellationToken)
            : ValueTask.FromResult(data);
    }

    /// <inheritdoc />
    public async ValueTask<string> ProtectAsync(PersonalDataScope scope, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(json);
        if (!_options.Enabled || !scope.Classification.HasPersonalData)
        {
            return json;
        }

        var found = new List<ClassifiedField>();
        var root = PersonalDataWalker.Find(json, scope.Classification, FieldClass.Personal, scope.FallbackSubject, found);
        return root is null ? json : (await EncryptAsync(root, found, scope, cancellationToken).ConfigureAwait(false)).ToJsonString(WeeEventsJson.Options);
    }

    /// <inheritdoc />
    public async ValueTask<string> RevealAsync(PersonalDataScope scope, string json, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(json);
        if (!scope.Classification.HasPersonalData || !MayHoldEncrypted(json))
        {
            return json;
        }

        var found = new List<ClassifiedField>();
        var root = PersonalDataWalker.Find(json, scope.Classification, FieldClass.Personal, scope.FallbackSubject, found);
        return root is null ? json : (await DecryptAsync(root, found, scope, carried, cancellationToken).ConfigureAwait(false)).ToJsonString(WeeEventsJson.Options);
    }

    /// <inheritdoc />
    public ValueTask<string> ProtectDocumentAsync(string entityType, string document, string fallbackSubject, CancellationToken cancellationToken) =>
        _replies.TryGetValue(entityType, out var classification)
            ? ProtectAsync(new PersonalDataScope(classification, entityType, fallbackSubject), document, cancellationToken)
            : ValueTask.FromResult(document);

    /// <inheritdoc />
    public ValueTask<string> RevealDocumentAsync(string entityType, string document, string fallbackSubject, CancellationToken cancellationToken) =>
        _replies.TryGetValue(entityType, out var classification)
            ? RevealAsync(new PersonalDataScope(classification, entityType, fallbackSubject), document, null, cancellationToken)
            : ValueTask.FromResult(document);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CarriedKey>> KeysForAsync(PersonalDataScope scope, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(json);
        if (!scope.Classification.HasPersonalData || !MayHoldEncrypted(json))
        {
            return [];
        }

        var found = new List<ClassifiedField>();
        PersonalDataWalker.Find(json, scope.Classification, FieldClass.Personal, scope.FallbackSubject, found);
        var keys = new List<CarriedKey>();
        var now = _time.GetUtcNow();
        foreach (var (id, subject) in found.Select(f => (Id: FieldCipher.TryKeyId(f.Value, out var id) ? id : Guid.Empty, f.Subject)).Where(k => k.Id != Guid.Empty).Distinct())
        {
            // The relay publishes many messages per customer: the wrapped key is read from the store once a while.
            if (!_carried.TryGetValue(id, out var known) || known.Until <= now)
            {
                known = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { WrappedKey: { } wrapped } key
                    ? (new CarriedKey(key.KeyId, key.Subject, key.KekId, wrapped), now + _options.KeyCacheDuration)
                    : default;
                if (known.Key is not null)
                {
                    _carried[id] = known;
                }
            }

            // A key travels only with its own subject's values: one named elsewhere is not this message's to give away.
            if (known.Key is { } carried && carried.Subject == subject && !keys.Contains(carried))
            {
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
        _keys.Forget(subject);

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
    public static bool MayHoldEncrypted(string json) => json?.Contains("\"" + FieldCipher.Prefix, StringComparison.Ordinal) == true;

    private async ValueTask<JsonElement> ProtectElementAsync(PersonalDataScope scope, JsonElement data, CancellationToken cancellationToken)
    {
        var found = new List<ClassifiedField>();
        var root = PersonalDataWalker.Find(data.GetRawText(), scope.Classification, FieldClass.Personal, scope.FallbackSubject, found);
        return root is null ? data : PersonalDataWalker.Write(await EncryptAsync(root, found, scope, cancellationToken).ConfigureAwait(false));
    }

    private async ValueTask<JsonElement> RevealElementAsync(PersonalDataScope scope, string raw, JsonElement data, CancellationToken cancellationToken)
    {
        var found = new List<ClassifiedField>();
        var root = PersonalDataWalker.Find(raw, scope.Classification, FieldClass.Personal, scope.FallbackSubject, found);
        return root is null ? data : PersonalDataWalker.Write(await DecryptAsync(root, found, scope, null, cancellationToken).ConfigureAwait(false));
    }

    // The encrypt strategy: every declared value, whatever it looks like, so nothing a client sends is stored as a
    // ciphertext it chose. Only the erased marker stays as it is: it is no one's data.
    private async ValueTask<JsonNode> EncryptAsync(JsonNode root, List<ClassifiedField> found, PersonalDataScope scope, CancellationToken cancellationToken)
    {
        foreach (var field in found)
        {
            if (Erased.Is(field.Value))
            {
                continue;
            }

            var key = await _keys.ForSubjectAsync(field.Subject, cancellationToken).ConfigureAwait(false);
            // A forgotten subject is retired: nothing new of it is kept, not even encrypted.
            field.Replace(key.Key is null
                ? Erased.Text
                : FieldCipher.Encrypt(key.KeyId, key.Key, field.Value, new FieldBinding(field.Subject, scope.EntityType, field.Path)));
        }

        return root;
    }

    // The decrypt strategy: a declared value shaped like a ciphertext decrypts only with a key of the subject in scope,
    // bound to this entity type and path; any other declared value (plain, erased, an old unbound pd1 value) is text.
    private async ValueTask<JsonNode> DecryptAsync(JsonNode root, List<ClassifiedField> found, PersonalDataScope scope, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken)
    {
        foreach (var field in found)
        {
            if (!FieldCipher.TryKeyId(field.Value, out var keyId))
            {
                continue;
            }

            var key = await _keys.ByIdAsync(keyId, carried, cancellationToken).ConfigureAwait(false);

            string plain;
            if (key.Key is null)
            {
                plain = Erased.Text; // destroyed (forgotten), or never known here
            }
            else if (!string.Equals(key.Subject, field.Subject, StringComparison.Ordinal))
            {
                LogForeignKey(keyId, scope.EntityType, field.Path);
                plain = Erased.Text;
            }
            else if (!FieldCipher.TryDecrypt(field.Value, key.Key, new FieldBinding(field.Subject, scope.EntityType, field.Path), out plain))
            {
                LogUnbound(keyId, scope.EntityType, field.Path);
                plain = Erased.Text;
            }

            field.Replace(plain);
        }

        return root;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A personal value at {Path} of {EntityType} names key {KeyId} of another subject; read as erased")]
    private partial void LogForeignKey(Guid keyId, string entityType, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A personal value at {Path} of {EntityType} under key {KeyId} was not encrypted for this subject, entity type and field; read as erased")]
    private partial void LogUnbound(Guid keyId, string entityType, string path);

}
