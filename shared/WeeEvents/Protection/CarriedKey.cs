namespace WeeEvents.Protection;

/// <summary>
/// A data key travelling with a published message, wrapped by the KEK the services share, so a consumer can read the
/// message's personal fields. A consumer that has forgotten <see cref="Subject"/> ignores it; a publisher whose key is
/// destroyed sends none, and the fields read as erased.
/// </summary>
/// <param name="KeyId">The key's id, as the message's encrypted values name it.</param>
/// <param name="Subject">Whose data it encrypts.</param>
/// <param name="KekId">The KEK that wrapped it.</param>
/// <param name="WrappedKey">The wrapped key.</param>
public sealed record CarriedKey(Guid KeyId, string Subject, string KekId, byte[] WrappedKey);
