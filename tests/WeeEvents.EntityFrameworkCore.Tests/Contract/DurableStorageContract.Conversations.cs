using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore.Operator;
using WeeEvents.EntityFrameworkCore.Schema;
using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.Messaging;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

public abstract partial class DurableStorageContract
{
    [Fact]
    public async Task A_conversation_is_found_by_correlation_id_and_by_stream_key_and_nothing_else()
    {
        var storage = await OpenAsync();
        var (order, sku, other) = (NewAggregate("order"), NewAggregate("sku"), NewAggregate("order"));
        var conversation = Guid.CreateVersion7().ToString();
        await storage.Events.AppendAsync(order, [ItemMapper.Item(1), ItemMapper.Item(2)], Correlated(conversation), Ct);
        await storage.Events.AppendAsync(sku, [ItemMapper.Item(3)], Correlated(conversation), Ct);
        await storage.Events.AppendAsync(other, [ItemMapper.Item(4)], Correlated(Guid.CreateVersion7().ToString()), Ct);

        var byCorrelation = await RecordsOf(storage).ConversationAsync([conversation], [], Ct);
        var byKey = await RecordsOf(storage).ConversationAsync([order.Key], [], Ct);

        Assert.Equal([order.Encoded, order.Encoded, sku.Encoded], byCorrelation.Events.Select(e => e.Aggregate));
        Assert.All(byCorrelation.Events, e => Assert.Equal(conversation, e.CorrelationId));
        Assert.Equal([order.Encoded, order.Encoded], byKey.Events.Select(e => e.Aggregate));
    }

    [Fact]
    public async Task A_conversation_names_what_the_outbox_sent_of_its_events_and_which_messages_the_inbox_handled()
    {
        var storage = await OpenAsync();
        var (order, conversation, message) = (NewAggregate("order"), Guid.CreateVersion7().ToString(), Guid.CreateVersion7());
        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.True(await unit.TryRecordHandledAsync("order.mark-paid", message, Ct));
            await unit.Events.AppendAsync(order, [ItemMapper.Item(1)], Correlated(conversation), Ct);
            await unit.CommitAsync(Ct);
        }

        var routes = MessageRoutes.Empty.On<string>("order.mark-paid", _ => Task.CompletedTask).On<string>("order.other", _ => Task.CompletedTask);
        var part = await RecordsOf(storage, routes).ConversationAsync([conversation], [message], Ct);

        var appended = Assert.Single(part.Events);
        Assert.Equal(appended.EventId, Assert.Single(part.Sent).MessageId);
        Assert.Equal(("order.mark-paid", message), (Assert.Single(part.Handled).Consumer, part.Handled[0].MessageId));
    }

    [Fact]
    public async Task A_version_2_schema_gains_the_correlation_column_filled_from_the_metadata_of_the_events_it_holds()
    {
        var storage = await OpenAsync();
        var conversation = Guid.CreateVersion7().ToString();
        var (order, sku) = (NewAggregate("order"), NewAggregate("sku"));
        await storage.Events.AppendAsync(order, [ItemMapper.Item(1)], Correlated(conversation), Ct);
        await storage.Events.AppendAsync(sku, [ItemMapper.Item(2)], Correlated(conversation), Ct);
        await DowngradeToVersion2Async(storage);

        var migrated = await OpenAsync(ensureSchema: false);
        Assert.Equal(2, await migrated.EnsureSchemaAsync(Ct));
        await migrated.Events.AppendAsync(order, [ItemMapper.Item(3)], Correlated(conversation), Ct);

        Assert.Equal(SchemaInitializer.CurrentVersion, await migrated.Schema.ReadVersionAsync(Ct));
        var found = await RecordsOf(migrated).ConversationAsync([conversation], [], Ct);
        Assert.Equal([order.Encoded, sku.Encoded, order.Encoded], found.Events.Select(e => e.Aggregate));
        await using var db = await Contexts(migrated).CreateDbContextAsync(Ct);
        Assert.Equal(3, await db.Events.CountAsync(e => e.CorrelationId == conversation, Ct));
    }

    private static AppendOptions Correlated(string correlationId) => new() { Metadata = new EventMetadata { CorrelationId = correlationId, Actor = "test" } };

    private static IDbContextFactory<WeeEventsDbContext> Contexts(WeeEventsStorage storage) =>
        storage.Services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();

    // The entity types a service would register with its descriptions: the streams keyed by an order id are found by key.
    private static EfOperatorRecords RecordsOf(WeeEventsStorage storage, MessageRoutes? routes = null) =>
        new(Contexts(storage), [], [new EntityStateType("order", typeof(object)), new EntityStateType("sku", typeof(object))], routes, TimeProvider.System);

    // The schema as version 2 left it: no correlation column (nor, so, its index).
    private static async Task DowngradeToVersion2Async(WeeEventsStorage storage)
    {
        await using var db = await Contexts(storage).CreateDbContextAsync(Ct);
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlServer() ? "DROP INDEX ix_events_correlation ON events" : "DROP INDEX ix_events_correlation", Ct);
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE events DROP COLUMN correlation_id", Ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE schema_version SET version = 2 WHERE version = 3", Ct);
    }
}
