using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WeeEvents.Protection;

/// <summary>
/// The KEK from <see cref="ProtectionOptions"/>: AES-256-GCM over the data key, bound to the key's id and subject (the
/// associated data), so a wrapped key moved to another row does not unwrap.
/// </summary>
public sealed class ConfiguredKeyWrapper : IKeyWrapper
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keks = new(StringComparer.Ordinal);

    /// <summary>Reads the current and previous KEKs.</summary>
    public ConfiguredKeyWrapper(IOptions<ProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        foreach (var (id, key) in value.PreviousKeys)
        {
            _keks[id] = Convert.FromBase64String(key);
        }

        // With protection off and no KEK, nothing is wrapped; values written earlier still read with the previous keys.
        if (value.Current is { } current)
        {
            CurrentKekId = current.Id;
            _keks[current.Id] = Convert.FromBase64String(current.Key);
        }
    }

    /// <inheritdoc />
    public string CurrentKekId { get; } = "";

    /// <inheritdoc />
    public byte[] Wrap(Guid keyId, string subject, ReadOnlySpan<byte> dataKey)
    {
        if (!_keks.TryGetValue(CurrentKekId, out var kek))
        {
            throw new InvalidOperationException($"{ProtectionOptions.Section}:KeyEncryptionKey is not set.");
        }

        var wrapped = new byte[NonceSize + TagSize + dataKey.Length];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(NonceSize + TagSize), wrapped.AsSpan(NonceSize, TagSize), Associated(keyId, subject));
        return wrapped;
    }

    /// <inheritdoc />
    public byte[] Unwrap(string kekId, Guid keyId, string subject, byte[] wrappedKey)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        if (!_keks.TryGetValue(kekId, out var kek))
        {
            throw new UnknownKeyEncryptionKey(kekId);
        }

        var key = new byte[wrappedKey.Length - NonceSize - TagSize];
        using var aes = new AesGcm(kek, TagSize);
        aes.Decrypt(wrappedKey.AsSpan(0, NonceSize), wrappedKey.AsSpan(NonceSize + TagSize), wrappedKey.AsSpan(NonceSize, TagSize), key, Associated(keyId, subject));
        return key;
    }

    private static byte[] Associated(Guid keyId, string subject) => [.. keyId.ToByteArray(), .. Encoding.UTF8.GetBytes(subject)];
}
