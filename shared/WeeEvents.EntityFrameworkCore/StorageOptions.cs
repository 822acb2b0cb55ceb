namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// Where and how a service keeps its events, outbox and inbox. Bound from <c>WeeEvents:Database</c> and
/// <c>ConnectionStrings:Events</c>; validated at start-up.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section of these options.</summary>
    public const string Section = "WeeEvents:Database";

    /// <summary>The configuration key of <see cref="Provider"/>.</summary>
    public const string ProviderKey = "WeeEvents:Database:Provider";

    /// <summary>The configuration key of <see cref="ConnectionString"/>.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Events";

    /// <summary>The database: <c>SqlServer</c>, <c>Postgres</c> or <c>Sqlite</c>, as configured (validated at start-up).</summary>
    public string? Provider { get; set; }

    /// <summary>The provider's connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether start-up creates the schema when absent and migrates an older one (default true).</summary>
    public bool EnsureSchema { get; set; } = true;

    /// <summary>
    /// How long a relay instance owns the outbox rows it claimed, or that a commit of its process handed it, before
    /// another may take them over: the longest a crash delays their publication.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long dispatched outbox rows are kept before the purge (default 24 h), run by the storage's maintenance every
    /// <see cref="MaintenanceInterval"/>: the one retention of dispatched rows.
    /// </summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long inbox rows are kept: the window in which a redelivery is recognised as a duplicate.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long HTTP idempotency keys and their responses are kept.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the purges run; zero turns the maintenance service off.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How much of the streams it reads and writes the process keeps in memory, counted in events (default 100,000; zero
    /// turns it all off): for each stream, the revision it reached, its end as last committed here (units of work read it
    /// instead of the database) and the entity last folded from it (loads fold only the events since). A stream counts
    /// the events it keeps, and at least one; the streams touched longest ago go first. Safe with several instances: a
    /// stream another one appended to is caught at commit, by the unique stream index when the unit appends to it, by a
    /// check of its revision when it does not, and the unit is handled again reading the database; a kept entity is used
    /// only while the stream still holds the event it was folded up to.
    /// </summary>
    public int StreamMemory { get; set; } = 100_000;

    /// <summary>
    /// The key <c>WeeEvents:Database:StreamCacheEvents</c>, renamed <see cref="StreamMemory"/> when the stream cache, the
    /// entity cache and the revisions reached became one memory. Never read: a value here stops start-up with a message
    /// naming the new key, so a setting made for the old one is not silently lost.
    /// </summary>
    public int? StreamCacheEvents { get; set; }

    /// <summary>
    /// How long a unit of work waits for the turn on a stream it reads, before reading without it (default 1 s). Turns
    /// order this process's units of work on one stream so they do not all lose the same race; the database settles
    /// every race either way. A unit whose wait would close a circle of units waiting for each other's turns does not
    /// wait at all.
    /// </summary>
    public TimeSpan StreamTurnWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many turns the streams of this process share, by hash (default 256): more turns mean fewer unrelated streams
    /// waiting on one another, at a small fixed cost in memory.
    /// </summary>
    public int StreamTurns { get; set; } = 256;

    /// <summary>SQLite only: how long a writer waits for the database lock before failing.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The provider, parsed; throws when <see cref="Provider"/> is not one of the known names.</summary>
    public DatabaseProvider DatabaseProvider =>
        Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : throw new InvalidOperationException($"{ProviderKey} is '{Provider}'; set it to SqlServer, Postgres or Sqlite.");
}
