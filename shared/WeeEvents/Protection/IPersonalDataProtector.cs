using System.Text.Json;

namespace WeeEvents.Protection;

/// <summary>
/// Encrypts the personal fields of what a service writes and decrypts them where it reads: the store calls it on every
/// append and load, the relay on every publish, the routes on every consume. Handlers and reducers see plain values, or
/// <see cref="Erased.Text"/> where the subject was forgotten.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary><paramref name="data"/> of an <paramref name="eventType"/> event with its personal fields encrypted.</summary>
    ValueTask<JsonElement> ProtectAsync(string eventType, AggregateId aggregate, JsonElement data, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="document"/> (a stored reply: an entity as a client saw it) with every field any registered event
    /// declares personal encrypted, under the subject in scope or <paramref name="fallbackSubject"/>.
    /// </summary>
    ValueTask<JsonElement> ProtectDocumentAsync(JsonElement document, string fallbackSubject, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="data"/> with every encrypted value decrypted, with this store's keys or those
    /// <paramref name="carried"/> by a message; a value whose key is destroyed reads as <see cref="Erased.Text"/>.
    /// </summary>
    ValueTask<JsonElement> RevealAsync(JsonElement data, IReadOnlyList<CarriedKey>? carried, CancellationToken cancellationToken);

    /// <summary>The live keys the encrypted values in <paramref name="json"/> name, to carry with it as a message.</summary>
    ValueTask<IReadOnlyList<CarriedKey>> KeysForAsync(string json, CancellationToken cancellationToken);

    /// <summary>Destroys <paramref name="subject"/>'s keys; returns how many were destroyed.</summary>
    Task<int> ForgetAsync(string subject, CancellationToken cancellationToken);
}
