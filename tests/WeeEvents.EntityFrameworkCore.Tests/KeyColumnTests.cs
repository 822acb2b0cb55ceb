using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// The key rule's lengths are the columns' lengths: every key <see cref="AggregateKeyRule"/> lets through fits the
/// events and outbox tables on every provider, and the rule refuses nothing those columns could hold.
/// </summary>
public sealed class KeyColumnTests
{
    [Theory]
    [InlineData("SqlServer", "Server=nowhere;Database=events")]
    [InlineData("Postgres", "Host=nowhere;Database=events")]
    [InlineData("Sqlite", "Data Source=:memory:")]
    public void The_aggregate_columns_are_as_long_as_the_key_rule_allows(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<WeeEventsDbContext>();
        StorageServiceCollectionExtensions.Configure(options, new StorageOptions { Provider = provider, ConnectionString = connectionString });
        using var db = new WeeEventsDbContext(options.Options);

        foreach (var row in new[] { typeof(EventRow), typeof(OutboxRow) })
        {
            var entity = db.Model.FindEntityType(row)!;
            Assert.Equal(AggregateKeyRule.MaxLength, entity.FindProperty(nameof(EventRow.AggregateKey))!.GetMaxLength());
            Assert.Equal(AggregateKeyRule.MaxTypeLength, entity.FindProperty(nameof(EventRow.AggregateType))!.GetMaxLength());
            // Unicode (nvarchar on SQL Server): a key of any script fits in as many characters as it has.
            Assert.NotEqual(false, entity.FindProperty(nameof(EventRow.AggregateKey))!.IsUnicode());
        }
    }
}
