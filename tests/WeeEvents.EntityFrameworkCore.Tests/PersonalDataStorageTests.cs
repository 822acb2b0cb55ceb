using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore.Protection;
using WeeEvents.EntityFrameworkCore.Schema;
using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.EntityFrameworkCore.Tests.Targets;
using WeeEvents.Messaging;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// Personal fields in the real databases: encrypted in the events and outbox rows, plain to whoever loads them, erased
/// for a forgotten customer only, and still readable after the KEK is rotated and the old one removed.
/// </summary>
public abstract class PersonalDataStorageTests : IAsyncLifetime
{
    public sealed record Address([property: PersonalData] string Name, string Country);

    public sealed record ItemAdded([property: DataSubject] string CustomerId, Address Address, [property: PersonalData] string Token);

    private static readonly string OldKek = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string NewKek = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());
    private readonly List<ServiceProvider> _opened = [];
    private TestDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract TestDatabase CreateDatabase();

    public ValueTask InitializeAsync()
    {
        _database = CreateDatabase();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var services in _opened)
        {
            await services.DisposeAsync();
        }

        await _database!.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<ServiceProvider> OpenAsync(Dictionary<string, string?> protection)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IOutboxMapper>(new ItemMapper());
        services.AddSingleton(new EventDataType(ItemMapper.EventType, typeof(ItemAdded)));
        services.AddWeeEventsStorage(o =>
        {
            o.Provider = _database!.Provider.ToString();
            o.ConnectionString = _database.ConnectionString;
        });
        services.AddWeeEventsProtection(new ConfigurationBuilder().AddInMemoryCollection(protection).Build());
        var provider = services.BuildServiceProvider();
        _opened.Add(provider);
        await provider.GetRequiredService<SchemaInitializer>().EnsureSchemaAsync(Ct);
        return provider;
    }

    private static Dictionary<string, string?> Kek(string id, string key, string? previousId = null, string? previous = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WeeEvents:Protection:KeyEncryptionKeyId"] = id,
            ["WeeEvents:Protection:KeyEncryptionKey"] = key,
        };
        if (previousId is not null)
        {
            settings[$"WeeEvents:Protection:PreviousKeys:{previousId}"] = previous;
        }

        return settings;
    }

    private static DomainEvent Added(string customer, string name, string token) =>
        DomainEvent.Create(ItemMapper.EventType, new ItemAdded(customer, new Address(name, "GB"), token));

    private static async Task<string> RawAsync(IServiceProvider services, string sql)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>().CreateDbContextAsync(Ct);
        return string.Join("\n", await db.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct));
    }

    private static async Task<ItemAdded> LoadAsync(IServiceProvider services, AggregateId aggregate) =>
        (await services.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: Ct)).Single().Data.Deserialize<ItemAdded>(WeeEventsJson.Options)!;

    [Fact]
    public async Task Rows_hold_no_plain_personal_data_and_loads_read_it_plain()
    {
        var services = await OpenAsync(Kek("kek-1", OldKek));
        var ada = new AggregateId("cart", "a-1");
        var bob = new AggregateId("cart", "b-1");
        await services.GetRequiredService<IEventStore>().AppendAsync(ada, [Added("c-ada", "Ada Lovelace", "tok_ada_secret")], new AppendOptions(), Ct);
        // The unit of work (the consumers' path) protects as the store does.
        await using (var unit = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            await unit.Events.AppendAsync(bob, [Added("c-bob", "Bob Babbage", "tok_bob_secret")], new AppendOptions(), Ct);
            await unit.CommitAsync(Ct);
        }

        var rows = await RawAsync(services, "SELECT data AS \"Value\" FROM events") + await RawAsync(services, "SELECT body AS \"Value\" FROM outbox");
        foreach (var plain in new[] { "Ada Lovelace", "tok_ada_secret", "Bob Babbage", "tok_bob_secret" })
        {
            Assert.DoesNotContain(plain, rows, StringComparison.Ordinal);
        }

        Assert.Contains(FieldCipher.Prefix, rows, StringComparison.Ordinal);
        Assert.Equal(new ItemAdded("c-ada", new Address("Ada Lovelace", "GB"), "tok_ada_secret"), await LoadAsync(services, ada));
        Assert.Equal("Bob Babbage", (await LoadAsync(services, bob)).Address.Name);
    }

    [Fact]
    public async Task Forgetting_one_customer_erases_theirs_and_leaves_the_others()
    {
        var services = await OpenAsync(Kek("kek-1", OldKek));
        var store = services.GetRequiredService<IEventStore>();
        var ada = new AggregateId("cart", "a-2");
        var bob = new AggregateId("cart", "b-2");
        await store.AppendAsync(ada, [Added("c-ada2", "Ada Lovelace", "tok_ada")], new AppendOptions(), Ct);
        await store.AppendAsync(bob, [Added("c-bob2", "Bob Babbage", "tok_bob")], new AppendOptions(), Ct);

        Assert.Equal(1, await services.GetRequiredService<IPersonalDataProtector>().ForgetAsync("c-ada2", Ct));

        // A fresh instance (no key in memory) reads the same.
        var other = await OpenAsync(Kek("kek-1", OldKek));
        foreach (var reader in new[] { services, other })
        {
            var erased = await LoadAsync(reader, ada);
            Assert.Equal(Erased.Text, erased.Address.Name);
            Assert.Equal(Erased.Text, erased.Token);
            Assert.Equal("GB", erased.Address.Country);
            Assert.Equal("Bob Babbage", (await LoadAsync(reader, bob)).Address.Name);
        }

        Assert.Equal("", await RawAsync(services, "SELECT subject AS \"Value\" FROM data_keys WHERE subject = 'c-ada2' AND wrapped_key IS NOT NULL"));
    }

    [Fact]
    public async Task Forgetting_a_customer_leaves_no_stream_or_entity_in_memory_that_answers_with_their_values()
    {
        var services = await OpenAsync(Kek("kek-1", OldKek));
        var cart = new AggregateId("cart", "m-1");
        var names = ServiceDescription.Create(
            new ServiceInfo("cart"),
            LoaderDescription.FromInitializer(() => "").Reducer<ItemAdded>(ItemMapper.EventType, (_, e) => e.Data.Address.Name).Description(),
            DispatcherDescription.For<string>().Description());
        // A unit of work commits the cart, so its stream is kept in memory; a load folds it, so the entity is kept too.
        await using (var unit = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            await unit.Events.AppendAsync(cart, [Added("c-mem", "Ada Lovelace", "tok_mem")], new AppendOptions(), Ct);
            Assert.Equal("Ada Lovelace", (await names.CreateService(unit.Events).LoadAsync(cart, Ct)).State);
            await unit.CommitAsync(Ct);
        }

        var service = names.CreateService(services.GetRequiredService<IEventStore>());
        Assert.Equal("Ada Lovelace", (await service.LoadAsync(cart, Ct)).State);

        await services.GetRequiredService<IPersonalDataProtector>().ForgetAsync("c-mem", Ct);

        Assert.Equal(Erased.Text, (await service.LoadAsync(cart, Ct)).State);
        await using (var unit = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            Assert.Equal(Erased.Text, (await names.CreateService(unit.Events).LoadAsync(cart, Ct)).State);
        }
    }

    [Fact]
    public async Task Another_instance_reads_a_customer_forgotten_by_one_instance_as_erased_within_the_poll_interval()
    {
        // Keys stay in memory for ten minutes: only the watch can make the other instance let go in time.
        var settings = new Dictionary<string, string?>(Kek("kek-1", OldKek))
        {
            ["WeeEvents:Protection:KeyCacheDuration"] = "00:10:00",
            ["WeeEvents:Protection:ForgetPollInterval"] = "00:00:00.100",
        };
        var forgetting = await OpenAsync(settings);
        var other = await OpenAsync(settings);
        var hosted = other.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(Ct);
        }

        var ada = new AggregateId("cart", "a-3");
        await forgetting.GetRequiredService<IEventStore>().AppendAsync(ada, [Added("c-ada3", "Ada Lovelace", "tok_ada")], new AppendOptions(), Ct);
        Assert.Equal("Ada Lovelace", (await LoadAsync(other, ada)).Address.Name);

        await forgetting.GetRequiredService<IPersonalDataProtector>().ForgetAsync("c-ada3", Ct);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await LoadAsync(other, ada)).Address.Name != Erased.Text && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(Erased.Text, (await LoadAsync(other, ada)).Address.Name);
        foreach (var service in hosted)
        {
            await service.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task After_rotation_every_event_decrypts_also_with_the_old_kek_removed()
    {
        var before = await OpenAsync(Kek("kek-1", OldKek));
        var carts = Enumerable.Range(0, 5).Select(i => new AggregateId("cart", $"r-{i}")).ToArray();
        foreach (var (cart, i) in carts.Select((c, i) => (c, i)))
        {
            await before.GetRequiredService<IEventStore>().AppendAsync(cart, [Added($"c-rot-{i}", $"Name {i}", $"tok_{i}")], new AppendOptions(), Ct);
        }

        var rotating = await OpenAsync(Kek("kek-2", NewKek, "kek-1", OldKek));
        var rewrapped = await KeyRotation.RewrapAllAsync(rotating.GetRequiredService<IDataKeyStore>(), rotating.GetRequiredService<IKeyWrapper>(), Ct);
        Assert.Equal(5, rewrapped);
        Assert.Equal(0, await KeyRotation.RewrapAllAsync(rotating.GetRequiredService<IDataKeyStore>(), rotating.GetRequiredService<IKeyWrapper>(), Ct));

        var after = await OpenAsync(Kek("kek-2", NewKek));
        foreach (var (cart, i) in carts.Select((c, i) => (c, i)))
        {
            Assert.Equal($"Name {i}", (await LoadAsync(after, cart)).Address.Name);
        }
    }
}

/// <summary>On the PostgreSQL server of POSTGRES_CONNECTION.</summary>
public sealed class PostgresPersonalDataStorageTests : PersonalDataStorageTests
{
    protected override TestDatabase CreateDatabase() => PostgresDatabase.Create();
}

/// <summary>On SQLite in a temporary file.</summary>
public sealed class SqlitePersonalDataStorageTests : PersonalDataStorageTests
{
    protected override TestDatabase CreateDatabase() => SqliteDatabase.Create();
}
