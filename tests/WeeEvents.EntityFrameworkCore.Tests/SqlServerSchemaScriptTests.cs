using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>The SQL Server DDL, generated from the model without a server.</summary>
public sealed class SqlServerSchemaScriptTests
{
    private static string Script()
    {
        var options = new DbContextOptionsBuilder<WeeEventsDbContext>();
        StorageServiceCollectionExtensions.Configure(options, new StorageOptions { Provider = "SqlServer", ConnectionString = "Server=nowhere;Database=events" });
        using var db = new WeeEventsDbContext(options.Options);
        return db.Database.GenerateCreateScript();
    }

    [Fact]
    public void The_stream_index_is_unique_on_aggregate_type_key_and_revision()
    {
        Assert.Contains("CREATE UNIQUE INDEX [ux_events_stream] ON [events] ([aggregate_type], [aggregate_key], [revision]);", Script(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[data] nvarchar(max) NOT NULL")]
    [InlineData("[metadata] nvarchar(max) NOT NULL")]
    [InlineData("[body] nvarchar(max) NOT NULL")]
    public void Json_columns_are_unbounded_unicode(string column)
    {
        Assert.Contains(column, Script(), StringComparison.Ordinal);
    }

    [Fact]
    public void It_creates_every_table_with_the_inbox_keyed_by_consumer_and_message()
    {
        var script = Script();

        foreach (var table in new[] { "[events]", "[outbox]", "[inbox]", "[idempotency_keys]", "[schema_version]", "[subscription_checkpoints]", "[snapshots]", "[data_keys]" })
        {
            Assert.Contains($"CREATE TABLE {table}", script, StringComparison.Ordinal);
        }

        Assert.Contains("CONSTRAINT [pk_inbox] PRIMARY KEY ([consumer], [message_id])", script, StringComparison.Ordinal);
        Assert.Contains("WHERE dispatched_at IS NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_carry_a_rowversion_that_subscriptions_read_in_commit_order()
    {
        var script = Script();

        Assert.Contains("[commit_order] rowversion NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX [ix_events_commit_order] ON [events] ([commit_order]);", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshots_are_keyed_by_aggregate_state_version_and_revision_with_the_state_as_unbounded_json()
    {
        var script = Script();

        Assert.Contains("CONSTRAINT [pk_snapshots] PRIMARY KEY ([aggregate_type], [aggregate_key], [state_version], [revision])", script, StringComparison.Ordinal);
        Assert.Contains("[state] nvarchar(max) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[event_id] uniqueidentifier NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_keys_are_kept_by_id_and_found_by_subject_with_room_for_a_wrapped_key()
    {
        var script = Script();

        Assert.Contains("CONSTRAINT [pk_data_keys] PRIMARY KEY ([key_id])", script, StringComparison.Ordinal);
        Assert.Contains("[wrapped_key] varbinary(128) NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX [ix_data_keys_subject] ON [data_keys] ([subject]);", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_correlation_id_is_computed_from_the_metadata_and_indexed()
    {
        var script = Script();

        Assert.Contains("[correlation_id] AS CAST(JSON_VALUE([metadata], '$.correlationId') AS nvarchar(200))", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX [ix_events_correlation] ON [events] ([correlation_id]);", script, StringComparison.Ordinal);
    }
}
