namespace WeeEvents.EntityFrameworkCore;

/// <summary>The databases WeeEvents stores events in; chosen by <c>WeeEvents:Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Microsoft SQL Server (the distributed default).</summary>
    SqlServer = 1,

    /// <summary>PostgreSQL through Npgsql.</summary>
    Postgres = 2,

    /// <summary>SQLite (the embedded default).</summary>
    Sqlite = 3,
}
