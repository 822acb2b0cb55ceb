using System.Security.Cryptography;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The key-encryption key of a test run: random, like a deployment's own, so the services encrypt personal data as in
/// production and run in Production, where the published development KEK is refused. One for the whole run, so a
/// service started again reads what it wrote before.
/// </summary>
public static class TestKek
{
    /// <summary>The <c>WeeEvents:Protection</c> settings every service of the run is given.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Settings { get; } =
    [
        new("WeeEvents:Protection:KeyEncryptionKeyId", "e2e"),
        new("WeeEvents:Protection:KeyEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
    ];
}
