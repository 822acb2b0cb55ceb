using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WeeEvents.Protection;

/// <summary>
/// One personal value encrypted with AES-256-GCM under a data key, written as text in place of the value:
/// <c>pd1.{key id}.{base64url(nonce | tag | ciphertext)}</c>. The key id is the associated data, so a value cannot be
/// passed off as another key's.
/// </summary>
public static class FieldCipher
{
    /// <summary>What every encrypted value starts with.</summary>
    public const string Prefix = "pd1.";

    /// <summary>The size of a data key in bytes.</summary>
    public const int KeySize = 32;

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeyIdLength = 32; // Guid "N"

    /// <summary>True when <paramref name="value"/> is an encrypted value.</summary>
    public static bool IsEncrypted(string? value) =>
        value is not null && value.Length > Prefix.Length + KeyIdLength + 1 && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Encrypts <paramref name="plain"/> under <paramref name="key"/> (id <paramref name="keyId"/>).</summary>
    public static string Encrypt(Guid keyId, ReadOnlySpan<byte> key, string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associated = stackalloc byte[16];
        keyId.TryWriteBytes(associated);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), associated);
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

    /// <summary>Decrypts <paramref name="value"/> with <paramref name="key"/>; false when it does not authenticate.</summary>
    public static bool TryDecrypt(string value, ReadOnlySpan<byte> key, out string plain)
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
        Span<byte> associated = stackalloc byte[16];
        keyId.TryWriteBytes(associated);
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plainBytes, associated);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plain = Encoding.UTF8.GetString(plainBytes);
        return true;
    }
}
