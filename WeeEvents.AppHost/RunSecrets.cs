using System.Security.Cryptography;

namespace WeeEvents.AppHost;

/// <summary>Secrets made for one run and forgotten with it, so nothing secret is written into the repository.</summary>
public static class RunSecrets
{
    /// <summary>A password of 32 hexadecimal digits: safe unescaped in AMQP URLs and connection strings.</summary>
    public static string Password() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A fresh 32-byte key, base64: the key-encryption key that wraps every customer's data key.</summary>
    public static string KeyEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
