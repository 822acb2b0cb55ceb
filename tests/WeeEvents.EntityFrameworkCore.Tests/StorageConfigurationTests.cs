using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>How a service is configured, and how it fails to start when configured wrong.</summary>
public sealed class StorageConfigurationTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWeeEventsStorage(builder.Configuration);
        builder.Services.AddHealthChecks().AddWeeEventsStorageCheck();
        return builder.Build();
    }

    [Theory]
    [InlineData("Host=db;Username=u", 64, true, false)]
    [InlineData("Host=db;Username=u;Max Auto Prepare=0;No Reset On Close=false", 0, false, false)]
    [InlineData("Host=db;Username=u;maxautoprepare=5;Multiplexing=true", 5, true, true)]
    public void A_PostgreSQL_connection_prepares_its_statements_and_skips_the_reset_unless_its_string_says_otherwise_and_multiplexes_only_when_asked(
        string configured, int maxAutoPrepare, bool noResetOnClose, bool multiplexing)
    {
        using var host = Build(new() { ["WeeEvents:Database:Provider"] = "Postgres", ["ConnectionStrings:Events"] = configured });
        using var db = host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WeeEventsDbContext>>().CreateDbContext();

        var used = new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));

        Assert.Equal((maxAutoPrepare, noResetOnClose, multiplexing), (used.MaxAutoPrepare, used.NoResetOnClose, used.Multiplexing));
    }

    [Theory]
    [InlineData(null, "Data Source=x.db", "WeeEvents:Database:Provider is missing")]
    [InlineData("Oracle", "Data Source=x.db", "WeeEvents:Database:Provider is 'Oracle'")]
    [InlineData("Sqlite", null, "ConnectionStrings:Events is missing")]
    [InlineData("Postgres", "Host=localhost;Bogus Keyword=1", "ConnectionStrings:Events is not a valid Postgres connection string")]
    [InlineData("SqlServer", "this is not a connection string", "ConnectionStrings:Events is not a valid SqlServer connection string")]
    public async Task A_missing_or_malformed_setting_stops_start_up_naming_the_key(string? provider, string? connectionString, string message)
    {
        using var host = Build(new() { ["WeeEvents:Database:Provider"] = provider, ["ConnectionStrings:Events"] = connectionString });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_outbox_retention_stops_start_up_naming_the_key()
    {
        using var host = Build(new()
        {
            ["WeeEvents:Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Events"] = "Data Source=x.db",
            ["WeeEvents:Database:OutboxRetention"] = "-00:00:01",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("WeeEvents:Database:OutboxRetention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_host_creates_its_schema_at_start_and_registers_every_store()
    {
        var path = Path.Combine(Path.GetTempPath(), $"weeevents_host_{Guid.NewGuid():N}.db");
        try
        {
            using var host = Build(new()
            {
                ["WeeEvents:Database:Provider"] = "sqlite",
                ["ConnectionStrings:Events"] = $"Data Source={path}",
                ["WeeEvents:Database:OutboxLease"] = "00:01:00",
            });

            await host.StartAsync(TestContext.Current.CancellationToken);
            var services = host.Services;
            Assert.IsType<EfEventStore>(services.GetRequiredService<IEventStore>());
            Assert.IsType<EfIdempotencyStore>(services.GetRequiredService<IIdempotencyStore>());
            Assert.NotNull(services.GetRequiredService<IUnitOfWorkFactory>());
            Assert.IsType<Outbox.EfOutboxStore>(services.GetRequiredService<IOutboxStore>());
            Assert.Equal(TimeSpan.FromMinutes(1), services.GetRequiredService<IOptions<StorageOptions>>().Value.OutboxLease);
            var schema = services.GetRequiredService<Schema.SchemaInitializer>();
            Assert.Equal(Schema.SchemaInitializer.CurrentVersion, await schema.ReadVersionAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await services.GetRequiredService<IOutboxStore>().CountPendingAsync(TestContext.Current.CancellationToken));
            var health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"), TestContext.Current.CancellationToken);
            Assert.Equal(HealthStatus.Healthy, health.Entries["database"].Status);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
    }
}
