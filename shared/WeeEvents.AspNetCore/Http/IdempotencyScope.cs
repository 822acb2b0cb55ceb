using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// Whose an <c>Idempotency-Key</c> is. A key is the caller's, for one command route: the store keeps it (in the entity
/// type's scope) under a digest of the command and the caller's subject followed by the key the client sent, so the same
/// key sent by another caller, or to another command, is another key — it never replays someone else's response. The
/// digest keeps subjects out of the table and the stored key within the column.
/// </summary>
internal static class IdempotencyScope
{
    /// <summary>The longest key the store holds: the <c>idempotency_keys.key</c> column.</summary>
    public const int MaxStoredKeyLength = 200;

    /// <summary>
    /// The key under which the store keeps <paramref name="clientKey"/> sent by <paramref name="subject"/> (null: no
    /// authentication is set up, so every caller is the same anonymous one) to <paramref name="command"/>.
    /// </summary>
    public static string StoredKeyOf(string command, string? subject, string clientKey)
    {
        // Length-prefixed so that no command name and subject can run into another pair's digest input.
        var caller = subject is null ? "-" : "sub:" + subject;
        var owner = Digest($"{command.Length}:{command}\n{caller.Length}:{caller}", 16);
        var stored = $"{owner}:{clientKey}";
        // A long client key is kept as its digest instead: '#' where ':' would be, so the two forms never meet.
        return stored.Length <= MaxStoredKeyLength ? stored : $"{owner}#{Digest(clientKey, 32)}";
    }

    /// <summary>The hash a stored response is matched on: method, path and body bytes.</summary>
    public static string RequestHash(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Digest(string text, int bytes) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));
}
