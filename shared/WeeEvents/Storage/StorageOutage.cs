using System.Data.Common;

namespace WeeEvents.Storage;

/// <summary>
/// Tells a failure of the database's availability from every other failure, whatever the provider: ADO.NET providers
/// (Npgsql, Microsoft.Data.SqlClient) mark a failed connect, a connection cut under a command, a timeout and a server
/// shutting down as transient (<see cref="DbException.IsTransient"/>), and EF Core wraps them in exceptions of its own.
/// </summary>
public static class StorageOutage
{
    /// <summary>Whether <paramref name="exception"/>, or one it wraps, is the database not answering.</summary>
    public static bool IsCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
