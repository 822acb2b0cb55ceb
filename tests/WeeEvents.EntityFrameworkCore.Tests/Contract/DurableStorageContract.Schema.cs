using WeeEvents.EntityFrameworkCore.Schema;
using WeeEvents.EntityFrameworkCore.Tests.Support;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

public abstract partial class DurableStorageContract
{
    [Fact]
    public async Task Instances_starting_together_on_an_empty_database_create_the_schema_once()
    {
        var instances = new List<WeeEventsStorage>();
        for (var i = 0; i < 4; i++)
        {
            instances.Add(await OpenAsync(ensureSchema: false));
        }

        var found = await Task.WhenAll(instances.Select(s => Task.Run(() => s.EnsureSchemaAsync(Ct), Ct)));

        Assert.Equal(1, found.Count(f => f == 0));
        Assert.All(found.Where(f => f != 0), f => Assert.Equal(SchemaInitializer.CurrentVersion, f));
        Assert.Equal(SchemaInitializer.CurrentVersion, await instances[0].Schema.ReadVersionAsync(Ct));
        var aggregate = NewAggregate();
        await instances[1].Events.AppendAsync(aggregate, [ItemMapper.Item(1)], AppendOptions.Default, Ct);
        Assert.Single(await instances[2].Events.LoadAsync(aggregate, cancellationToken: Ct));
        // A restart finds the schema in place.
        Assert.Equal(SchemaInitializer.CurrentVersion, await instances[3].EnsureSchemaAsync(Ct));
    }
}
