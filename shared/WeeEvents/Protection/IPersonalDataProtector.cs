using System.Text.Json;

namespace WeeEvents.Protection;

/// <summary>
/// Encrypts the personal fields of what a service writes and decrypts them where it reads: the store calls it on every
/// append and load, the relay on every publish, the routes on every consume. Only the paths a record's
/// <see cref="PersonalDataClassification"/> declares are encrypted or decrypted, each bound to its subject, entity type
/// and path (<see cref="FieldBinding"/>). Handlers and reducers see plain values, or <see cref="Erased.Text"/> where the
/// subject was forgotten or a value does not belong where it was found.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary>
    /// <paramref name="data"/> of an <paramref name="eventType"/> event of <paramref name="aggregate"/> with its personal
    /// fields encrypted. Every declared value is encrypted, whatever it looks like: a client's value shaped like a
    /// ciphertext is text like any other.
    /// </summary>
    ValueTask<JsonElement> ProtectAsync(string eventType, AggregateId aggregate, JsonElement data, CancellationToken cancellationToken);

    /// <summary><paramref name="data"/> of an <paramref name="eventType"/> event of <paramref name="aggregate"/> with its personal fields decrypted.</summary>
    ValueTask<JsonElement> RevealAsync(string eventType, AggregateId aggregate, JsonElement data, CancellationToken cancellationToken);

    /// <summary><paramref name="json"/> (any record: a contract) with the personal fields <paramref name="scope"/> declares encrypted.</summary>
    ValueTask<string> ProtectAsync(PersonalDataScope scope, string json, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="json"/> with the personal fields <paramref name="scope"/> declares decrypted, with this store's keys
    /// or those <paramref name="carried"/> by a message.
    /// </summary>
    ValueTask<string> RevealAsync(PersonalDataScope scope, string json, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="document"/> (a stored reply: an <paramref name="entityType"/> entity as a client saw it) with its
    /// state's personal fields encrypted, under the subject in scope or <paramref name="fallbackSubject"/>.
    /// </summary>
    ValueTask<string> ProtectDocumentAsync(string entityType, string document, string fallbackSubject, CancellationToken cancellationToken);

    /// <summary>A stored reply with its state's personal fields decrypted.</summary>
    ValueTask<string> RevealDocumentAsync(string entityType, string document, string fallbackSubject, CancellationToken cancellationToken);

    /// <summary>
    /// The live keys the personal fields of <paramref name="json"/> name, each only for the subject in scope where it is
    /// named, to carry with it as a message.
    /// </summary>
    ValueTask<IReadOnlyList<CarriedKey>> KeysForAsync(PersonalDataScope scope, string json, CancellationToken cancellationToken);

    /// <summary>Destroys <paramref name="subject"/>'s keys; returns how many were destroyed.</summary>
    Task<int> ForgetAsync(string subject, CancellationToken cancellationToken);
}
