namespace WeeEvents.Protection;

/// <summary>
/// <c>WeeEvents:Protection</c>: whether personal data is encrypted, and the key-encryption key (KEK) that wraps every
/// data subject's data key. The KEK is the one secret: keep it in a secret store, never in the database it protects.
/// </summary>
public sealed class ProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WeeEvents:Protection";

    /// <summary>
    /// A KEK for development only — the demo, docker compose and the tests — published in this repository, so it
    /// protects nothing: a deployment sets <c>WeeEvents:Protection:KeyEncryptionKey</c> to its own.
    /// </summary>
    public const string DevelopmentKey = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=";

    /// <summary>The id of <see cref="DevelopmentKey"/>.</summary>
    public const string DevelopmentKeyId = "dev";

    /// <summary>Whether personal fields are encrypted (on by default; <c>false</c> to measure the cost).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The current KEK, 32 bytes in base64: new data keys are wrapped with it.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>The current KEK's id, stored beside each data key it wraps so rotation knows which KEK to unwrap with.</summary>
    public string KeyEncryptionKeyId { get; set; } = "kek-1";

    /// <summary>
    /// Earlier KEKs by id (base64), kept only until a rotation has re-wrapped every data key with the current one;
    /// then removed.
    /// </summary>
    public Dictionary<string, string> PreviousKeys { get; set; } = [];

    /// <summary>
    /// Use <see cref="DevelopmentKey"/> when no KEK is configured: on by default in the Development environment, and
    /// honoured only there (<see cref="DevelopmentKeyAllowed"/>). Set anywhere else, it stops the service at start, as a
    /// missing KEK does: a deployment cannot turn the published key back on by a setting.
    /// </summary>
    public bool UseDevelopmentKey { get; set; }

    /// <summary>
    /// Whether the host runs in the Development environment, where alone <see cref="DevelopmentKey"/> may protect data.
    /// Set by the host from its environment (<c>AddWeeEventsProtection</c>), never from configuration: its setter is
    /// not public, so no setting can bind it.
    /// </summary>
    public bool DevelopmentKeyAllowed { get; internal set; }

    /// <summary>
    /// How long an unwrapped data key stays in memory. Forgetting clears this instance's cache at once; other instances
    /// of the service stop using a destroyed key within this time.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often an instance looks for subjects another instance of the service forgot (default 5 s): it then drops their
    /// keys and its caches of plain values, so no instance serves a forgotten customer's data for longer than this.
    /// </summary>
    public TimeSpan ForgetPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The current KEK and its id, the development one when none is set and that is allowed.</summary>
    public (string Id, string Key)? Current =>
        !string.IsNullOrWhiteSpace(KeyEncryptionKey) ? (KeyEncryptionKeyId, KeyEncryptionKey)
        : UseDevelopmentKey ? (DevelopmentKeyId, DevelopmentKey)
        : null;
}
