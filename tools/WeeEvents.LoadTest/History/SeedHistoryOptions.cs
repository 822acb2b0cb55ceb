using System.Globalization;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.LoadTest.History;

/// <summary>What <c>seed-history</c> writes, and where: read from the command line.</summary>
internal sealed record SeedHistoryOptions
{
    /// <summary>Events of history each SKU gets.</summary>
    public int Events { get; init; } = 10_000;

    /// <summary>The SKUs: the run's <c>sku-000</c> … (as <see cref="OrderFeed.Sku"/> names them).</summary>
    public int Skus { get; init; } = 100;

    /// <summary>
    /// Events per append: one transaction each. A hundred is what the storage writes on PostgreSQL as one batch of one
    /// multi-row insert (<c>CommitWriter</c>); larger appends go through <c>SaveChanges</c>, about three times slower.
    /// </summary>
    public int Batch { get; init; } = 100;

    /// <summary>SKUs seeded at once.</summary>
    public int Parallelism { get; init; } = 4;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Postgres;

    /// <summary>Inventory's events database (its <c>ConnectionStrings:Events</c>).</summary>
    public string ConnectionString { get; init; } = "";

    public const string Usage =
        "usage: WeeEvents.LoadTest seed-history --connection CS [--provider postgres|sqlite] [--events N] [--skus S] [--batch 100] [--parallel P]\n" +
        "environment: SEED_HISTORY_CONNECTION (the flag wins)";

    public static SeedHistoryOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SeedHistoryOptions { ConnectionString = Environment.GetEnvironmentVariable("SEED_HISTORY_CONNECTION") ?? "" };
        var line = new CommandLine(args, Usage);
        while (line.Next(out var name))
        {
            options = name switch
            {
                "--events" => options with { Events = line.Positive() },
                "--skus" => options with { Skus = line.Positive() },
                "--batch" => options with { Batch = line.Positive() },
                "--parallel" => options with { Parallelism = line.Positive() },
                "--connection" => options with { ConnectionString = line.Value() },
                "--provider" => options with
                {
                    Provider = line.Value() switch
                    {
                        "postgres" => DatabaseProvider.Postgres,
                        "sqlite" => DatabaseProvider.Sqlite,
                        "sqlserver" => DatabaseProvider.SqlServer,
                        _ => throw line.Invalid("is postgres, sqlite or sqlserver"),
                    },
                },
                _ => throw line.Unknown(),
            };
        }

        return options.ConnectionString.Length > 0 ? options : throw new ArgumentException($"--connection is required.\n{Usage}");
    }
}
