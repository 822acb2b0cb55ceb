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
        for (var a = 0; a < args.Count; a++)
        {
            var name = args[a];
            string Value() => a + 1 < args.Count ? args[++a] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
            int Positive() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} needs a positive whole number.\n{Usage}");
            options = name switch
            {
                "--events" => options with { Events = Positive() },
                "--skus" => options with { Skus = Positive() },
                "--batch" => options with { Batch = Positive() },
                "--parallel" => options with { Parallelism = Positive() },
                "--connection" => options with { ConnectionString = Value() },
                "--provider" => options with
                {
                    Provider = Value() switch
                    {
                        "postgres" => DatabaseProvider.Postgres,
                        "sqlite" => DatabaseProvider.Sqlite,
                        "sqlserver" => DatabaseProvider.SqlServer,
                        var other => throw new ArgumentException($"--provider {other}: postgres, sqlite or sqlserver.\n{Usage}"),
                    },
                },
                _ => throw new ArgumentException($"Unknown argument '{name}'.\n{Usage}"),
            };
        }

        return options.ConnectionString.Length > 0 ? options : throw new ArgumentException($"--connection is required.\n{Usage}");
    }
}
