using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WeeEvents.Protection;

/// <summary>
/// One personal value encrypted with AES-256-GCM under a data key, written as text in place of the value:
/// <c>pd2.{key id}.{base64url(nonce | tag | ciphertext)}</c>. The associated data is the version, the key id and the
/// value's <see cref="FieldBinding"/> (subject, entity type, path): a value moved to another customer, entity type or
/// field, or passed off as another key's, does not decrypt. The unbound <c>pd1.</c> format of earlier versions is not
/// read: such a value is text.
/// </summary>
public static class FieldCipher
{
    /// <summary>What every encrypted value starts with.</summary>
    public const string Prefix = "pd2.";

    /// <summary>The size of a data key in bytes.</summary>
    public const int KeySize = 32;

    private const string Version = "pd2";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeyIdLength = 32; // Guid "N"

    /// <summary>True when <paramref name="value"/> has the shape of an encrypted value (it may still not decrypt).</summary>
    public static bool IsEncrypted(string? value) =>
        value is not null && value.Length > Prefix.Length + KeyIdLength + 1 && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Encrypts <paramref name="plain"/> under <paramref name="key"/> (id <paramref name="keyId"/>), bound to <paramref name="binding"/>.</summary>
    public static string Encrypt(Guid keyId, ReadOnlySpan<byte> key, string plain, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), binding.AssociatedData(Version, keyId));
        return string.Concat(Prefix, keyId.ToString("N"), ".", Base64Url.EncodeToString(sealedBytes));
    }

    /// <summary>The key id an encrypted value names; false when it is not one.</summary>
    public static bool TryKeyId(string value, out Guid keyId)
    {
        keyId = default;
        return IsEncrypted(value)
            && value[Prefix.Length + KeyIdLength] == '.'
            && Guid.TryParseExact(value.AsSpan(Prefix.Length, KeyIdLength), "N", out keyId);
    }

    /// <summary>
    /// Decrypts <paramref name="value"/> with <paramref name="key"/> as a value bound to <paramref name="binding"/>; false
    /// when it does not authenticate (another key, another binding, tampered).
    /// </summary>
    public static bool TryDecrypt(string value, ReadOnlySpan<byte> key, FieldBinding binding, out string plain)
    {
        plain = "";
        if (!TryKeyId(value, out var keyId))
        {
            return false;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(value.AsSpan(Prefix.Length + KeyIdLength + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return false;
        }

        var plainBytes = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plainBytes, binding.AssociatedData(Version, keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plain = Encoding.UTF8.GetString(plainBytes);
        return true;
    }
}
