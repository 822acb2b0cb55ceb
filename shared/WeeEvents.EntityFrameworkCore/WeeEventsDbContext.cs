using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.EntityFrameworkCore.Projections;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The one EF Core model of a service's database — events, outbox, inbox, idempotency keys and the schema
/// version — for every provider. Used through a pooled factory; never tracks what it reads.
/// </summary>
public sealed class WeeEventsDbContext(DbContextOptions<WeeEventsDbContext> options) : DbContext(options)
{
    /// <summary>The name of the unique (aggregate type, aggregate key, revision) index: the concurrency guard.</summary>
    public const string StreamIndexName = "ux_events_stream";

    /// <summary>The events' correlation id column, copied from their metadata when they are appended.</summary>
    public const string CorrelationColumn = "correlation_id";

    /// <summary>The name of the index on <see cref="CorrelationColumn"/>, by which a conversation's events are found.</summary>
    public const string CorrelationIndexName = "ix_events_correlation";

    /// <summary>The name of the inbox's primary key, (consumer, message id).</summary>
    public const string InboxKeyName = "pk_inbox";

    /// <summary>The name of the snapshots' primary key, (aggregate type, aggregate key, state version, revision).</summary>
    public const string SnapshotKeyName = "pk_snapshots";

    /// <summary>The name of the idempotency keys' primary key, (scope, key).</summary>
    public const string IdempotencyKeyName = "pk_idempotency_keys";

    internal DbSet<EventRow> Events => Set<EventRow>();

    internal DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    internal DbSet<InboxRow> Inbox => Set<InboxRow>();

    internal DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();

    internal DbSet<SnapshotRow> Snapshots => Set<SnapshotRow>();
    internal DbSet<DataKeyRow> DataKeys => Set<DataKeyRow>();

    internal DbSet<SchemaVersionRow> SchemaVersions => Set<SchemaVersionRow>();

    internal DbSet<SubscriptionCheckpointRow> Checkpoints => Set<SubscriptionCheckpointRow>();

    /// <summary>
    /// The column that orders events as their transactions committed, where the position cannot: PostgreSQL's
    /// <c>xid8</c> of the writing transaction, SQL Server's <c>rowversion</c>. SQLite has one writer at a time, so its
    /// positions are already in commit order and it has no such column. Subscriptions read by it (see the storage README).
    /// </summary>
    public const string CommitOrderColumn = "commit_order";

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ConfigureEvents(modelBuilder);
        ConfigureCommitOrder(modelBuilder);
        ConfigureCorrelation(modelBuilder);
        ConfigureOutbox(modelBuilder);
        ConfigureInbox(modelBuilder);
        ConfigureIdempotency(modelBuilder);
        ConfigureSnapshots(modelBuilder);
        ConfigureDataKeys(modelBuilder);
        modelBuilder.Entity<SchemaVersionRow>(b =>
        {
            b.ToTable("schema_version");
            b.HasKey(v => v.Version).HasName("pk_schema_version");
            b.Property(v => v.Version).HasColumnName("version").ValueGeneratedNever();
            b.Property(v => v.AppliedAt).HasColumnName("applied_at");
        });
        modelBuilder.Entity<SubscriptionCheckpointRow>(b =>
        {
            b.ToTable("subscription_checkpoints");
            b.HasKey(c => c.Name).HasName("pk_subscription_checkpoints");
            b.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
            b.Property(c => c.CommitOrder).HasColumnName("commit_order");
            b.Property(c => c.Position).HasColumnName("position");
            b.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        });
        this.GetService<IDbContextOptions>().FindExtension<ReadModelsExtension>()?.Configure(modelBuilder);
    }

    /// <summary>
    /// SQL Server's <see cref="CorrelationColumn"/>: computed from the metadata rather than written, so adding it to a
    /// database with events updates no row (an update would move every row's rowversion, the subscriptions' order).
    /// </summary>
    internal const string SqlServerCorrelationSql = "CAST(JSON_VALUE([metadata], '$.correlationId') AS nvarchar(200))";

    // PostgreSQL and SQLite: a column the commit writes from the metadata it writes beside it.
    private void ConfigureCorrelation(ModelBuilder modelBuilder) => modelBuilder.Entity<EventRow>(b =>
    {
        var column = b.Property(e => e.CorrelationId).HasColumnName(CorrelationColumn).HasMaxLength(EventRow.MaxCorrelationIdLength);
        if (Database.IsSqlServer())
        {
            column.HasComputedColumnSql(SqlServerCorrelationSql, stored: false);
        }
    });

    // Not a property of EventRow: nothing writes it but the database, and only the subscriptions' raw reads use it.
    private void ConfigureCommitOrder(ModelBuilder modelBuilder)
    {
        if (Database.IsNpgsql())
        {
            modelBuilder.Entity<EventRow>(b =>
            {
                b.Property<ulong>("CommitOrder").HasColumnName(CommitOrderColumn).HasColumnType("xid8")
                    .HasDefaultValueSql("pg_current_xact_id()").ValueGeneratedOnAdd();
                b.HasIndex("CommitOrder", nameof(EventRow.Position)).HasDatabaseName("ix_events_commit_order");
            });
        }
        else if (Database.IsSqlServer())
        {
            modelBuilder.Entity<EventRow>(b =>
            {
                b.Property<byte[]>("CommitOrder").HasColumnName(CommitOrderColumn).IsRowVersion().IsRequired();
                b.HasIndex("CommitOrder").HasDatabaseName("ix_events_commit_order");
            });
        }
    }

    private static void ConfigureEvents(ModelBuilder modelBuilder) => modelBuilder.Entity<EventRow>(b =>
    {
        b.ToTable("events");
        b.HasKey(e => e.Position).HasName("pk_events");
        b.Property(e => e.Position).HasColumnName("position").ValueGeneratedOnAdd();
        b.Property(e => e.EventId).HasColumnName("event_id");
        b.Property(e => e.AggregateType).HasColumnName("aggregate_type").HasMaxLength(100);
        b.Property(e => e.AggregateKey).HasColumnName("aggregate_key").HasMaxLength(200);
        b.Property(e => e.Revision).HasColumnName("revision");
        b.Property(e => e.EventType).HasColumnName("event_type").HasMaxLength(200);
        b.Property(e => e.SchemaVersion).HasColumnName("schema_version");
        // JSON as unbounded text (nvarchar(max) / text): payloads may be large and must round-trip byte for byte.
        b.Property(e => e.Data).HasColumnName("data");
        b.Property(e => e.Metadata).HasColumnName("metadata");
        b.Property(e => e.RecordedAt).HasColumnName("recorded_at");
        b.HasIndex(e => new { e.AggregateType, e.AggregateKey, e.Revision }).IsUnique().HasDatabaseName(StreamIndexName);
        // A conversation's events, found by correlation id without reading the metadata of every row.
        b.HasIndex(e => e.CorrelationId).HasDatabaseName(CorrelationIndexName);
        b.HasIndex(e => e.EventId).IsUnique().HasDatabaseName("ux_events_event_id");
    });

    private static void ConfigureOutbox(ModelBuilder modelBuilder) => modelBuilder.Entity<OutboxRow>(b =>
    {
        b.ToTable("outbox");
        b.HasKey(o => o.Position).HasName("pk_outbox");
        b.Property(o => o.Position).HasColumnName("position").ValueGeneratedOnAdd();
        b.Property(o => o.MessageId).HasColumnName("message_id");
        b.Property(o => o.MessageType).HasColumnName("message_type").HasMaxLength(400);
        b.Property(o => o.Body).HasColumnName("body");
        b.Property(o => o.AggregateType).HasColumnName("aggregate_type").HasMaxLength(100);
        b.Property(o => o.AggregateKey).HasColumnName("aggregate_key").HasMaxLength(200);
        b.Property(o => o.SourceRevision).HasColumnName("source_revision");
        b.Property(o => o.Metadata).HasColumnName("metadata");
        b.Property(o => o.CreatedAt).HasColumnName("created_at");
        b.Property(o => o.ClaimedBy).HasColumnName("claimed_by").HasMaxLength(200);
        b.Property(o => o.LeaseUntil).HasColumnName("lease_until");
        b.Property(o => o.Attempts).HasColumnName("attempts");
        b.Property(o => o.DispatchedAt).HasColumnName("dispatched_at");
        // Pending rows only: the relay's scans stay small however many dispatched rows wait for the purge.
        b.HasIndex(o => new { o.AggregateType, o.AggregateKey, o.Position }).HasDatabaseName("ix_outbox_pending_stream").HasFilter("dispatched_at IS NULL");
        b.HasIndex(o => o.DispatchedAt).HasDatabaseName("ix_outbox_dispatched_at");
        // An operator's conversation look-up: what the outbox holds of a conversation's events (a message's id is its
        // source event's). Ids are time-ordered (UUIDv7), so each insert lands at the index's end.
        b.HasIndex(o => o.MessageId).HasDatabaseName("ix_outbox_message_id");
    });

    private static void ConfigureInbox(ModelBuilder modelBuilder) => modelBuilder.Entity<InboxRow>(b =>
    {
        b.ToTable("inbox");
        b.HasKey(i => new { i.Consumer, i.MessageId }).HasName(InboxKeyName);
        b.Property(i => i.Consumer).HasColumnName("consumer").HasMaxLength(200);
        b.Property(i => i.MessageId).HasColumnName("message_id");
        b.Property(i => i.ReceivedAt).HasColumnName("received_at");
        b.HasIndex(i => i.ReceivedAt).HasDatabaseName("ix_inbox_received_at");
    });

    // The key is the one query's index: the latest revision at or below a bound, for one aggregate and state version.
    private static void ConfigureSnapshots(ModelBuilder modelBuilder) => modelBuilder.Entity<SnapshotRow>(b =>
    {
        b.ToTable("snapshots");
        b.HasKey(s => new { s.AggregateType, s.AggregateKey, s.StateVersion, s.Revision }).HasName(SnapshotKeyName);
        b.Property(s => s.AggregateType).HasColumnName("aggregate_type").HasMaxLength(100);
        b.Property(s => s.AggregateKey).HasColumnName("aggregate_key").HasMaxLength(200);
        b.Property(s => s.StateVersion).HasColumnName("state_version");
        b.Property(s => s.Revision).HasColumnName("revision");
        b.Property(s => s.EventId).HasColumnName("event_id");
        // JSON as unbounded text, as the events' data.
        b.Property(s => s.State).HasColumnName("state");
        b.Property(s => s.TakenAt).HasColumnName("taken_at");
    });

    private static void ConfigureDataKeys(ModelBuilder modelBuilder) => modelBuilder.Entity<DataKeyRow>(b =>
    {
        b.ToTable("data_keys");
        b.HasKey(k => k.KeyId).HasName("pk_data_keys");
        b.Property(k => k.KeyId).HasColumnName("key_id").ValueGeneratedNever();
        b.Property(k => k.Subject).HasColumnName("subject").HasMaxLength(200);
        b.Property(k => k.KekId).HasColumnName("kek_id").HasMaxLength(100);
        b.Property(k => k.WrappedKey).HasColumnName("wrapped_key").HasMaxLength(128);
        b.Property(k => k.CreatedAt).HasColumnName("created_at");
        b.Property(k => k.DestroyedAt).HasColumnName("destroyed_at");
        // Not unique: two instances may each make a key for a new subject, and both stay valid.
        b.HasIndex(k => k.Subject).HasDatabaseName("ix_data_keys_subject");
        b.HasIndex(k => k.KekId).HasDatabaseName("ix_data_keys_kek_id");
        // Every instance looks, every few seconds, for keys destroyed since its last look (ForgottenSubjectsWatch).
        b.HasIndex(k => k.DestroyedAt).HasDatabaseName("ix_data_keys_destroyed_at");
    });

    private static void ConfigureIdempotency(ModelBuilder modelBuilder) => modelBuilder.Entity<IdempotencyRow>(b =>
    {
        b.ToTable("idempotency_keys");
        b.HasKey(i => new { i.Scope, i.Key }).HasName(IdempotencyKeyName);
        b.Property(i => i.Scope).HasColumnName("scope").HasMaxLength(100);
        b.Property(i => i.Key).HasColumnName("key").HasMaxLength(200);
        b.Property(i => i.RequestHash).HasColumnName("request_hash").HasMaxLength(200);
        b.Property(i => i.StatusCode).HasColumnName("status_code");
        b.Property(i => i.Body).HasColumnName("body");
        b.Property(i => i.CreatedAt).HasColumnName("created_at");
        b.HasIndex(i => i.CreatedAt).HasDatabaseName("ix_idempotency_keys_created_at");
    });
}
